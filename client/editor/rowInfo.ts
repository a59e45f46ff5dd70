import type * as Y from 'yjs';
import { readAlignment, readRowStates, staleLanguages, DEFAULT_ROW_STATE, UNSURE_BELOW, type RowState, type StoredRow } from '../../shared/model/alignment';
import { textFragmentName } from '../../shared/model/declaration';
import { readUnits } from '../../shared/model/documentText';
import type { LanguageCode } from '../../shared/model/ids';
import type { Row } from '../../shared/model/rows';

/** What the editor shows about a row besides its text. */
export interface RowInfo {
  readonly row: Row;
  readonly index: number;
  readonly state: RowState;
  readonly stored: StoredRow | null;
  /** Languages changed since the row was agreed. */
  readonly stale: readonly string[];
  /** Languages with no paragraph in the row. */
  readonly missing: readonly string[];
  readonly texts: Readonly<Record<string, readonly string[]>>;
  /** The aligner was unsure (low score): a person should check this row. */
  readonly review: boolean;
}

/** Status, staleness and missing counterparts of every row, from the document. */
export function describeRows(doc: Y.Doc, rows: readonly Row[], languages: readonly LanguageCode[]): RowInfo[] {
  const stored = readAlignment(doc);
  const states = readRowStates(doc);
  const textOf = new Map<string, string>();
  for (const lang of languages) for (const u of readUnits(doc.getXmlFragment(textFragmentName(lang)))) textOf.set(u.pid, u.text);
  return rows.map((row, index) => {
    const texts = Object.fromEntries(languages.map((l) => [l, (row.cells[l] ?? []).map((p) => textOf.get(p) ?? '')]));
    const state = states.get(row.key) ?? DEFAULT_ROW_STATE;
    const own = stored.get(row.key) ?? null;
    return {
      row,
      index,
      state,
      stored: own,
      review: own?.origin === 'auto' && own.score < UNSURE_BELOW && !state.confirmed,
      stale: staleLanguages(state, texts),
      missing: languages.filter((l) => (row.cells[l] ?? []).length === 0),
      texts,
    };
  });
}
