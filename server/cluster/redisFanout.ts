import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Logger } from '../log.js';
import type { Fanout, FanoutHandlers, StoredUpdateMessage } from './fanout.js';

type RedisClient = ReturnType<typeof createClient>;

/**
 * The fan-out over Redis pub/sub: one channel per declaration for updates and one for presence.
 * A message is `instance id · 0x00 · payload`; an update's payload is `seq (8 bytes) · update`.
 * Publishing never waits and never fails the caller: a lost message is healed from the store.
 */
export class RedisFanout implements Fanout {
  readonly instance = randomBytes(8).toString('hex');
  private readonly handlers = new Map<DeclarationId, FanoutHandlers>();

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, log: Logger): Promise<RedisFanout> {
    // Reconnect forever with a short backoff: the store, not Redis, is the truth while it is away.
    const options = { url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } };
    const publisher = createClient(options);
    const subscriber = createClient(options);
    const fanout = new RedisFanout(publisher, subscriber, log);
    for (const [name, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      client.on('error', (error: unknown) => log.warn('redis.error', { client: name, error: String(error) }));
      client.on('ready', () => log.info('redis.ready', { client: name }));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return fanout;
  }

  async subscribe(id: DeclarationId, handlers: FanoutHandlers): Promise<void> {
    this.handlers.set(id, handlers);
    await this.subscriber.subscribe(
      [channel(id, 'u'), channel(id, 'p')],
      (message: Buffer, name: Buffer) => this.receive(id, name.toString().endsWith(':p') ? 'p' : 'u', message),
      true,
    );
  }

  async unsubscribe(id: DeclarationId): Promise<void> {
    this.handlers.delete(id);
    await this.subscriber.unsubscribe([channel(id, 'u'), channel(id, 'p')]).catch(() => undefined);
  }

  publishUpdate(id: DeclarationId, message: StoredUpdateMessage): void {
    const payload = Buffer.alloc(8 + message.update.byteLength);
    payload.writeBigUInt64BE(BigInt(message.seq), 0);
    payload.set(message.update, 8);
    this.publish(channel(id, 'u'), payload);
  }

  publishPresence(id: DeclarationId, update: Uint8Array): void {
    this.publish(channel(id, 'p'), Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }

  async check(): Promise<void> {
    if ((await this.publisher.ping()) !== 'PONG') throw new Error('Redis did not answer PING');
  }

  async close(): Promise<void> {
    await Promise.allSettled([closeClient(this.subscriber), closeClient(this.publisher)]);
  }

  private publish(name: string, payload: Buffer): void {
    if (!this.publisher.isReady) return; // away: the others catch up from the store
    const message = Buffer.concat([Buffer.from(this.instance, 'utf8'), Buffer.of(0), payload]);
    this.publisher.publish(name, message).catch((error: unknown) => this.log.warn('redis.publish_failed', { error: String(error) }));
  }

  private receive(id: DeclarationId, kind: 'u' | 'p', message: Buffer): void {
    const cut = message.indexOf(0);
    if (cut < 0 || message.subarray(0, cut).toString('utf8') === this.instance) return;
    const handlers = this.handlers.get(id);
    if (!handlers) return;
    const payload = new Uint8Array(message.subarray(cut + 1));
    if (kind === 'p') handlers.presence(payload);
    else if (payload.byteLength >= 8) handlers.update({ seq: Number(Buffer.from(payload.subarray(0, 8)).readBigUInt64BE(0)), update: payload.subarray(8) });
  }
}

/** Closes gracefully when Redis is there, at once when it is not: a stopping server never waits for it. */
export async function closeClient(client: { isReady: boolean; close(): Promise<void>; destroy(): void }): Promise<void> {
  if (client.isReady) await client.close().catch(() => client.destroy());
  else client.destroy();
}

function channel(id: DeclarationId, kind: 'u' | 'p'): string {
  return `accord:${kind}:${id}`;
}
