import type * as Y from 'yjs';
import type { StoredRow } from './alignment.js';
import { textFragmentName } from './declaration.js';
import type { LanguageCode } from './ids.js';
import { PID_ATTRIBUTE, isParagraphId, pidElements } from './paragraphIds.js';

/**
 * The block attribute a paragraph typed into an empty "not yet translated" slot carries: the id
 * of a paragraph of the row it was typed for, in another language. It lives in the writer's own
 * `text:<lang>` (a delegation may not write the alignment), and says where the new paragraph
 * belongs until the aligner has written it into that row.
 */
export const COUNTERPART_ATTRIBUTE = 'counterpartOf';

/** A paragraph of `lang` written as the counterpart of the paragraph `of`. */
export interface CounterpartHint {
  readonly lang: string;
  readonly pid: string;
  readonly of: string;
}

/** Every counterpart hint in the document's text fragments. */
export function readCounterpartHints(doc: Y.Doc, languages: readonly LanguageCode[]): CounterpartHint[] {
  // Runs on every layout pass in the editor: attributes only, no text is read.
  const hints: CounterpartHint[] = [];
  for (const lang of languages) {
    for (const element of pidElements(doc.getXmlFragment(textFragmentName(lang)))) {
      const of = element.getAttribute(COUNTERPART_ATTRIBUTE);
      const pid = element.getAttribute(PID_ATTRIBUTE);
      if (isParagraphId(of) && isParagraphId(pid) && of !== pid) hints.push({ lang, pid, of });
    }
  }
  return hints;
}

/**
 * The alignment with each hinted paragraph put into the row it was typed for: when no row holds
 * it yet and that row still lacks its language. A paragraph no stored row holds gets a row of
 * its own with the hinted one. Rows hold only paragraphs in `present`; the input is not changed.
 */
export function applyCounterpartHints(
  stored: ReadonlyMap<string, StoredRow>,
  hints: readonly CounterpartHint[],
  present: ReadonlyMap<string, string>,
): Map<string, StoredRow> {
  const rows = new Map(stored);
  if (hints.length === 0) return rows;
  const rowOf = new Map<string, string>();
  for (const [key, row] of rows) for (const pids of Object.values(row.cells)) for (const p of pids) if (present.has(p)) rowOf.set(p, key);
  for (const hint of hints) {
    if (rowOf.has(hint.pid) || !present.has(hint.of)) continue;
    const key = rowOf.get(hint.of);
    if (key === undefined) {
      const ofLang = present.get(hint.of)!;
      if (ofLang === hint.lang) continue;
      const own = `r:${hint.of}`;
      if (rows.has(own)) continue;
      rows.set(own, {
        cells: { [ofLang]: [hint.of], [hint.lang]: [hint.pid] },
        origin: 'auto',
        score: 1,
        evidence: [{ kind: 'counterpart', detail: 'typed in its slot' }],
      });
      rowOf.set(hint.of, own).set(hint.pid, own);
      continue;
    }
    const row = rows.get(key)!;
    if ((row.cells[hint.lang] ?? []).some((p) => present.has(p))) continue;
    rows.set(key, { ...row, cells: { ...row.cells, [hint.lang]: [hint.pid] } });
    rowOf.set(hint.pid, key);
  }
  return rows;
}

/** Paragraph id → language, for every paragraph in the given languages' text. */
export function presentParagraphs(doc: Y.Doc, languages: readonly LanguageCode[]): Map<string, string> {
  const present = new Map<string, string>();
  for (const lang of languages) {
    for (const element of pidElements(doc.getXmlFragment(textFragmentName(lang)))) {
      const pid = element.getAttribute(PID_ATTRIBUTE);
      if (isParagraphId(pid)) present.set(pid, lang);
    }
  }
  return present;
}
