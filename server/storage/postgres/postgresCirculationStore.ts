import type { DeclarationId } from '../../../shared/model/ids.js';
import type { CirculationOutcome } from '../../../shared/negotiation/circulation.js';
import type { CirculationStore, StoredCirculation } from '../circulationStore.js';
import type { PostgresDatabase } from './postgresDatabase.js';

interface Row {
  id: string;
  doc_id: string;
  version: number;
  deadline: number;
  started_at: number;
  started_by: string;
  closed_at: number | null;
  outcome: CirculationOutcome | null;
}

/** Circulations in PostgreSQL: every server sees the same deadlines. */
export class PostgresCirculationStore implements CirculationStore {
  constructor(private readonly db: PostgresDatabase) {}

  async add(c: StoredCirculation): Promise<void> {
    await this.db.query(
      'INSERT INTO circulations (id, doc_id, version, deadline, started_at, started_by, closed_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)',
      [c.id, c.declarationId, c.version, c.deadline, c.startedAt, c.by],
    );
  }

  async open(): Promise<StoredCirculation[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM circulations WHERE closed_at IS NULL ORDER BY deadline');
    return rows.map((r) => ({
      id: r.id,
      declarationId: r.doc_id as DeclarationId,
      version: r.version,
      deadline: r.deadline,
      startedAt: r.started_at,
      by: r.started_by,
      closedAt: r.closed_at,
      outcome: r.outcome,
    }));
  }

  async close(id: string, closedAt: number, outcome: CirculationOutcome): Promise<void> {
    await this.db.query('UPDATE circulations SET closed_at = $1, outcome = $2 WHERE id = $3 AND closed_at IS NULL', [closedAt, outcome, id]);
  }
}
