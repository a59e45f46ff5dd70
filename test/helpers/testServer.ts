import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, type Config } from '../../server/config.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { openSqliteDatabase, pingSqlite, type SqliteDatabase } from '../../server/storage/sqlite/sqliteDatabase.js';
import { SqliteAttributionLog } from '../../server/storage/sqlite/sqliteAttributionLog.js';
import { SqliteVersionStore } from '../../server/storage/sqlite/sqliteVersionStore.js';
import { sqliteClient } from '../../server/storage/sqlite/sqliteClient.js';
import { SqlCatalog } from '../../server/storage/sql/sqlCatalog.js';
import { SqlCirculationStore } from '../../server/storage/sql/sqlCirculationStore.js';
import { SqlClientOwnership } from '../../server/storage/sql/sqlClientOwnership.js';
import { SqlPublicationStore } from '../../server/storage/sql/sqlPublicationStore.js';
import { LogDocumentStore, type WriteBytes } from '../../server/storage/sqlite/logDocumentStore.js';
import { clientDir } from '../../server/clientBuild.js';
import type { ReadinessCheck } from '../../server/readiness.js';
import type { AlignmentComputer } from '../../server/aligner/alignmentWorker.js';
import { PROJECT_ROOT } from './paths.js';

export const TEST_TOKEN = 'test-secretariat-token';

export interface TestServer extends RunningServer {
  readonly token: string;
  readonly dataDir: string;
  readonly db: SqliteDatabase;
  /** The document store the server uses (tests reach it to inject faults or read what is stored). */
  readonly documents: LogDocumentStore;
  readonly wsUrl: string;
  /** Stops the server; removes the data directory unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'accord-test-'));
}

/** The real server, in this process, on a free loopback port with SQLite in a temp dir. */
export async function startTestServer(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    serveClient?: boolean;
    log?: Logger;
    storeWrite?: WriteBytes;
    /** Checks added to the store's own for `GET /api/ready`. */
    readiness?: readonly ReadinessCheck[];
    /** Where declarations are aligned (a test wraps the worker to watch it). */
    alignment?: AlignmentComputer;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const config: Config = {
    ...readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ACCORD_IDLE_UNLOAD_MS: '50', ...options.env }),
  };
  const db = openSqliteDatabase(dataDir);
  const documents = new LogDocumentStore(db, dataDir, { write: options.storeWrite });
  const attribution = new SqliteAttributionLog(db);
  const server = await startServer({
    config,
    log: options.log ?? silentLogger,
    catalog: new SqlCatalog(sqliteClient(db)),
    documents,
    attribution,
    versions: new SqliteVersionStore(db),
    circulations: new SqlCirculationStore(sqliteClient(db)),
    publications: new SqlPublicationStore(sqliteClient(db)),
    clientOwnership: new SqlClientOwnership(sqliteClient(db)),
    bootstrapToken: TEST_TOKEN,
    clientDir: options.serveClient ? clientDir(PROJECT_ROOT) : null,
    readiness: [{ name: 'store', check: () => pingSqlite(db) }, ...(options.readiness ?? [])],
    // A test that wraps the worker wants every alignment in it, short declarations included.
    ...(options.alignment ? { alignment: { computer: options.alignment, threadFromCharacters: 0 } } : {}),
  });
  return {
    ...server,
    token: TEST_TOKEN,
    dataDir,
    db,
    documents,
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    async stop({ keepData = false } = {}) {
      await server.close();
      attribution.flush();
      documents.close();
      db.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
