import type * as Y from 'yjs';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { canonicalText } from '../../shared/model/canonicalText';
import { readRowStates, staleLanguages } from '../../shared/model/alignment';

/**
 * Rows agreed once whose text changed since in a language other than `lang` (so `lang`'s text
 * needs a look); for the secretariat (`lang` null), every stale row. Returns the rows' first pids.
 */
export function rowsToCheck(doc: Y.Doc, declaration: DeclarationSummary, lang: string | null): { rowKey: string; pid: string; changedIn: string[] }[] {
  const states = readRowStates(doc);
  const out: { rowKey: string; pid: string; changedIn: string[] }[] = [];
  for (const row of canonicalText(doc, declaration.title, declaration.languages).rows) {
    const texts = Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.text)]));
    const stale = staleLanguages(states.get(row.id), texts);
    const relevant = lang === null ? stale.length > 0 : stale.some((l) => l !== lang) && (row.cells[lang] ?? []).length > 0;
    const pid = Object.values(row.cells).flat()[0]?.pid;
    if (relevant && pid) out.push({ rowKey: row.id, pid, changedIn: stale });
  }
  return out;
}
