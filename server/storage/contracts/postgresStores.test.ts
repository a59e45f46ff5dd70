import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import { useTestDatabase } from '../../../test/helpers/postgres.js';
import { describeAttributionLog } from './attribution.contract.js';
import { describeCatalog } from './catalog.contract.js';
import { describeCirculationStore } from './circulationStore.contract.js';
import { describeClientOwnership } from './clientOwnership.contract.js';
import { describeDocumentStore } from './documentStore.contract.js';
import { openStores } from '../openStores.js';
import { SqlCatalog } from '../sql/sqlCatalog.js';
import { SqlCirculationStore } from '../sql/sqlCirculationStore.js';
import { SqlClientOwnership } from '../sql/sqlClientOwnership.js';
import { SqlPublicationStore } from '../sql/sqlPublicationStore.js';
import { postgresClient } from '../postgres/postgresClient.js';
import { PostgresAttributionLog } from '../postgres/postgresAttributionLog.js';
import { openPostgresDatabase, type PostgresDatabase } from '../postgres/postgresDatabase.js';
import { POSTGRES_HISTORY } from '../schema/history.js';
import { SCHEMA_VERSION } from '../schema/migrations.js';
import { PostgresDocumentStore } from '../postgres/postgresDocumentStore.js';
import { PostgresVersionStore } from '../postgres/postgresVersionStore.js';
import { describePublicationStore } from './publicationStore.contract.js';
import type { StoreHarness } from './storeHarness.js';
import { describeVersionStore } from './versionStore.contract.js';

const database = useTestDatabase();

/** A store on a fresh schema of this file's database; `reopen` is a second server (its own pool) on it. */
function postgresHarness<S>(make: (db: PostgresDatabase) => S): () => Promise<StoreHarness<S>> {
  return async () => {
    const url = await database.get().freshSchemaUrl();
    const pools = [await openPostgresDatabase(url)];
    return {
      store: make(pools[0]!),
      async reopen() {
        const db = await openPostgresDatabase(url);
        pools.push(db);
        return make(db);
      },
      async exec(sql) {
        await pools[0]!.query(sql);
      },
      async cleanup() {
        await Promise.all(pools.map((p) => p.end()));
      },
    };
  };
}

/** Columns, constraints, indexes and triggers of the pool's schema, with the schema's own name left out. */
async function describeSchema(db: PostgresDatabase) {
  const [{ schema }] = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows as [{ schema: string }];
  const query = async (sql: string) => JSON.parse(JSON.stringify((await db.query(sql, [schema])).rows).replaceAll(`${schema}.`, '')) as unknown[];
  return {
    columns: await query(
      `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, collation_name, is_identity, column_default
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
    ),
    constraints: await query(
      `SELECT c.conrelid::regclass::text AS on_table, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1, 2`,
    ),
    indexes: await query('SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname'),
    triggers: await query(
      `SELECT t.tgrelid::regclass::text AS on_table, t.tgname, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
       WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY 1, 2`,
    ),
  };
}

describe.skipIf(!database.available)('PostgreSQL storage', () => {
  describeDocumentStore(
    'PostgresDocumentStore',
    postgresHarness((db) => new PostgresDocumentStore(db)),
  );
  describeCatalog(
    'SqlCatalog on PostgreSQL',
    postgresHarness((db) => new SqlCatalog(postgresClient(db))),
  );
  describeVersionStore(
    'PostgresVersionStore',
    postgresHarness((db) => new PostgresVersionStore(db)),
  );
  describePublicationStore(
    'SqlPublicationStore on PostgreSQL',
    postgresHarness((db) => new SqlPublicationStore(postgresClient(db))),
  );
  describeCirculationStore(
    'SqlCirculationStore on PostgreSQL',
    postgresHarness((db) => new SqlCirculationStore(postgresClient(db))),
  );
  describeAttributionLog(
    'PostgresAttributionLog',
    postgresHarness((db) => new PostgresAttributionLog(db)),
  );
  describeClientOwnership(
    'SqlClientOwnership on PostgreSQL',
    postgresHarness((db) => new SqlClientOwnership(postgresClient(db))),
  );

  describe('PostgresDocumentStore shared by several servers', () => {
    const typed = (doc: Y.Doc, text: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, text);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const textOf = (stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }) => {
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return doc.getText('t').toString();
    };

    it('numbers updates to one document consecutively when two servers append at once', async () => {
      const { store, reopen, cleanup } = await postgresHarness((db) => new PostgresDocumentStore(db))();
      const other = await reopen();
      const id = 'shared' as DeclarationId;
      const docs = [new Y.Doc(), new Y.Doc()];
      docs[0]!.clientID = 1;
      docs[1]!.clientID = 2;
      const seqs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? other : store).appendUpdate(id, typed(docs[i % 2]!, i % 2 ? 'b' : 'a'), { accessId: `g${i % 2}` })),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const loaded = await other.loadDocument(id);
      expect(loaded.lastSeq).toBe(40);
      expect(textOf(loaded).length).toBe(40);
      await cleanup();
    });

    it("sees another server's compaction, and keeps the updates appended after it", async () => {
      const { store, reopen, cleanup } = await postgresHarness((db) => new PostgresDocumentStore(db))();
      const other = await reopen();
      const id = 'compacted' as DeclarationId;
      const doc = new Y.Doc();
      let seq = 0;
      for (const word of ['Hội ', 'nghị ']) seq = await store.appendUpdate(id, typed(doc, word), { accessId: 'g' });
      await other.compact(id, Y.encodeStateAsUpdate(doc), seq);
      await store.appendUpdate(id, typed(doc, 'lần thứ 12'), { accessId: 'g' });
      const loaded = await store.loadDocument(id);
      expect(loaded.updates).toHaveLength(1);
      expect(textOf(loaded)).toBe('Hội nghị lần thứ 12');
      expect(await other.countUpdatesSinceSnapshot(id)).toBe(1);
      expect(await other.checkWritable(id)).toBe(true);
      expect((await store.loadDocument(id)).lastSeq).toBe(3);
      await cleanup();
    });

    it('writes again after the database dropped every connection (a restart)', async () => {
      const url = await database.get().freshSchemaUrl();
      const db = await openPostgresDatabase(url);
      const store = new PostgresDocumentStore(db);
      const id = 'outage' as DeclarationId;
      await store.appendUpdate(id, typed(new Y.Doc(), 'x'), { accessId: null });
      // Every connection of the pool is cut, as when the database restarts.
      const admin = new pg.Client({ connectionString: database.get().url });
      await admin.connect();
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ''",
      );
      await admin.end();
      expect(await store.checkWritable(id)).toBe(true);
      expect(await store.appendUpdate(id, typed(new Y.Doc(), 'y'), { accessId: null })).toBe(2);
      await db.end();
    });
  });

  describe('schema migrations', () => {
    it('bring an empty database up to date once, even when several servers start together', async () => {
      const url = await database.get().freshSchemaUrl();
      const pools = await Promise.all([openPostgresDatabase(url), openPostgresDatabase(url), openPostgresDatabase(url)]);
      const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      await Promise.all(pools.map((p) => p.end()));
      const again = await openPostgresDatabase(url);
      expect((await again.query('SELECT count(*) AS n FROM schema_migrations')).rows[0]).toEqual({ n: SCHEMA_VERSION });
      await again.end();
    });

    it('bring a database an older Accord made (steps 1 to 6 as they shipped) to the schema a new one starts with, data kept', async () => {
      const oldUrl = await database.get().freshSchemaUrl();
      const old = new pg.Pool({ connectionString: oldUrl });
      await old.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const [i, step] of POSTGRES_HISTORY.entries()) {
        await old.query(step);
        await old.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
      await old.query(`INSERT INTO declarations VALUES ('d1', 'Tuyên bố', '["vi"]', 1)`);
      await old.end();
      const upgraded = await openPostgresDatabase(oldUrl);
      const fresh = await openPostgresDatabase(await database.get().freshSchemaUrl());
      expect(await describeSchema(upgraded)).toEqual(await describeSchema(fresh));
      expect(await new SqlCatalog(postgresClient(upgraded)).listDeclarations()).toEqual([{ id: 'd1', title: 'Tuyên bố', languages: ['vi'] }]);
      await Promise.all([upgraded.end(), fresh.end()]);
    });

    it('refuse to start on a database a newer Accord has migrated', async () => {
      const url = await database.get().freshSchemaUrl();
      const db = await openPostgresDatabase(url);
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
      await db.end();
      await expect(openPostgresDatabase(url)).rejects.toThrow(/newer than this Accord/);
    });
  });

  describe('openStores with DATABASE_URL', () => {
    it('opens every store on PostgreSQL, shared by two servers', async () => {
      const url = await database.get().freshSchemaUrl();
      const config = { dataDir: '/nonexistent-accord-data', durability: 'process' as const, databaseUrl: url };
      const [a, b] = await Promise.all([openStores(config), openStores(config)]);
      expect(a.kind).toBe('postgres');
      const id = 'd1' as DeclarationId;
      await a.exclusively(async () => {
        if ((await a.catalog.listDeclarations()).length === 0)
          await a.catalog.createDeclaration({ title: 'Tuyên bố', languages: ['vi'] as LanguageCode[] }, id);
      });
      await b.exclusively(async () => {
        if ((await b.catalog.listDeclarations()).length === 0)
          await b.catalog.createDeclaration({ title: 'Autre', languages: ['fr'] as LanguageCode[] }, 'd2' as DeclarationId);
      });
      expect((await b.catalog.listDeclarations()).map((d) => d.id)).toEqual([id]);
      await a.attribution.record(id, ['p1'], { grantId: 'g', name: 'N', at: 1 });
      await a.close();
      expect(await b.attribution.history(id, 'p1', 10)).toEqual([{ grantId: 'g', name: 'N', at: 1 }]);
      await b.close();
    });
  });
});
