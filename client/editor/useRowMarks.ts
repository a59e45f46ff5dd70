import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import type { LanguageCode } from '../../shared/model/ids';
import { type Objection, readCirculations, readObjections } from '../../shared/negotiation/circulation';
import type { Thread } from '../../shared/negotiation/commentModel';
import { readThreads } from '../../shared/negotiation/commentThreads';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { threadsByRow } from '../../shared/negotiation/threadPlacement';
import type { LayoutSnapshot } from './layoutController';
import { countRows, type RowFilter, type RowMarks } from './rowFilter';
import { describeRows, type RowInfo } from './rowInfo';

/** What the workspace knows of each row: its description, and the threads, objections and suggestions on it. */
export interface RowMarksView {
  readonly infos: readonly RowInfo[];
  readonly rowOfPid: ReadonlyMap<string, RowInfo>;
  readonly threads: readonly Thread[];
  readonly threadsOfRow: ReadonlyMap<string, Thread[]>;
  readonly objectionsOfRow: ReadonlyMap<string, Objection[]>;
  /** Every suggestion (pending or not) by the row of its paragraph. */
  readonly suggestionsOfRow: ReadonlyMap<string, Suggestion[]>;
  /** The paragraph ids of the agreed rows, where an edit needs consent. */
  readonly agreedPids: ReadonlySet<string>;
  readonly marksOf: (key: string) => RowMarks;
  readonly counts: Record<RowFilter, number>;
}

/** Reads the rows of the layout with what is on each, again whenever `version` moves (see useRowsTick). */
export function useRowMarks(
  doc: Y.Doc,
  langs: readonly LanguageCode[],
  layout: LayoutSnapshot | null,
  version: number,
  suggestions: readonly Suggestion[],
): RowMarksView {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const infos = useMemo(() => (layout ? describeRows(doc, layout.rows, langs) : []), [layout, version, doc, langs]);
  const rowOfPid = useMemo(() => {
    const map = new Map<string, RowInfo>();
    for (const info of infos) for (const pids of Object.values(info.row.cells)) for (const pid of pids) map.set(pid, info);
    return map;
  }, [infos]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const threads = useMemo(() => readThreads(doc), [doc, version]);
  const threadsOfRow = useMemo(() => (layout ? threadsByRow(threads, layout.rows) : new Map<string, Thread[]>()), [threads, layout]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const objections = useMemo(() => latestObjections(doc), [doc, version]);
  const objectionsOfRow = useMemo(() => {
    const map = new Map<string, Objection[]>();
    for (const o of objections) {
      const info = Object.values(o.pids)
        .flat()
        .map((p) => rowOfPid.get(p))
        .find(Boolean);
      if (info) map.set(info.row.key, [...(map.get(info.row.key) ?? []), o]);
    }
    return map;
  }, [objections, rowOfPid]);
  // Pending suggestions by row and by the side that made them, for the filter bar.
  const pendingSidesOfRow = useMemo(() => {
    const map = new Map<string, Record<string, number>>();
    for (const s of suggestions) {
      if (s.status !== 'pending') continue;
      const info = s.place ? rowOfPid.get(s.place.pid) : undefined;
      if (!info) continue;
      const bySide = map.get(info.row.key) ?? {};
      bySide[s.author.delegation] = (bySide[s.author.delegation] ?? 0) + 1;
      map.set(info.row.key, bySide);
    }
    return map;
  }, [suggestions, rowOfPid]);
  const marksOf = useCallback(
    (key: string): RowMarks => ({
      openThreads: (threadsOfRow.get(key) ?? []).filter((th) => th.status === 'open').length,
      objections: (objectionsOfRow.get(key) ?? []).length,
      suggestions: pendingSidesOfRow.get(key),
    }),
    [threadsOfRow, objectionsOfRow, pendingSidesOfRow],
  );
  const counts = useMemo(() => countRows(infos, marksOf), [infos, marksOf]);
  const agreedPids = useMemo(() => {
    const set = new Set<string>();
    for (const info of infos) if (info.state.status === 'agreed') for (const pids of Object.values(info.row.cells)) for (const pid of pids) set.add(pid);
    return set;
  }, [infos]);
  const suggestionsOfRow = useMemo(() => {
    const map = new Map<string, Suggestion[]>();
    for (const s of suggestions) {
      const info = rowOfPid.get(s.place?.pid ?? s.pid);
      if (info) map.set(info.row.key, [...(map.get(info.row.key) ?? []), s]);
    }
    return map;
  }, [suggestions, rowOfPid]);
  return { infos, rowOfPid, threads, threadsOfRow, objectionsOfRow, suggestionsOfRow, agreedPids, marksOf, counts };
}

/** The objections of the latest circulation (open or closed): what the silence procedure met. */
function latestObjections(doc: Y.Doc): Objection[] {
  const circulations = readCirculations(doc);
  const latest = circulations[circulations.length - 1];
  return latest ? readObjections(doc, latest.id) : [];
}
