/** Composition root: reads the environment, opens storage, builds the client, listens. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBootstrapToken } from './bootstrapToken.js';
import { ensureClientBuilt } from './clientBuild.js';
import { readConfig } from './config.js';
import { createJsonLogger, silentLogger } from './log.js';
import { startServer } from './server.js';
import { createDemoIfEmpty } from './demo/demoDeclaration.js';
import { SqliteCatalog } from './storage/sqliteCatalog.js';
import { openSqliteDatabase } from './storage/sqliteDatabase.js';
import { SqliteAttributionLog } from './storage/sqliteAttributionLog.js';
import { SqliteVersionStore } from './storage/sqliteVersionStore.js';
import { SqliteCirculationStore } from './storage/sqliteCirculationStore.js';
import { SqlitePublicationStore } from './storage/sqlitePublicationStore.js';
import { LogDocumentStore } from './storage/logDocumentStore.js';

const SHUTDOWN_DEADLINE_MS = 4_500;
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = readConfig();
  const log = config.logFormat === 'silent' ? silentLogger : createJsonLogger();
  const db = openSqliteDatabase(config.dataDir, config.durability);
  const bootstrapToken = loadBootstrapToken(config.dataDir, config.bootstrapToken);
  const catalog = new SqliteCatalog(db);
  const documents = new LogDocumentStore(db, config.dataDir, { durability: config.durability });
  const attribution = new SqliteAttributionLog(db);
  await createDemoIfEmpty({ catalog, documents }, log);
  const clientDir = config.serveClient ? await ensureClientBuilt(projectRoot, log) : null;
  const server = await startServer({
    config,
    log,
    catalog,
    documents,
    attribution,
    versions: new SqliteVersionStore(db),
    circulations: new SqliteCirculationStore(db),
    publications: new SqlitePublicationStore(db),
    bootstrapToken,
    clientDir,
  });
  process.stdout.write(`\nAccord is running at ${server.url}\nSecretariat link: ${server.url}/?token=${encodeURIComponent(bootstrapToken)}\n\n`);

  const shutdown = (signal: string) => {
    log.info('server.signal', { signal });
    const deadline = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server
      .close()
      .then(() => {
        attribution.flush();
        documents.close();
        db.close();
      })
      .then(
        () => process.exit(0),
        (error) => {
          log.error('server.shutdown_failed', { error: String(error) });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Accord could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
