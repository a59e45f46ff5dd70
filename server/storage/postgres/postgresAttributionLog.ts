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
import { postgresClient } from './postgresClient.js';
import { inTransaction, LockSpace, type PostgresClient, type PostgresDatabase } from './postgresDatabase.js';

/** Consecutive edits by the same person to the same paragraph within this window are one row. */
const MERGE_WINDOW_MS = 60_000;

/**
 * A batch every two seconds, not a commit per keystroke. Shorter than SQLite's minute: a read
 * flushes only its own server's batch, so this bounds how stale another server's reads can be.
 */
const FLUSH_MS = 2000;

interface PendingEdit {
  readonly id: DeclarationId;
  readonly pids: readonly string[];
  readonly edit: ParagraphEdit;
}

/**
 * Who changed which paragraph, in PostgreSQL. Edits are written in batches; reads on this server
 * flush first. A batch locks each declaration it touches (in a fixed order, so two servers never
 * deadlock), so the merge of consecutive edits holds when several servers record at once.
 */
export class PostgresAttributionLog implements AttributionLog {
  private pending: PendingEdit[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The flush under way: a read waits for it, so it never misses an edit already taken from `pending`. */
  private flushing: Promise<void> = Promise.resolve();

  private readonly sql;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.sql = postgresClient(db);
  }

  async record(id: DeclarationId, pids: readonly string[], edit: ParagraphEdit): Promise<void> {
    this.pending.push({ id, pids, edit });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(this.onError), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending (called before reads and when the server stops). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    const run = this.flushing.catch(() => undefined).then(() => (batch.length > 0 ? this.writeBatch(batch) : undefined));
    this.flushing = run;
    return run;
  }

  private async writeBatch(batch: readonly PendingEdit[]): Promise<void> {
    await inTransaction(this.db, async (client) => {
      for (const doc of [...new Set(batch.map((p) => p.id))].sort()) {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.Attribution, doc]);
      }
      for (const { id, pids, edit } of batch) for (const pid of pids) await this.write(client, id, pid, edit);
    });
  }

  private async write(client: PostgresClient, id: DeclarationId, pid: string, edit: ParagraphEdit): Promise<void> {
    const sql = postgresClient(client);
    const [previous] = await sql.all<{ id: number; grant_id: string; at: number }>(LAST_PARAGRAPH_EDIT, [id, pid]);
    if (previous && previous.grant_id === edit.grantId && edit.at - previous.at < MERGE_WINDOW_MS) await sql.run(TOUCH_PARAGRAPH_EDIT, [edit.at, previous.id]);
    else await sql.run(INSERT_PARAGRAPH_EDIT, [id, pid, edit.grantId, edit.name, edit.at]);
  }

  async changedSince(id: DeclarationId, since: number, exceptGrant: string, limit: number): Promise<(ParagraphEdit & { pid: string })[]> {
    await this.flush();
    // Each paragraph's most recent change (SQLite's `max(at) … GROUP BY pid`), newest first.
    const { rows } = await this.db.query<ParagraphEditRow & { pid: string }>(
      `SELECT pid, grant_id, name, at FROM (
         SELECT DISTINCT ON (pid) pid, grant_id, name, at FROM paragraph_edits
         WHERE doc_id = $1 AND at > $2 AND grant_id <> $3
         ORDER BY pid, at DESC, id DESC
       ) latest ORDER BY at DESC LIMIT $4`,
      [id, since, exceptGrant, limit],
    );
    return rows.map(toChangedParagraph);
  }

  async history(id: DeclarationId, pid: string, limit: number): Promise<ParagraphEdit[]> {
    await this.flush();
    return (await this.sql.all<ParagraphEditRow>(PARAGRAPH_HISTORY, [id, pid, limit])).map(toParagraphEdit);
  }
}
