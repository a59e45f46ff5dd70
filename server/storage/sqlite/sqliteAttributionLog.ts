import type { DeclarationId } from '../../../shared/model/ids.js';
import type { AttributionLog, ParagraphEdit } from '../attribution.js';
import {
  INSERT_PARAGRAPH_EDIT,
  LAST_PARAGRAPH_EDIT,
  PARAGRAPH_HISTORY,
  toChangedParagraph,
  toParagraphEdit,
  TOUCH_PARAGRAPH_EDIT,
  type ParagraphEditRow,
} from '../sql/attributionRows.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

/** Consecutive edits by the same person to the same paragraph within this window are one row. */
const MERGE_WINDOW_MS = 60_000;

/**
 * Edits are written in batches, one a minute (the merge window): a database commit writes whole
 * pages, many times a keystroke, so committing often would dominate what the server writes.
 * Reads flush first, so nobody reads a stale history; a killed process forgets at most the last
 * minute of *who* edited which paragraph, never the edit (the update log keeps its author).
 */
const FLUSH_MS = MERGE_WINDOW_MS;

export class SqliteAttributionLog implements AttributionLog {
  private pending: { id: DeclarationId; pid: string; edit: ParagraphEdit }[] = [];
  /**
   * The last pending edit of each paragraph: a person's next keystroke there within the merge
   * window only moves its time, as writing it would, so a minute of typing (or a flood of
   * updates) is one row to write, not one per update (issue 21: writing 8,000 held the server for seconds).
   */
  private lastPending = new Map<string, { id: DeclarationId; pid: string; edit: ParagraphEdit }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: SqliteDatabase) {}

  async record(id: DeclarationId, pids: readonly string[], edit: ParagraphEdit): Promise<void> {
    for (const pid of pids) {
      const key = `${id}\u0000${pid}`;
      const last = this.lastPending.get(key);
      if (last && last.edit.grantId === edit.grantId && edit.at - last.edit.at < MERGE_WINDOW_MS) {
        last.edit = { ...last.edit, at: edit.at };
        continue;
      }
      const entry = { id, pid, edit };
      this.pending.push(entry);
      this.lastPending.set(key, entry);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending (called before reads and when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.lastPending = new Map();
    if (batch.length > 0) this.db.transaction(() => batch.forEach(({ id, pid, edit }) => this.write(id, pid, edit)))();
  }

  private statements: ReturnType<SqliteAttributionLog['prepare']> | null = null;

  private prepare() {
    return {
      last: this.db.prepare<[string, string], { id: number; grant_id: string; at: number }>(LAST_PARAGRAPH_EDIT),
      touch: this.db.prepare<[number, number]>(TOUCH_PARAGRAPH_EDIT),
      insert: this.db.prepare<[string, string, string, string, number]>(INSERT_PARAGRAPH_EDIT),
    };
  }

  private write(id: DeclarationId, pid: string, edit: ParagraphEdit): void {
    const { last, touch, insert } = (this.statements ??= this.prepare());
    const previous = last.get(id, pid);
    if (previous && previous.grant_id === edit.grantId && edit.at - previous.at < MERGE_WINDOW_MS) touch.run(edit.at, previous.id);
    else insert.run(id, pid, edit.grantId, edit.name, edit.at);
  }

  async changedSince(id: DeclarationId, since: number, exceptGrant: string, limit: number): Promise<(ParagraphEdit & { pid: string })[]> {
    this.flush();
    return this.db
      .prepare<[string, number, string, number], ParagraphEditRow & { pid: string }>(
        `SELECT pid, grant_id, name, max(at) AS at FROM paragraph_edits
         WHERE doc_id = ? AND at > ? AND grant_id <> ? GROUP BY pid ORDER BY at DESC LIMIT ?`,
      )
      .all(id, since, exceptGrant, limit)
      .map(toChangedParagraph);
  }

  async history(id: DeclarationId, pid: string, limit: number): Promise<ParagraphEdit[]> {
    this.flush();
    return this.db.prepare<[string, string, number], ParagraphEditRow>(PARAGRAPH_HISTORY).all(id, pid, limit).map(toParagraphEdit);
  }
}
