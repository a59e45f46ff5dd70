/** A value a statement takes: bytes are Yjs states and updates. */
export type SqlValue = string | number | null | Uint8Array;

/**
 * The little a store written once needs from either driver: statements with `?` placeholders
 * and the shared schema's column names, rows as plain objects whose integers (even `bigint`
 * columns) are numbers and whose bytes are Buffers. sqlite/sqliteClient.ts and
 * postgres/postgresClient.ts are the two adapters.
 */
export interface SqlClient {
  /** The rows a query (or a statement with RETURNING) gives. */
  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Runs a statement; resolves with how many rows it inserted, changed or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** The first row a query gives, if any. */
export async function firstRow<R>(sql: SqlClient, query: string, params?: readonly SqlValue[]): Promise<R | undefined> {
  return (await sql.all<R>(query, params))[0];
}

/** Values as both drivers take them: bytes as Buffers. */
export function bindValues(params: readonly SqlValue[]): (string | number | null | Buffer)[] {
  return params.map((p) => (p instanceof Uint8Array ? toBuffer(p) : p));
}

/** A Buffer view of the same bytes, without copying: what both drivers take for a blob / bytea. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
