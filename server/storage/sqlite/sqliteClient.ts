import type { Statement } from 'better-sqlite3';
import { bindValues, type SqlClient, type SqlValue } from '../sql/sqlClient.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

/** The shared stores' view of an SQLite file: statements are prepared once and kept. */
export function sqliteClient(db: SqliteDatabase): SqlClient {
  const prepared = new Map<string, Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    async all<R>(sql: string, params: readonly SqlValue[] = []) {
      return statement(sql).all(...bindValues(params)) as R[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return statement(sql).run(...bindValues(params)).changes;
    },
  };
}
