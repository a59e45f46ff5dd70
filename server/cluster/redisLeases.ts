import { createClient } from 'redis';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Logger } from '../log.js';
import type { Leases } from './leases.js';
import { closeClient } from './redisFanout.js';

/** A lease lives this long without renewal: an instance that dies hands its work on within it. */
const LEASE_MS = 10_000;
const RENEW_MS = 3_000;

// Renew only our own lease, or take a free one: never take one another instance holds.
const ACQUIRE = `
  local holder = redis.call('GET', KEYS[1])
  if holder == ARGV[1] or not holder then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
  end
  return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Leases in Redis, one key per declaration, renewed while this instance holds the declaration. */
export class RedisLeases implements Leases {
  private readonly held = new Set<DeclarationId>();
  private readonly wanted = new Set<DeclarationId>();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly client: ReturnType<typeof createClient>,
    private readonly instance: string,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.renewAll(), RENEW_MS);
    this.timer.unref();
  }

  static async connect(url: string, instance: string, log: Logger): Promise<RedisLeases> {
    const client = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } });
    client.on('error', (error: unknown) => log.warn('redis.error', { client: 'leases', error: String(error) }));
    await client.connect();
    return new RedisLeases(client, instance, log);
  }

  async acquire(id: DeclarationId): Promise<boolean> {
    this.wanted.add(id);
    return this.try(id);
  }

  holds(id: DeclarationId): boolean {
    return this.held.has(id);
  }

  async release(id: DeclarationId): Promise<void> {
    this.wanted.delete(id);
    // With Redis away the lease simply expires; waiting for Redis would hold up an unload.
    if (!this.held.delete(id) || !this.client.isReady) return;
    await this.client.eval(RELEASE, { keys: [key(id)], arguments: [this.instance] }).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Released leases let another instance take over at once rather than after they expire.
    await Promise.allSettled([...this.held].map((id) => this.release(id)));
    await closeClient(this.client);
  }

  private async renewAll(): Promise<void> {
    for (const id of this.wanted) await this.try(id);
  }

  private async try(id: DeclarationId): Promise<boolean> {
    if (!this.client.isReady) {
      // Redis away: stop doing background work rather than risk doing it twice.
      this.held.delete(id);
      return false;
    }
    try {
      const won = (await this.client.eval(ACQUIRE, { keys: [key(id)], arguments: [this.instance, String(LEASE_MS)] })) === 1;
      if (won && !this.held.has(id)) this.log.info('lease.acquired', { declaration: id });
      if (won) this.held.add(id);
      else this.held.delete(id);
      return won;
    } catch {
      // Redis away: stop doing background work rather than risk doing it twice.
      this.held.delete(id);
      return false;
    }
  }
}

function key(id: DeclarationId): string {
  return `accord:lease:${id}`;
}
