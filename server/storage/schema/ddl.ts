import { tablesOf, type Column, type ColumnType, type Index, type Table } from './tables.js';

/** The two SQL engines Accord stores in. */
export type Dialect = NonNullable<Table['only']>;

const TYPES: Record<Dialect, Record<ColumnType, string>> = {
  sqlite: {
    text: 'TEXT',
    sortedText: 'TEXT',
    integer: 'INTEGER',
    bigint: 'INTEGER',
    bytes: 'BLOB',
    serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  },
  postgres: {
    text: 'text',
    // Bytewise, as SQLite compares: orderings must not depend on the database's locale.
    sortedText: 'text COLLATE "C"',
    integer: 'integer',
    bigint: 'bigint',
    bytes: 'bytea',
    serial: 'bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  },
};

/** PostgreSQL's trigger function that refuses a change, saying why (its first argument). */
const REFUSE_CHANGE = `CREATE FUNCTION accord_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     RAISE EXCEPTION '%', TG_ARGV[0];
   END
   $fn$;`;

/** Every table, index and trigger of the schema: what a fresh database starts with. */
export function createSchema(dialect: Dialect): string {
  const tables = tablesOf(dialect).map((t) => createTable(t, dialect));
  return (dialect === 'postgres' ? [REFUSE_CHANGE, ...tables] : tables).join('\n');
}

/** One table with its indexes and the triggers that keep it immutable. */
export function createTable(table: Table, dialect: Dialect): string {
  const lines = table.columns.map((c) => `  ${columnSql(c, dialect)}`);
  if (table.primaryKey) lines.push(`  PRIMARY KEY (${table.primaryKey.join(', ')})`);
  return [
    `CREATE TABLE ${table.name} (\n${lines.join(',\n')}\n);`,
    ...(table.indexes ?? []).map((i) => createIndex(table, i)),
    ...protectTable(table, dialect),
  ].join('\n');
}

/** One column's definition. A primary key column gets no NOT NULL: both engines (SQLite for its rowid alias) decide that themselves. */
export function columnSql(column: Column, dialect: Dialect): string {
  const parts = [column.name, TYPES[dialect][column.type]];
  if (column.type !== 'serial') {
    if (column.primaryKey) parts.push('PRIMARY KEY');
    else if (!column.nullable) parts.push('NOT NULL');
  }
  if (column.unique) parts.push('UNIQUE');
  if (column.references) parts.push(`REFERENCES ${column.references}`);
  return parts.join(' ');
}

export function createIndex(table: Table, index: Index): string {
  const where = index.where ? ` WHERE ${index.where}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${index.name} ON ${table.name}(${index.columns.join(', ')})${where};`;
}

/** The triggers by which the database itself refuses to change what must not change. */
export function protectTable(table: Table, dialect: Dialect): string[] {
  const out: string[] = [];
  const { name } = table;
  if (table.immutable) {
    const message = table.immutable;
    out.push(
      ...(dialect === 'sqlite'
        ? [
            `CREATE TRIGGER ${name}_immutable_update BEFORE UPDATE ON ${name} BEGIN SELECT RAISE(ABORT, '${message}'); END;`,
            `CREATE TRIGGER ${name}_immutable_delete BEFORE DELETE ON ${name} BEGIN SELECT RAISE(ABORT, '${message}'); END;`,
          ]
        : [
            `CREATE TRIGGER ${name}_immutable BEFORE UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION accord_refuse_change('${message}');`,
            `CREATE TRIGGER ${name}_no_truncate BEFORE TRUNCATE ON ${name} FOR EACH STATEMENT EXECUTE FUNCTION accord_refuse_change('${message}');`,
          ]),
    );
  }
  if (table.fixedColumns) {
    const { name: trigger, columns, message } = table.fixedColumns;
    const on = `BEFORE UPDATE OF ${columns.join(', ')} ON ${name}`;
    out.push(
      dialect === 'sqlite'
        ? `CREATE TRIGGER ${trigger} ${on} BEGIN SELECT RAISE(ABORT, '${message}'); END;`
        : `CREATE TRIGGER ${trigger} ${on} FOR EACH ROW EXECUTE FUNCTION accord_refuse_change('${message}');`,
    );
  }
  return out;
}
