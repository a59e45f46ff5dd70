import type { Logger } from '../../log.js';
import type { Stores } from '../openStores.js';
import { PostgresAttributionLog } from './postgresAttributionLog.js';
import { SqlCatalog } from '../sql/sqlCatalog.js';
import { SqlCirculationStore } from '../sql/sqlCirculationStore.js';
import { SqlClientOwnership } from '../sql/sqlClientOwnership.js';
import { SqlPublicationStore } from '../sql/sqlPublicationStore.js';
import { postgresClient } from './postgresClient.js';
import { LockSpace, openPostgresDatabase, pingPostgres } from './postgresDatabase.js';
import { PostgresDocumentStore } from './postgresDocumentStore.js';
import { PostgresVersionStore } from './postgresVersionStore.js';

/** Every store in PostgreSQL (`DATABASE_URL`), shared by every server that uses the same database. */
export async function openPostgresStores(url: string, log: Logger): Promise<Stores> {
  const db = await openPostgresDatabase(url, { onError: (error) => log.warn('postgres.connection_lost', { error: error.message }) });
  const attribution = new PostgresAttributionLog(db, (error) => log.error('attribution.flush_failed', { error: String(error) }));
  const sql = postgresClient(db);
  return {
    kind: 'postgres',
    documents: new PostgresDocumentStore(db),
    catalog: new SqlCatalog(sql),
    attribution,
    versions: new PostgresVersionStore(db),
    circulations: new SqlCirculationStore(sql),
    publications: new SqlPublicationStore(sql),
    clientOwnership: new SqlClientOwnership(sql),
    ping: () => pingPostgres(db),
    async exclusively(work) {
      // A session lock on a connection of its own: `work` uses the pool's other connections.
      // Losing this connection releases the lock; the error then surfaces at unlock.
      const client = await db.connect();
      const lost = () => undefined;
      client.on('error', lost);
      try {
        await client.query('SELECT pg_advisory_lock($1, 0)', [LockSpace.Startup]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, 0)', [LockSpace.Startup]);
        }
      } finally {
        client.off('error', lost);
        client.release(true);
      }
    },
    async close() {
      try {
        await attribution.flush();
      } finally {
        await db.end();
      }
    },
  };
}
