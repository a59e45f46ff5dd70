import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { takeSlice } from '../collab/workSlices.js';

/**
 * WebSocket upgrades reach the app a few at a time, in the rooms' slices (workSlices.ts).
 * Building an upgrade's request, checking its token and opening its socket cost more than
 * accepting a connection: a hall's 300 arriving together, each handled as it came, held the
 * event loop for a whole turn, and a health check queued behind them waited for it, then one
 * more turn per socket to be accepted. Few at a time, a slice's time is measured over whole
 * upgrades (released together, each would find the slice still fresh); more than one, so that
 * an upgrade waiting for its database does not hold the others; and none holds its place past a
 * deadline, so that one that never finishes cannot stop the rest.
 */

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

export interface UpgradeQueueOptions {
  /** Upgrades in the app at once. */
  readonly inFlight: number;
  /** Longest an upgrade holds its place; it goes on, the next one starts. */
  readonly holdMs: number;
  /** Upgrades that would wait behind this many are answered 503 at once. */
  readonly maxWaiting: number;
  /** Only upgrades to paths that open sockets are queued; others are answered 404 at once. */
  readonly accepts: (path: string) => boolean;
  readonly failed: (error: unknown) => void;
}

interface Waiting {
  readonly request: IncomingMessage;
  readonly socket: Duplex;
  readonly head: Buffer;
}

/** Answers an upgrade without opening anything, and closes the connection. */
function refuse(socket: Duplex, status: string): void {
  if (!socket.destroyed) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The server's `'upgrade'` handler: hands each upgrade to `listener` when its turn comes. */
export function upgradeQueue(listener: UpgradeListener, options: UpgradeQueueOptions): UpgradeListener {
  const waiting: Waiting[] = [];
  let running = 0;

  const next = (): void => {
    while (running < options.inFlight && waiting.length > 0) {
      const upgrade = waiting.shift()!;
      // Gone while it waited: nothing to open.
      if (upgrade.socket.destroyed || !upgrade.socket.writable) continue;
      running++;
      void run(upgrade);
    }
  };

  const run = async ({ request, socket, head }: Waiting): Promise<void> => {
    let done = false;
    let deadline: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      running--;
      next();
    };
    try {
      await takeSlice();
      if (socket.destroyed || !socket.writable) return;
      deadline = setTimeout(finish, options.holdMs);
      deadline.unref();
      await listener(request, socket, head);
    } catch (error) {
      socket.destroy();
      try {
        options.failed(error);
      } catch {
        // The queue goes on whatever reporting does.
      }
    } finally {
      finish();
    }
  };

  return (request, socket, head) => {
    // Node has handed the socket over with no error listener of its own: a reset while it waits
    // would otherwise be an uncaught error. The socket simply goes.
    socket.on('error', () => socket.destroy());
    const path = (request.url ?? '/').split('?', 1)[0]!;
    if (!options.accepts(path)) return refuse(socket, '404 Not Found');
    if (running >= options.inFlight && waiting.length >= options.maxWaiting) return refuse(socket, '503 Service Unavailable');
    waiting.push({ request, socket, head });
    next();
  };
}
