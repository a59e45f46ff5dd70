import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import { describeAttributionLog } from './attribution.contract.js';
import { describeCatalog } from './catalog.contract.js';
import { describeCirculationStore } from './circulationStore.contract.js';
import { describeClientOwnership } from './clientOwnership.contract.js';
import { openStores } from '../openStores.js';
import { describePublicationStore } from './publicationStore.contract.js';
import { SqlCatalog } from '../sql/sqlCatalog.js';
import { SqlCirculationStore } from '../sql/sqlCirculationStore.js';
import { SqlClientOwnership } from '../sql/sqlClientOwnership.js';
import { SqlPublicationStore } from '../sql/sqlPublicationStore.js';
import { sqliteClient } from '../sqlite/sqliteClient.js';
import { SqliteAttributionLog } from '../sqlite/sqliteAttributionLog.js';
import { openSqliteDatabase, type SqliteDatabase } from '../sqlite/sqliteDatabase.js';
import { SqliteVersionStore } from '../sqlite/sqliteVersionStore.js';
import type { StoreHarness } from './storeHarness.js';
import { describeVersionStore } from './versionStore.contract.js';

/** A store on a fresh `accord.db` in a temporary directory; `reopen` opens the same file again. */
function sqliteHarness<S>(make: (db: SqliteDatabase) => S): () => Promise<StoreHarness<S>> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-sqlite-'));
    const dbs = [openSqliteDatabase(dir)];
    return {
      store: make(dbs[0]!),
      async reopen() {
        const db = openSqliteDatabase(dir);
        dbs.push(db);
        return make(db);
      },
      async exec(sql) {
        dbs[0]!.exec(sql);
      },
      async cleanup() {
        for (const db of dbs) db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

describeCatalog(
  'SqlCatalog on SQLite',
  sqliteHarness((db) => new SqlCatalog(sqliteClient(db))),
);
describeVersionStore(
  'SqliteVersionStore',
  sqliteHarness((db) => new SqliteVersionStore(db)),
);
describePublicationStore(
  'SqlPublicationStore on SQLite',
  sqliteHarness((db) => new SqlPublicationStore(sqliteClient(db))),
);
describeCirculationStore(
  'SqlCirculationStore on SQLite',
  sqliteHarness((db) => new SqlCirculationStore(sqliteClient(db))),
);
describeAttributionLog(
  'SqliteAttributionLog',
  sqliteHarness((db) => new SqliteAttributionLog(db)),
);
describeClientOwnership(
  'SqlClientOwnership on SQLite',
  sqliteHarness((db) => new SqlClientOwnership(sqliteClient(db))),
);

describe('openStores without DATABASE_URL', () => {
  it('opens the embedded default in DATA_DIR, which a restart reads back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accord-stores-'));
    const config = { dataDir, durability: 'process' as const, databaseUrl: null };
    const stores = await openStores(config);
    expect(stores.kind).toBe('sqlite');
    await stores.catalog.createDeclaration({ title: 'Tuyên bố', languages: ['vi'] as LanguageCode[] }, 'd1' as DeclarationId);
    await stores.documents.appendUpdate('d1' as DeclarationId, new Uint8Array([0, 0]), { accessId: null });
    await stores.close();
    const again = await openStores(config);
    expect((await again.catalog.listDeclarations()).map((d) => d.id)).toEqual(['d1']);
    expect((await again.documents.loadDocument('d1' as DeclarationId)).lastSeq).toBe(1);
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
