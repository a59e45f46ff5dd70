import type * as Y from 'yjs';
import type { ParagraphId } from '../model/ids.js';
import type { Row } from '../model/rows.js';
import type { Thread } from './commentModel.js';
import { readThreads } from './commentThreads.js';

/** Which paragraphs and rows a thread shows against: what the editor and notifications group threads by. */

/** The paragraph ids a thread shows against now (range: its paragraph; row and detached: the existing ones). */
export function threadPids(thread: Thread): readonly ParagraphId[] {
  return thread.anchor.kind === 'range' ? [thread.anchor.pid] : thread.anchor.pids;
}

/** Threads by the paragraph ids they show against (a row or detached thread under each of its pids). */
export function threadsByPid(doc: Y.Doc, threads: readonly Thread[] = readThreads(doc)): Map<ParagraphId, Thread[]> {
  const byPid = new Map<ParagraphId, Thread[]>();
  for (const thread of threads) {
    for (const pid of threadPids(thread)) {
      const list = byPid.get(pid);
      if (list) list.push(thread);
      else byPid.set(pid, [thread]);
    }
  }
  return byPid;
}

/**
 * Threads by row key, each thread under exactly one row: the row of a range's paragraph; for a
 * row or detached thread, the row holding most of its existing pids (the earliest on a tie).
 * Threads none of whose pids is in any row are left out.
 */
export function threadsByRow(threads: readonly Thread[], rows: readonly Row[]): Map<string, Thread[]> {
  const rowIndexOf = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const pids of Object.values(row.cells)) for (const p of pids) if (!rowIndexOf.has(p)) rowIndexOf.set(p, i);
  });
  const byRow = new Map<string, Thread[]>();
  for (const thread of threads) {
    const counts = new Map<number, number>();
    for (const pid of threadPids(thread)) {
      const i = rowIndexOf.get(pid);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    let best: number | null = null;
    for (const [i, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && i < best)) best = i;
    if (best === null) continue;
    const key = rows[best]!.key;
    const list = byRow.get(key);
    if (list) list.push(thread);
    else byRow.set(key, [thread]);
  }
  return byRow;
}
