import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { Authenticator } from './auth/authenticator.js';
import { RoomRegistry } from './collab/roomRegistry.js';
import { StorageHealth } from './collab/storageHealth.js';
import type { Fanout } from './cluster/fanout.js';
import type { Leases } from './cluster/leases.js';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import type { Logger } from './log.js';
import type { Catalog } from './storage/catalog.js';
import type { DocumentStore } from './storage/documentStore.js';
import type { AttributionLog } from './storage/attribution.js';
import { ConnectionDirectory } from './collab/connectionDirectory.js';
import { FailureLimiter } from './auth/failureLimiter.js';
import { AlignerService, type AlignerOptions } from './aligner/alignerService.js';
import type { VersionStore } from './storage/versionStore.js';
import type { CirculationStore } from './storage/circulationStore.js';
import { CirculationService } from './negotiation/circulationService.js';
import { ConsentApplier } from './negotiation/consentApplier.js';
import { VersionService } from './versions/versionService.js';
import { CheckpointService } from './versions/checkpointService.js';
import { CloseCode } from '../shared/protocol/closeCodes.js';
import type { PublicationStore } from './storage/publicationStore.js';
import type { ClientOwnership } from './storage/clientOwnership.js';
import { PublicationService } from './publish/publicationService.js';
import type { ReadinessCheck } from './readiness.js';
import { instrumentStore } from './storage/instrumentedStore.js';
import { HistoryDamage } from './collab/historyDamage.js';
import { noteAccepted } from './collab/workSlices.js';

export interface ServerParts {
  readonly config: Config;
  readonly log: Logger;
  readonly catalog: Catalog;
  readonly documents: DocumentStore;
  readonly attribution: AttributionLog;
  readonly versions: VersionStore;
  readonly circulations: CirculationStore;
  readonly publications: PublicationStore;
  /** Which invitation writes as which Yjs client id, kept across restarts (in memory only when absent). */
  readonly clientOwnership?: ClientOwnership;
  readonly bootstrapToken: string;
  readonly clientDir: string | null;
  /** What `GET /api/ready` checks, e.g. `{ name: 'store', check: stores.ping }` and Redis; none: always ready. */
  readonly readiness?: readonly ReadinessCheck[];
  /** Other instances sharing the store (Redis): how stored updates and presence reach them. */
  readonly fanout?: Fanout;
  /** Which instance does each declaration's background work when several hold it. */
  readonly leases?: Leases;
  /** Where long declarations are aligned (by default a worker thread of this process), and from what length. */
  readonly alignment?: Pick<AlignerOptions, 'computer' | 'threadFromCharacters'>;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly rooms: RoomRegistry;
  readonly connections: ConnectionDirectory;
  /** Stops accepting, closes sockets with 1012 after storing what is open. */
  close(): Promise<void>;
}

/** A dead peer (no pong to the last ping) is dropped after this long. */
const HEARTBEAT_MS = 30_000;

/** Wires the parts together and listens; the composition root calls this, and so do tests. */
export async function startServer(parts: ServerParts): Promise<RunningServer> {
  const { config, log } = parts;
  // Every document store call, from rooms and services alike, is timed for `accord_store_seconds`.
  const documents = instrumentStore(parts.documents);
  const aligner = new AlignerService(parts.catalog, log, config.alignDebounceMs, { ...parts.alignment, clustered: parts.fanout !== undefined });
  const consents = new ConsentApplier(log);
  // The registry and the services that attach to its rooms need each other: `versions` is set just below.
  let checkpoints: CheckpointService | null = null;
  const historyDamage = new HistoryDamage();
  const rooms = new RoomRegistry(documents, log, {
    onRoomLoaded: (room) => {
      aligner.attach(room);
      consents.attach(room);
      checkpoints?.attach(room);
    },
    compactAfterUpdates: config.compactAfterUpdates,
    storage: new StorageHealth(),
    ...(parts.clientOwnership ? { clientOwnership: parts.clientOwnership } : {}),
    idleUnloadMs: config.idleUnloadMs,
    catchUpMs: config.catchUpMs,
    attribution: parts.attribution,
    versions: parts.versions,
    historyDamage,
    ...(parts.fanout ? { fanout: parts.fanout } : {}),
    ...(parts.leases ? { leases: parts.leases } : {}),
  });
  const limits = {
    maxConnectionsPerGrant: config.maxConnectionsPerGrant,
    maxMessageBytes: config.maxMessageBytes,
    messagesPerSecond: config.messagesPerSecond,
    messageBurst: config.messageBurst,
    bytesPerSecond: config.bytesPerSecond,
    grantMessagesPerSecond: config.grantMessagesPerSecond,
    grantMessageBurst: config.grantMessageBurst,
    grantBytesPerSecond: config.grantBytesPerSecond,
    connectionWorkMsPerSecond: config.connectionWorkMsPerSecond,
    grantWorkMsPerSecond: config.grantWorkMsPerSecond,
  };
  const connections = new ConnectionDirectory(limits);
  const versions = new VersionService(parts.versions, rooms, log);
  const circulations = new CirculationService(parts.circulations, parts.versions, rooms, log);
  // Links in statuses name the public address once it is known (below, after listening).
  let baseUrl = config.publicUrl ?? '';
  const publications = new PublicationService(parts.catalog, parts.publications, documents, versions, rooms, log, () => baseUrl);
  checkpoints = new CheckpointService(parts.catalog, versions, log, { idleMs: config.checkpointIdleMs, maxMs: config.checkpointMaxMs });
  const { app, injectWebSocket, wss } = createApp({
    catalog: parts.catalog,
    documents,
    attribution: parts.attribution,
    versions,
    circulations,
    publications,
    auth: new Authenticator(parts.catalog, parts.bootstrapToken),
    rooms,
    connections,
    failures: new FailureLimiter(config.authFailuresPerMinute, 60_000),
    trustedProxies: config.trustProxy,
    log,
    limits,
    publicUrl: config.publicUrl,
    clientDir: parts.clientDir,
    readiness: parts.readiness ?? [],
    historyDamage,
    metricsToken: config.metricsToken,
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        // Slow or silent clients must not hold sockets forever (slowloris): these bound every
        // HTTP request, WebSocket upgrades included; an upgraded socket is no longer an HTTP
        // request and lives by the WebSocket heartbeat instead.
        serverOptions: {
          headersTimeout: config.headersTimeoutMs,
          requestTimeout: config.requestTimeoutMs,
          keepAliveTimeout: config.keepAliveTimeoutMs,
          // How often Node looks for requests past those deadlines (its default is 30 s).
          connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(config.headersTimeoutMs / 4))),
        },
      },
      () => resolve(s),
    );
  });
  // Past this many open sockets new ones are closed on arrival: file descriptors stay for the ones held.
  server.maxConnections = config.maxConnections;
  server.on('connection', noteAccepted);
  injectWebSocket(server);
  await circulations.start();

  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) socket.terminate();
      else {
        alive.delete(socket);
        socket.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${host}:${port}`;
  baseUrl = url;
  log.info('server.listening', { url, port, dataDir: config.dataDir });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    rooms,
    connections,
    close: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        circulations.stop();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await rooms.closeAll();
        await aligner.close();
        for (const socket of wss.clients) socket.close(CloseCode.Restart, 'server restart');
        if ('closeAllConnections' in server) server.closeAllConnections();
        await stopped;
        log.info('server.stopped', {});
      })()),
  };
}
