import { resolve } from 'node:path';

/** Everything an operator can set, read once from the environment at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL for everything DATA_DIR's SQLite and files hold, shared by several servers; null: the embedded default. */
  readonly databaseUrl: string | null;
  /** Redis for the fan-out between instances (REDIS_URL); null: this instance is alone. */
  readonly redisUrl: string | null;
  /** Taken as given when set; otherwise generated once and kept in DATA_DIR. */
  readonly bootstrapToken: string | null;
  /** The address users reach Accord at (links, Origin check); null: whatever Host they used. */
  readonly publicUrl: string | null;
  /** When set, `/metrics` requires `Authorization: Bearer <it>` from anywhere; null: loopback only, no token. */
  readonly metricsToken: string | null;
  readonly maxMessageBytes: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly bytesPerSecond: number;
  readonly maxConnectionsPerGrant: number;
  /** All sockets of one invitation together (a delegation shares its link): frames and bytes per second. */
  readonly grantMessagesPerSecond: number;
  readonly grantMessageBurst: number;
  readonly grantBytesPerSecond: number;
  /** Milliseconds of processing per second one connection's updates, and one invitation's, may cost. */
  readonly connectionWorkMsPerSecond: number;
  readonly grantWorkMsPerSecond: number;
  /** Sockets the server holds at once (HTTP and WebSocket); more are closed on arrival, so idle sockets cannot exhaust file descriptors. */
  readonly maxConnections: number;
  /** A client must have sent a request's headers within this long of starting it (slow-header attacks). */
  readonly headersTimeoutMs: number;
  /** …and the whole request, body included (a .docx upload on a slow link). */
  readonly requestTimeoutMs: number;
  /** An HTTP keep-alive connection with no request in flight is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** Failed authentications an address (or a token prefix) may make per minute before its unknown tokens get 429 for a minute. */
  readonly authFailuresPerMinute: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For / Forwarded entries name the client; 0: trust none. */
  readonly trustProxy: number;
  readonly compactAfterUpdates: number;
  /** Automatic versions: after this much quiet following a change… */
  readonly checkpointIdleMs: number;
  /** …and at least this often during continuous editing. */
  readonly checkpointMaxMs: number;
  /** Quiet time after a text change before the aligner re-aligns. */
  readonly alignDebounceMs: number;
  readonly idleUnloadMs: number;
  /** With other instances: how often an open declaration reads what they stored and pub/sub did not bring. */
  readonly catchUpMs: number;
  readonly durability: 'process' | 'fsync';
  readonly logFormat: 'json' | 'silent';
  /** Serve the built client from here; null under `npm run dev`. */
  readonly serveClient: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL ? postgresUrl(env.DATABASE_URL) : null,
    redisUrl: env.REDIS_URL ? redisUrl(env.REDIS_URL) : null,
    bootstrapToken: env.ACCORD_BOOTSTRAP_TOKEN ? env.ACCORD_BOOTSTRAP_TOKEN : null,
    publicUrl: env.ACCORD_PUBLIC_URL ? new URL(env.ACCORD_PUBLIC_URL).origin : null,
    metricsToken: env.ACCORD_METRICS_TOKEN ? env.ACCORD_METRICS_TOKEN : null,
    maxMessageBytes: int(env, 'ACCORD_MAX_MESSAGE_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    messagesPerSecond: int(env, 'ACCORD_MESSAGES_PER_SECOND', 500, 1, 1_000_000),
    messageBurst: int(env, 'ACCORD_MESSAGE_BURST', 2000, 1, 10_000_000),
    bytesPerSecond: int(env, 'ACCORD_BYTES_PER_SECOND', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxConnectionsPerGrant: int(env, 'ACCORD_MAX_CONNECTIONS_PER_TOKEN', 50, 1, 1_000_000),
    // Twenty people of one delegation typing fast send ~500 frames a second together: four times that.
    grantMessagesPerSecond: int(env, 'ACCORD_TOKEN_MESSAGES_PER_SECOND', 2000, 1, 10_000_000),
    grantMessageBurst: int(env, 'ACCORD_TOKEN_MESSAGE_BURST', 8000, 1, 100_000_000),
    grantBytesPerSecond: int(env, 'ACCORD_TOKEN_BYTES_PER_SECOND', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    // Applying a keystroke costs a few dozen microseconds, a large paste tens of milliseconds:
    // these stop work that grows with an attack (concurrent inserts at one spot), not people.
    connectionWorkMsPerSecond: int(env, 'ACCORD_CONNECTION_WORK_MS_PER_SECOND', 100, 1, 1_000_000),
    grantWorkMsPerSecond: int(env, 'ACCORD_TOKEN_WORK_MS_PER_SECOND', 200, 1, 1_000_000),
    maxConnections: int(env, 'ACCORD_MAX_CONNECTIONS', 10_000, 1, 10_000_000),
    ...httpTimeouts(env),
    authFailuresPerMinute: int(env, 'ACCORD_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    trustProxy: int(env, 'ACCORD_TRUST_PROXY', 0, 0, 10),
    checkpointIdleMs: int(env, 'ACCORD_CHECKPOINT_IDLE_MS', 120_000, 100, 86_400_000),
    checkpointMaxMs: int(env, 'ACCORD_CHECKPOINT_MAX_MS', 600_000, 100, 86_400_000),
    alignDebounceMs: int(env, 'ACCORD_ALIGN_DEBOUNCE_MS', 150, 0, 60_000),
    compactAfterUpdates: int(env, 'ACCORD_COMPACT_AFTER', 50_000, 1, 100_000_000),
    idleUnloadMs: int(env, 'ACCORD_IDLE_UNLOAD_MS', 10_000, 0, 86_400_000),
    catchUpMs: int(env, 'ACCORD_CATCH_UP_MS', 2_000, 100, 3_600_000),
    durability: env.ACCORD_DURABILITY === 'fsync' ? 'fsync' : 'process',
    logFormat: env.ACCORD_LOG === 'silent' ? 'silent' : 'json',
    serveClient: env.ACCORD_SERVE_CLIENT !== '0',
  };
}

function httpTimeouts(env: NodeJS.ProcessEnv): Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'> {
  const headersTimeoutMs = int(env, 'ACCORD_HEADERS_TIMEOUT_MS', 20_000, 100, 3_600_000);
  const requestTimeoutMs = int(env, 'ACCORD_REQUEST_TIMEOUT_MS', 300_000, 100, 3_600_000);
  // Node refuses a header deadline later than the request's, which contains it.
  if (headersTimeoutMs > requestTimeoutMs) throw new Error('ACCORD_HEADERS_TIMEOUT_MS must not exceed ACCORD_REQUEST_TIMEOUT_MS');
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs: int(env, 'ACCORD_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 3_600_000) };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function redisUrl(raw: string): string {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  return raw;
}

function postgresUrl(raw: string): string {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return raw;
}
