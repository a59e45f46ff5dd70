import WebSocket from 'ws';
import { encodeSaveCheckFrame, encodeUpdateFrame, parseFrame } from '../../shared/protocol/frames.js';

export type Verdict = { kind: 'stored' } | { kind: 'closed'; code: number; reason: string; denied: string | null };

/** A bare socket speaking the protocol by hand: send one update, learn whether it was stored or refused. */
export class RawSocket {
  private constructor(
    private readonly ws: WebSocket,
    private readonly closed: Promise<{ code: number; reason: string }>,
    private denied: string | null,
    private readonly saved: Set<number>,
  ) {}

  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const saved = new Set<number>();
      let socket: RawSocket | null = null;
      const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
      ws.on('message', (data: Buffer) => {
        const frame = parseFrame(new Uint8Array(data));
        if (frame.kind === 'saved') saved.add(frame.seq);
        // y-protocols auth: varuint 2, varuint 0, varstring reason
        if (data[0] === 2 && socket) socket.denied = new TextDecoder().decode(data.subarray(3));
      });
      ws.on('open', () => {
        socket = new RawSocket(ws, closed, null, saved);
        resolve(socket);
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }

  private seq = 0;

  /** Sends an update then a save check: stored if the check is answered, else how it closed. */
  async send(update: Uint8Array, timeoutMs = 5000): Promise<Verdict> {
    const seq = ++this.seq;
    this.ws.send(encodeUpdateFrame(update));
    this.ws.send(encodeSaveCheckFrame(seq));
    const started = Date.now();
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    while (Date.now() - started < timeoutMs) {
      if (this.saved.has(seq)) return { kind: 'stored' };
      const c = await Promise.race([this.closed, new Promise<null>((r) => setTimeout(() => r(null), 5)), timeout]);
      if (c === 'timeout') break;
      if (c) return { kind: 'closed', code: c.code, reason: c.reason, denied: this.denied };
    }
    throw new Error('no verdict');
  }

  whenClosed(): Promise<{ code: number; reason: string }> {
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }
}
