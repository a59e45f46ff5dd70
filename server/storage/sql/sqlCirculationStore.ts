import type { CirculationOutcome } from '../../../shared/negotiation/circulation.js';
import type { CirculationStore, StoredCirculation } from '../circulationStore.js';
import { toCirculation, type CirculationRow } from './circulationRows.js';
import type { SqlClient } from './sqlClient.js';

/** Circulations and their deadlines; in PostgreSQL every server sees the same ones. */
export class SqlCirculationStore implements CirculationStore {
  constructor(private readonly sql: SqlClient) {}

  async add(c: StoredCirculation): Promise<void> {
    await this.sql.run(
      'INSERT INTO circulations (id, doc_id, version, deadline, started_at, started_by, closed_at, outcome) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)',
      [c.id, c.declarationId, c.version, c.deadline, c.startedAt, c.by],
    );
  }

  async open(): Promise<StoredCirculation[]> {
    const rows = await this.sql.all<CirculationRow>('SELECT * FROM circulations WHERE closed_at IS NULL ORDER BY deadline');
    return rows.map(toCirculation);
  }

  async close(id: string, closedAt: number, outcome: CirculationOutcome): Promise<void> {
    await this.sql.run('UPDATE circulations SET closed_at = ?, outcome = ? WHERE id = ? AND closed_at IS NULL', [closedAt, outcome, id]);
  }
}
