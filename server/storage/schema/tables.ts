/**
 * Accord's database schema, written once for SQLite and PostgreSQL: ddl.ts renders it per
 * dialect. Column names are the same in both, so one row mapper per store serves both drivers.
 * Changing a table here also needs an upgrade step (migrations.ts) for databases that exist;
 * the migration tests check that an upgraded database ends exactly where a fresh one starts.
 */

/**
 * What a column holds; ddl.ts picks each dialect's type.
 * - `text`; `sortedText`: compared bytewise (`COLLATE "C"` in PostgreSQL, SQLite's default),
 *   for ids and keys whose order must not depend on the server's locale;
 * - `integer`: small counts (version numbers); `bigint`: milliseconds, sequence numbers,
 *   Yjs client ids (unsigned 32-bit), row ids: read back as numbers by both drivers;
 * - `bytes`: Yjs states and updates;
 * - `serial`: a generated row id, the table's primary key, never reused.
 */
export type ColumnType = 'text' | 'sortedText' | 'integer' | 'bigint' | 'bytes' | 'serial';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  /** `table(column)` this column refers to. */
  readonly references?: string;
}

export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** A partial index: only rows matching this (portable) condition. */
  readonly where?: string;
}

export interface Table {
  readonly name: string;
  /** Only in this dialect (the tables where the two keep documents differently). */
  readonly only?: 'sqlite' | 'postgres';
  readonly columns: readonly Column[];
  /** A primary key over several columns. */
  readonly primaryKey?: readonly string[];
  readonly indexes?: readonly Index[];
  /** Rows can never be changed nor removed: the database refuses, with this message. */
  readonly immutable?: string;
  /** These columns can never change once written (the row itself may, elsewhere): the database refuses, with this message. */
  readonly fixedColumns?: { readonly name: string; readonly columns: readonly string[]; readonly message: string };
}

// Each helper keeps the column's name as a literal type, so that ColumnOf can check row types against the schema.
const text = <N extends string>(name: N, more: Partial<Column> = {}) => ({ name, type: 'text', ...more }) as Column & { readonly name: N };
const sortedText = <N extends string>(name: N, more: Partial<Column> = {}) => ({ name, type: 'sortedText', ...more }) as Column & { readonly name: N };
const bigint = <N extends string>(name: N, more: Partial<Column> = {}) => ({ name, type: 'bigint', ...more }) as Column & { readonly name: N };
const integer = <N extends string>(name: N, more: Partial<Column> = {}) => ({ name, type: 'integer', ...more }) as Column & { readonly name: N };
const bytes = <N extends string>(name: N) => ({ name, type: 'bytes' }) as Column & { readonly name: N };
const serial = <N extends string>(name: N) => ({ name, type: 'serial', primaryKey: true }) as Column & { readonly name: N };
const nullable = { nullable: true } as const;

export const TABLES = [
  {
    name: 'declarations',
    columns: [sortedText('id', { primaryKey: true }), text('title'), text('languages'), bigint('created_at')],
  },
  {
    name: 'grants',
    columns: [
      sortedText('id', { primaryKey: true }),
      text('token_hash', { unique: true }),
      sortedText('declaration_id', { nullable: true, references: 'declarations(id)' }),
      text('role'),
      text('lang', nullable),
      text('name'),
      bigint('created_at'),
      bigint('expires_at', nullable),
      bigint('revoked_at', nullable),
    ],
    indexes: [{ name: 'grants_by_declaration', columns: ['declaration_id', 'created_at'] }],
  },
  // Documents as PostgreSQL keeps them. Per document, `doc_heads` holds the last sequence
  // number given: appends lock that row, so numbers are handed out and committed in order even
  // when several servers write one document. The embedded default keeps documents in files
  // (sqlite/logDocumentStore.ts) and reads its two tables only to move what an older Accord left there.
  { name: 'doc_heads', only: 'postgres', columns: [text('doc_id', { primaryKey: true }), bigint('last_seq')] },
  { name: 'doc_snapshots', columns: [text('doc_id', { primaryKey: true }), bytes('state'), bigint('seq')] },
  {
    name: 'doc_updates',
    only: 'postgres',
    columns: [text('doc_id'), bigint('seq'), bytes('data'), text('access_id', nullable), bigint('at')],
    primaryKey: ['doc_id', 'seq'],
  },
  {
    name: 'doc_updates',
    only: 'sqlite',
    columns: [serial('seq'), text('doc_id'), bytes('data'), text('access_id', nullable), bigint('at')],
    indexes: [{ name: 'doc_updates_by_doc', columns: ['doc_id', 'seq'] }],
  },
  {
    name: 'paragraph_edits',
    columns: [serial('id'), text('doc_id'), text('pid'), text('grant_id'), text('name'), bigint('at')],
    indexes: [
      { name: 'paragraph_edits_by_pid', columns: ['doc_id', 'pid', 'at'] },
      { name: 'paragraph_edits_by_time', columns: ['doc_id', 'at'] },
    ],
  },
  {
    name: 'versions',
    columns: [
      text('doc_id'),
      integer('version'),
      text('kind'),
      text('label'),
      text('note'),
      bigint('at'),
      text('created_by'),
      bytes('state'),
      text('canonical'),
      text('change_summary', nullable),
    ],
    primaryKey: ['doc_id', 'version'],
    immutable: 'versions are immutable',
  },
  {
    name: 'circulations',
    columns: [
      text('id', { primaryKey: true }),
      text('doc_id'),
      integer('version'),
      bigint('deadline'),
      bigint('started_at'),
      text('started_by'),
      bigint('closed_at', nullable),
      text('outcome', nullable),
    ],
    indexes: [{ name: 'circulations_open', columns: ['deadline'], where: 'closed_at IS NULL' }],
  },
  {
    name: 'freezes',
    columns: [
      serial('id'),
      text('doc_id'),
      integer('version'),
      bigint('frozen_at'),
      text('frozen_by'),
      text('override_reason', nullable),
      text('concordance'),
      text('export_json'),
      bigint('unfrozen_at', nullable),
      text('unfrozen_by', nullable),
      text('unfreeze_reason', nullable),
    ],
    // At most one current freeze per declaration, whatever races to create one.
    indexes: [{ name: 'freezes_current', columns: ['doc_id'], unique: true, where: 'unfrozen_at IS NULL' }],
    fixedColumns: { name: 'freezes_keep_export', columns: ['export_json', 'doc_id', 'version', 'frozen_at'], message: 'a freeze record is immutable' },
  },
  {
    name: 'signing_keys',
    columns: [serial('id'), text('grant_id'), text('doc_id'), text('public_key'), bigint('registered_at')],
    indexes: [{ name: 'signing_keys_by_grant', columns: ['grant_id', 'registered_at'] }],
  },
  {
    name: 'signatures',
    columns: [
      bigint('freeze_id', { references: 'freezes(id)' }),
      sortedText('lang'),
      text('grant_id'),
      text('signer'),
      text('public_key'),
      text('signature'),
      sortedText('signed_at'),
    ],
    primaryKey: ['freeze_id', 'lang'],
    immutable: 'signatures are immutable',
  },
  {
    name: 'publications',
    columns: [
      text('doc_id', { primaryKey: true }),
      bigint('freeze_id', { references: 'freezes(id)' }),
      bigint('published_at'),
      text('published_by'),
      text('replaces', nullable),
      text('export_json'),
    ],
    indexes: [{ name: 'publications_replaces', columns: ['replaces'], unique: true, where: 'replaces IS NOT NULL' }],
    immutable: 'publications are immutable',
  },
  { name: 'corrections', columns: [text('doc_id', { primaryKey: true }), text('replaces')] },
  {
    name: 'client_owners',
    columns: [text('doc_id'), bigint('client'), text('grant_id')],
    primaryKey: ['doc_id', 'client'],
  },
] as const satisfies readonly Table[];

/** The name of a column of table `T`: row types use it to stay true to the schema. */
export type ColumnOf<T extends (typeof TABLES)[number]['name']> = Extract<(typeof TABLES)[number], { readonly name: T }>['columns'][number]['name'];

/**
 * Compiles only when every field of row type `R` is a column of table `T`: each row module
 * declares `RowChecks` with it, so a row type cannot drift from the schema (as `export` and
 * `export_json` once did).
 */
export type ColumnsOf<T extends (typeof TABLES)[number]['name'], R extends ColumnsExist<R, T>> = R;

type ColumnsExist<R, T extends (typeof TABLES)[number]['name']> = { [K in keyof R]: K extends ColumnOf<T> ? unknown : never };

/** The tables a database of this dialect has. */
export function tablesOf(dialect: 'sqlite' | 'postgres'): Table[] {
  return (TABLES as readonly Table[]).filter((t) => !t.only || t.only === dialect);
}

/** The table named `name` in this dialect (a programming error if there is none). */
export function tableNamed(name: string, dialect: 'sqlite' | 'postgres'): Table {
  const table = tablesOf(dialect).find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in the schema`);
  return table;
}
