import WebSocket from 'ws';

/**
 * A `ws` WebSocket class that counts the bytes arriving on every socket made from it (a provider
 * opens a new socket per reconnect), for "bytes on the wire": each client gets its own class.
 */
export function countingWebSocket(): { readonly Socket: new (address: string | URL, protocols?: string | string[]) => WebSocket; received(): number } {
  let bytes = 0;
  class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.addEventListener('message', (event) => {
        bytes += byteLength(event.data);
      });
    }
  }
  return { Socket: CountingWebSocket, received: () => bytes };
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0);
  if (typeof data === 'string') return Buffer.byteLength(data);
  return 0;
}
