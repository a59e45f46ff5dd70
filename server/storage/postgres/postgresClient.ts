import type pg from 'pg';
import { bindValues, type SqlClient, type SqlValue } from '../sql/sqlClient.js';

/** `?` placeholders as PostgreSQL numbers them (`$1`, `$2`, …). Accord's statements hold no `?` in literals. */
function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * The shared stores' view of a PostgreSQL pool (or of one connection inside a transaction).
 * `bigint` columns already come back as numbers: the pool's type parser does that (postgresDatabase.ts).
 */
export function postgresClient(db: pg.Pool | pg.PoolClient): SqlClient {
  const numbered = new Map<string, string>();
  const text = (sql: string) => {
    let t = numbered.get(sql);
    if (t === undefined) numbered.set(sql, (t = numberPlaceholders(sql)));
    return t;
  };
  return {
    async all<R>(sql: string, params: readonly SqlValue[] = []) {
      return (await db.query(text(sql), bindValues(params))).rows as R[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await db.query(text(sql), bindValues(params))).rowCount ?? 0;
    },
  };
}
