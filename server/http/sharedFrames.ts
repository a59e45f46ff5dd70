import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { sendPaced } from './writePacing.js';

/**
 * A room sends the same frame to every peer: the WebSocket framing of it is the same bytes for
 * every socket too (a server never masks, and Accord's sockets compress nothing). It is built
 * once per frame here and written to each socket in one call, instead of ws building a header
 * and writing header and payload for each recipient (most of a large room's work is those writes).
 */

/** Payloads up to this size are copied behind their header once, so that each socket takes one buffer. */
const JOINED_MAX_BYTES = 64 * 1024;

/** The WebSocket bytes of each payload sent: the whole frame, or the header of a large payload. */
const framed = new WeakMap<Uint8Array, Buffer>();

/** The header of a final, unmasked binary frame of `length` bytes (RFC 6455 §5.2). */
function frameHeader(length: number, extra: number): Buffer {
  const size = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const header = Buffer.allocUnsafe(size + extra);
  header[0] = 0x82;
  if (length < 126) header[1] = length;
  else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    header.writeUInt32BE(length >>> 0, 6);
  }
  return header;
}

/** `payload` as one binary WebSocket frame, or, for a large payload, the header that goes before it; built once per payload. */
export function framingOf(payload: Uint8Array): Buffer {
  let bytes = framed.get(payload);
  if (!bytes) {
    const joined = payload.byteLength <= JOINED_MAX_BYTES;
    bytes = frameHeader(payload.byteLength, joined ? payload.byteLength : 0);
    if (joined) bytes.set(payload, bytes.byteLength - payload.byteLength);
    framed.set(payload, bytes);
  }
  return bytes;
}

/** What of ws's WebSocket this relies on beyond its public API: the TCP socket (ws 8). */
interface WithTcpSocket {
  readonly _socket?: Duplex | null;
}

/** Sends `payload` as one binary message, large ones paced across turns of the event loop (writePacing.ts). */
export function sendShared(socket: WebSocket, payload: Uint8Array): void {
  sendPaced(socket, payload, writeFrame);
}

/**
 * Writes `payload` as one binary message now. While the socket is open and ws has nothing of its own
 * under way (no extension negotiated, so ws never queues), the shared framing is written straight
 * to the TCP socket; otherwise ws sends it.
 */
function writeFrame(socket: WebSocket, payload: Uint8Array): void {
  const tcp = (socket as unknown as WithTcpSocket)._socket;
  if (socket.readyState !== socket.OPEN || socket.extensions !== '' || !tcp || !tcp.writable) {
    socket.send(payload);
    return;
  }
  const bytes = framingOf(payload);
  if (bytes.byteLength > payload.byteLength) {
    tcp.write(bytes);
    return;
  }
  // A large payload: header and payload in one writev, the payload never copied.
  tcp.cork();
  tcp.write(bytes);
  tcp.write(payload);
  tcp.uncork();
}
