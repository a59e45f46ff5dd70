import type { DeclarationId } from '../../../shared/model/ids.js';
import type { CirculationOutcome } from '../../../shared/negotiation/circulation.js';
import type { CirculationStore, StoredCirculation } from '../circulationStore.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

interface Row {
  id: string;
  doc_id: string;
  version: number;
  deadline: number;
  started_at: number;
  by: string;
  closed_at: number | null;
  outcome: CirculationOutcome | null;
}

export class SqliteCirculationStore implements CirculationStore {
  constructor(private readonly db: SqliteDatabase) {}

  async add(c: StoredCirculation): Promise<void> {
    this.db
      .prepare('INSERT INTO circulations (id, doc_id, version, deadline, started_at, by, closed_at, outcome) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)')
      .run(c.id, c.declarationId, c.version, c.deadline, c.startedAt, c.by);
  }

  async open(): Promise<StoredCirculation[]> {
    return (this.db.prepare('SELECT * FROM circulations WHERE closed_at IS NULL ORDER BY deadline').all() as Row[]).map((r) => ({
      id: r.id,
      declarationId: r.doc_id as DeclarationId,
      version: r.version,
      deadline: r.deadline,
      startedAt: r.started_at,
      by: r.by,
      closedAt: r.closed_at,
      outcome: r.outcome,
    }));
  }

  async close(id: string, closedAt: number, outcome: CirculationOutcome): Promise<void> {
    this.db.prepare('UPDATE circulations SET closed_at = ?, outcome = ? WHERE id = ? AND closed_at IS NULL').run(closedAt, outcome, id);
  }
}
