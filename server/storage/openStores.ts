import type { Config } from '../config.js';
import { silentLogger, type Logger } from '../log.js';
import type { AttributionLog } from './attribution.js';
import type { Catalog } from './catalog.js';
import type { CirculationStore } from './circulationStore.js';
import type { ClientOwnership } from './clientOwnership.js';
import type { DocumentStore } from './documentStore.js';
import { LogDocumentStore } from './sqlite/logDocumentStore.js';
import type { PublicationStore } from './publicationStore.js';
import { SqliteAttributionLog } from './sqlite/sqliteAttributionLog.js';
import { sqliteClient } from './sqlite/sqliteClient.js';
import { openSqliteDatabase, pingSqlite } from './sqlite/sqliteDatabase.js';
import { SqlCatalog } from './sql/sqlCatalog.js';
import { SqlCirculationStore } from './sql/sqlCirculationStore.js';
import { SqlClientOwnership } from './sql/sqlClientOwnership.js';
import { SqlPublicationStore } from './sql/sqlPublicationStore.js';
import { SqliteVersionStore } from './sqlite/sqliteVersionStore.js';
import type { VersionStore } from './versionStore.js';

/** Every store the server needs, opened together on one backend. */
export interface Stores {
  readonly kind: 'sqlite' | 'postgres';
  readonly documents: DocumentStore;
  readonly catalog: Catalog;
  readonly attribution: AttributionLog;
  readonly versions: VersionStore;
  readonly circulations: CirculationStore;
  readonly publications: PublicationStore;
  readonly clientOwnership: ClientOwnership;
  /** One cheap real round trip to the database (`SELECT 1`); rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Runs `work` while no other server on the same storage runs its own (first-start setup). */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Writes what is still batched (attribution), then closes files and connections. */
  close(): Promise<void>;
}

/**
 * PostgreSQL when `DATABASE_URL` is set (several servers can share it); otherwise the embedded
 * default: SQLite (`DATA_DIR/accord.db`) and the update logs in `DATA_DIR/docs/`.
 */
export async function openStores(config: Pick<Config, 'dataDir' | 'durability' | 'databaseUrl'>, log: Logger = silentLogger): Promise<Stores> {
  // PostgreSQL's driver loads only where it is used: the embedded default starts without it.
  if (config.databaseUrl) return (await import('./postgres/postgresStores.js')).openPostgresStores(config.databaseUrl, log);
  return openSqliteStores(config);
}

function openSqliteStores(config: Pick<Config, 'dataDir' | 'durability'>): Stores {
  const db = openSqliteDatabase(config.dataDir, config.durability);
  const documents = new LogDocumentStore(db, config.dataDir, { durability: config.durability });
  const attribution = new SqliteAttributionLog(db);
  const sql = sqliteClient(db);
  return {
    kind: 'sqlite',
    documents,
    catalog: new SqlCatalog(sql),
    attribution,
    versions: new SqliteVersionStore(db),
    circulations: new SqlCirculationStore(sql),
    publications: new SqlPublicationStore(sql),
    clientOwnership: new SqlClientOwnership(sql),
    ping: () => pingSqlite(db),
    exclusively: (work) => work(),
    async close() {
      attribution.flush();
      documents.close();
      db.close();
    },
  };
}
