import type * as Y from 'yjs';
import type { CanonicalText } from '../compare/canonical.js';
import { readAlignment, readRowStates, rowsFromAlignment } from './alignment.js';
import { textFragmentName } from './declaration.js';
import { readUnits } from './documentText.js';
import type { LanguageCode } from './ids.js';
import { blockDelta, renderBracketsAsText } from '../negotiation/brackets.js';
import { toNfc } from '../text/nfc.js';

/**
 * The declaration as plain data: title, languages, and every row in reading order with each
 * language's paragraphs (NFC text, bracketed text shown as `[text / option]`) and the row's status. What versions keep, comparisons read
 * and exports print; no Yjs needed to use it.
 */
export function canonicalText(doc: Y.Doc, title: string, languages: readonly LanguageCode[]): CanonicalText {
  const units = new Map(languages.map((l) => [l as string, readUnits(doc.getXmlFragment(textFragmentName(l)))]));
  const textOf = new Map<string, string>();
  // Text under negotiation is shown in brackets, with its options, in everything built from this.
  for (const list of units.values()) for (const u of list) textOf.set(u.pid, toNfc(renderBracketsAsText(blockDelta(u.element))));
  const states = readRowStates(doc);
  const rows = rowsFromAlignment(
    readAlignment(doc),
    languages.map((lang) => ({ lang, pids: units.get(lang)!.map((u) => u.pid) })),
  );
  return {
    title,
    languages: [...languages],
    rows: rows.map((row) => ({
      id: row.key,
      cells: Object.fromEntries(languages.map((l) => [l, (row.cells[l] ?? []).map((pid) => ({ pid, text: textOf.get(pid) ?? '' }))])),
      status: states.get(row.key)?.status ?? 'draft',
    })),
  };
}
