/** Composition root: reads the environment, opens storage, builds the client, listens. */
import { loadBootstrapToken } from './bootstrapToken.js';
import { findProjectRoot } from './projectRoot.js';
import { ensureClientBuilt } from './clientBuild.js';
import { readConfig } from './config.js';
import { createJsonLogger, silentLogger } from './log.js';
import { startServer } from './server.js';
import { createDemoIfEmpty } from './demo/demoDeclaration.js';
import { openStores } from './storage/openStores.js';

const SHUTDOWN_DEADLINE_MS = 4_500;
const projectRoot = findProjectRoot();

async function main(): Promise<void> {
  const config = readConfig();
  const log = config.logFormat === 'silent' ? silentLogger : createJsonLogger();
  const stores = await openStores(config, log);
  const bootstrapToken = loadBootstrapToken(config.dataDir, config.bootstrapToken);
  // Servers starting together on one empty database create one demo, not one each.
  await stores.exclusively(() => createDemoIfEmpty(stores, log));
  const clientDir = config.serveClient ? await ensureClientBuilt(projectRoot, log) : null;
  // With Redis, every instance sharing the database hears the others' updates and presence.
  // Redis's client loads only where it is configured: a single server starts without it.
  const fanout = config.redisUrl ? await (await import('./cluster/redisFanout.js')).RedisFanout.connect(config.redisUrl, log) : null;
  const leases = config.redisUrl && fanout ? await (await import('./cluster/redisLeases.js')).RedisLeases.connect(config.redisUrl, fanout.instance, log) : null;
  const server = await startServer({
    config,
    log,
    catalog: stores.catalog,
    documents: stores.documents,
    attribution: stores.attribution,
    versions: stores.versions,
    circulations: stores.circulations,
    publications: stores.publications,
    clientOwnership: stores.clientOwnership,
    bootstrapToken,
    clientDir,
    readiness: [{ name: 'store', check: () => stores.ping() }, ...(fanout ? [{ name: 'redis', check: () => fanout.check() }] : [])],
    ...(fanout && leases ? { fanout, leases } : {}),
  });
  process.stdout.write(`\nAccord is running at ${server.url}\nSecretariat link: ${server.url}/?token=${encodeURIComponent(bootstrapToken)}\n\n`);

  const shutdown = (signal: string) => {
    log.info('server.signal', { signal });
    const deadline = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server
      .close()
      .then(async () => {
        await leases?.close();
        await fanout?.close();
        await stores.close();
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
