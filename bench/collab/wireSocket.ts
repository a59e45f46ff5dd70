/**
 * The light clients' WebSocket (RFC 6455), as little as they need: it can pass over a message's
 * body without assembling it. A hall's 300 clients each receiving a 2.5 MB state spent more CPU
 * in `ws` assembling those bodies (a fresh 2.5 MB buffer and a copy each, then collecting it)
 * than the server spent sending them, on the same two cores: the figures measured the clients.
 * A light client that only notes when the state arrived now lets the bytes go by.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

/** What to do with a message, judged from its first bytes: keep (assemble and deliver) or let it pass. */
export type Verdict = 'keep' | 'pass';

export interface WireSocketHandlers {
  open(): void;
  /** A whole message that was kept. */
  message(data: Buffer): void;
  /** A message let pass, once its last byte has arrived. */
  passed(length: number): void;
  /** Bytes enough to judge (up to `PEEK_BYTES`, or all of a shorter message) of a message longer than `PEEK_BYTES`. */
  judge(start: Buffer, length: number): Verdict;
  close(reason: string): void;
}

/** Messages longer than this are judged from their start; shorter ones are always kept. */
export const PEEK_BYTES = 64;

const OPCODE = { continuation: 0x0, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One frame's header, read. */
interface Header {
  readonly fin: boolean;
  readonly opcode: number;
  readonly length: number;
}

export class WireSocket {
  private socket: Socket | null = null;
  /** Closed by either side; `close` is reported once, and never for `close()`. */
  private closed = false;
  /** Received bytes not yet consumed (a header being read, or a kept body). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private header: Header | null = null;
  /** Of the current frame's body: bytes still to come. */
  private left = 0;
  /** The current message: kept (its parts) or passed, once judged; null before. */
  private body: { verdict: Verdict; parts: Buffer[]; length: number } | null = null;

  constructor(
    url: string,
    private readonly on: WireSocketHandlers,
  ) {
    const req = request(url.replace(/^ws/, 'http'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (_res, socket, head) => {
      if (this.closed) return socket.destroy();
      this.socket = socket;
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => this.receive(chunk));
      socket.on('close', () => this.end('closed (1006)'));
      socket.on('error', (error) => this.end(error.message));
      this.on.open();
      if (head.length > 0) this.receive(head);
    });
    req.on('response', (res) => {
      res.resume();
      this.end(`upgrade refused: ${res.statusCode}`);
    });
    req.on('error', (error) => this.end(error.message));
    req.end();
  }

  get open(): boolean {
    return this.socket !== null && !this.closed;
  }

  /** Sends one binary message (masked with a zero key: masking is required, its randomness is not checked). */
  send(payload: Uint8Array): void {
    this.write(OPCODE.binary, payload);
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = null;
  }

  private write(opcode: number, payload: Uint8Array): void {
    if (!this.open) return;
    const n = payload.byteLength;
    const size = n < 126 ? 2 : n < 65536 ? 4 : 10;
    const header = Buffer.alloc(size + 4);
    header[0] = 0x80 | opcode;
    if (n < 126) header[1] = 0x80 | n;
    else if (n < 65536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(n, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
      header.writeUInt32BE(n >>> 0, 6);
    }
    this.socket!.cork();
    this.socket!.write(header);
    this.socket!.write(payload);
    this.socket!.uncork();
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    this.socket = null;
    this.on.close(reason);
  }

  private receive(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (!this.closed) {
      if (!this.header) {
        const header = this.readHeader();
        if (!header) return;
        this.header = header;
        this.left = header.length;
        if (header.length === 0 && !this.frameDone()) return;
        continue;
      }
      if (this.pendingBytes === 0) return;
      if (!this.takeBody()) return;
    }
  }

  /** Reads a frame header from the pending bytes, if they hold one whole. */
  private readHeader(): Header | null {
    if (this.pendingBytes < 2) return null;
    const start = this.peek(Math.min(this.pendingBytes, 14));
    const len7 = start[1]! & 0x7f;
    const size = len7 < 126 ? 2 : len7 === 126 ? 4 : 10;
    if (start.length < size) return null;
    const length = len7 < 126 ? len7 : len7 === 126 ? start.readUInt16BE(2) : start.readUInt32BE(2) * 2 ** 32 + start.readUInt32BE(6);
    this.drop(size);
    return { fin: (start[0]! & 0x80) !== 0, opcode: start[0]! & 0x0f, length };
  }

  /** Consumes what the pending bytes hold of the current frame's body; false when more is needed. */
  private takeBody(): boolean {
    const header = this.header!;
    const control = header.opcode >= OPCODE.close;
    if (!control && !this.body) {
      const length = header.length;
      // Judged once enough of it is here (only whole-message frames are judged: a fragmented message is kept).
      if (header.fin && header.opcode === OPCODE.binary && length > PEEK_BYTES) {
        if (this.pendingBytes < PEEK_BYTES) return false;
        this.body = { verdict: this.on.judge(this.peek(PEEK_BYTES), length), parts: [], length: 0 };
      } else this.body = { verdict: 'keep', parts: [], length: 0 };
    }
    if (control) {
      // Whole (at most 125 bytes), even between the frames of a message being let pass.
      if (this.pendingBytes < this.left) return false;
      const payload = this.take(this.left);
      this.left = 0;
      return this.control(header.opcode, payload);
    }
    const take = Math.min(this.left, this.pendingBytes);
    if (this.body!.verdict === 'pass') this.drop(take);
    else this.body!.parts.push(this.take(take));
    this.left -= take;
    this.body!.length += take;
    return this.left > 0 ? true : this.frameDone();
  }

  /** The current frame's body is all read: delivers the message if it was the last frame of one. */
  private frameDone(): boolean {
    const header = this.header!;
    this.header = null;
    if (header.opcode >= OPCODE.close) return this.control(header.opcode, Buffer.alloc(0));
    const body = this.body ?? { verdict: 'keep' as Verdict, parts: [], length: 0 };
    if (!header.fin) {
      this.body = body;
      return true;
    }
    this.body = null;
    if (body.verdict === 'pass') this.on.passed(body.length);
    else this.on.message(body.parts.length === 1 ? body.parts[0]! : Buffer.concat(body.parts, body.length));
    return true;
  }

  private control(opcode: number, payload: Buffer): boolean {
    this.header = null;
    if (opcode === OPCODE.ping) this.write(OPCODE.pong, payload);
    else if (opcode === OPCODE.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      const reason = payload.subarray(2).toString();
      this.end(`closed (${code}${reason.length > 0 ? `: ${reason}` : ''})`);
      return false;
    }
    return true;
  }

  /** The first `n` pending bytes, without consuming them. */
  private peek(n: number): Buffer {
    if (this.pending[0]!.length >= n) return this.pending[0]!.subarray(0, n);
    return Buffer.concat(this.pending, this.pendingBytes).subarray(0, n);
  }

  /** Consumes and returns the first `n` pending bytes (a view when they lie in one chunk). */
  private take(n: number): Buffer {
    const first = this.pending[0]!;
    const out = first.length >= n ? first.subarray(0, n) : Buffer.concat(this.pending, this.pendingBytes).subarray(0, n);
    this.drop(n);
    return out;
  }

  private drop(n: number): void {
    this.pendingBytes -= n;
    while (n > 0) {
      const first = this.pending[0]!;
      if (first.length <= n) {
        this.pending.shift();
        n -= first.length;
      } else {
        this.pending[0] = first.subarray(n);
        n = 0;
      }
    }
  }
}
