/**
 * The reference server of the collaboration benchmark: stock Hocuspocus 3 with its own SQLite
 * extension, default settings otherwise. Run as `node --import tsx bench/reference/hocuspocusServer.ts`
 * with PORT (0 = any free port) and DATA_DIR; prints `{"event":"server.listening","port":N}` once
 * listening, and on SIGTERM stores every pending document, closes the database and exits.
 *
 * Defaults kept on purpose, since they are what the comparison is about: a document is stored
 * `debounce` = 2000 ms after its last change, and at the latest `maxDebounce` = 10000 ms after the
 * first unstored one, or at once when its last connection closes. An edit still inside that window
 * when the process is killed is lost.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const HOST = '127.0.0.1';

const port = Number(process.env.PORT ?? '0');
const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
mkdirSync(dataDir, { recursive: true });

const sqlite = new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') });
const server = new Server({
  port,
  address: HOST,
  quiet: true,
  // Our own handler below also waits for SQLite's queued writes before exiting.
  stopOnSignals: false,
  extensions: [sqlite],
});

await server.listen();
process.stdout.write(`${JSON.stringify({ event: 'server.listening', port: server.address.port })}\n`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void stopGracefully().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});

/**
 * `server.destroy()` closes every connection; closing a document's last connection runs its
 * pending store at once, and destroy resolves once every document is unloaded. The extension's
 * store hook only queues its INSERT without awaiting it, so the database is closed (which waits for
 * queued statements) before the process exits.
 */
async function stopGracefully(): Promise<void> {
  await server.destroy();
  await new Promise<void>((resolve, reject) => {
    if (!sqlite.db) return resolve();
    sqlite.db.close((error) => (error ? reject(error) : resolve()));
  });
}
