import type * as Y from 'yjs';
import type { CanonicalCell, CanonicalText } from '../compare/canonical.js';
import { readAlignment, readRowStates, rowsFromAlignment, staleLanguages } from './alignment.js';
import { textFragmentName } from './declaration.js';
import { readUnits, type Unit } from './documentText.js';
import { superscriptSpans } from './superscripts.js';
import type { LanguageCode } from './ids.js';
import { blockDelta, renderBracketsAsText } from '../negotiation/brackets.js';
import { toNfc } from '../text/nfc.js';

/**
 * The declaration as plain data: title, languages, and every row in reading order with each
 * language's paragraphs and the row's status and staleness. What versions keep, comparisons
 * read, exports print and signatories sign; no Yjs needed to use it. A paragraph's text is
 * what a reader sees: NFC, an ordered list item's number in front (`3. …`), text under
 * negotiation as `[text / option]`.
 */
export function canonicalText(doc: Y.Doc, title: string, languages: readonly LanguageCode[]): CanonicalText {
  const units = new Map(languages.map((l) => [l as string, readUnits(doc.getXmlFragment(textFragmentName(l)))]));
  const unitOf = new Map<string, Unit>();
  for (const list of units.values()) for (const u of list) unitOf.set(u.pid, u);
  const states = readRowStates(doc);
  const rows = rowsFromAlignment(
    readAlignment(doc),
    languages.map((lang) => ({ lang, pids: units.get(lang)!.map((u) => u.pid) })),
  );
  return {
    title,
    languages: [...languages],
    rows: rows.map((row) => {
      const pidsOf = (lang: string) => row.cells[lang] ?? [];
      const state = states.get(row.key);
      // Staleness is judged on the plain text, as the row was confirmed (see alignment.ts).
      const plain = Object.fromEntries(languages.map((l) => [l, pidsOf(l).map((pid) => unitOf.get(pid)?.text ?? '')]));
      return {
        id: row.key,
        cells: Object.fromEntries(languages.map((l) => [l, pidsOf(l).map((pid) => canonicalCell(pid, unitOf.get(pid)))])),
        status: state?.status ?? 'draft',
        stale: staleLanguages(state, plain),
      };
    }),
  };
}

/** A paragraph as versions keep it: its visible text and, when it has any, its superscripts. */
function canonicalCell(pid: string, unit: Unit | undefined): CanonicalCell {
  const text = visibleText(unit);
  const superscripts = unit ? superscriptSpans(unit.element, text, unit.label ? `${unit.label} ` : '') : [];
  return superscripts.length > 0 ? { pid, text, superscripts } : { pid, text };
}

/** What a reader sees of a unit: NFC, its list number in front, brackets as `[text / option]`. */
export function visibleText(unit: Unit | undefined): string {
  if (!unit) return '';
  const text = toNfc(renderBracketsAsText(blockDelta(unit.element)));
  return unit.label ? `${unit.label} ${text}` : text;
}
