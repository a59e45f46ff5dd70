import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from './messages.js';

/** A parsed incoming collaboration frame; anything else is `malformed`. */
export type Frame =
  | { readonly kind: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step2'; readonly update: Uint8Array }
  | { readonly kind: 'update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'query-awareness' }
  | { readonly kind: 'auth' }
  | { readonly kind: 'save-check'; readonly seq: number }
  | { readonly kind: 'saved'; readonly seq: number }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Parses one binary frame without applying anything. Never throws. */
export function parseFrame(data: Uint8Array): Frame {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === SyncMessageType.Step1) return { kind: 'sync-step1', stateVector: payload };
        if (sub === SyncMessageType.Step2) return { kind: 'sync-step2', update: payload };
        if (sub === SyncMessageType.Update) return { kind: 'update', update: payload };
        return { kind: 'malformed', reason: `unknown sync message ${sub}` };
      }
      case MessageType.Awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MessageType.QueryAwareness:
        return { kind: 'query-awareness' };
      case MessageType.Auth:
        return { kind: 'auth' };
      case MessageType.SaveCheck:
        return { kind: 'save-check', seq: decoding.readVarUint(decoder) };
      case MessageType.Saved:
        return { kind: 'saved', seq: decoding.readVarUint(decoder) };
      default:
        return { kind: 'malformed', reason: `unknown message type ${type}` };
    }
  } catch {
    // lib0 throws on truncated input and on varints that overflow
    return { kind: 'malformed', reason: 'truncated or invalid frame' };
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A frame whose body is one length-prefixed payload (a state vector, an update), written in one
 * allocation and one copy: a document's whole state is megabytes, answered to a hall at once.
 */
function payloadFrame(header: readonly number[], payload: Uint8Array): Uint8Array {
  const prefix = frame((e) => {
    for (const n of header) encoding.writeVarUint(e, n);
    encoding.writeVarUint(e, payload.byteLength);
  });
  const out = new Uint8Array(prefix.byteLength + payload.byteLength);
  out.set(prefix);
  out.set(payload, prefix.byteLength);
  return out;
}

export const encodeSyncStep1Frame = (stateVector: Uint8Array): Uint8Array => payloadFrame([MessageType.Sync, SyncMessageType.Step1], stateVector);

export const encodeSyncStep2Frame = (update: Uint8Array): Uint8Array => payloadFrame([MessageType.Sync, SyncMessageType.Step2], update);

export const encodeUpdateFrame = (update: Uint8Array): Uint8Array => payloadFrame([MessageType.Sync, SyncMessageType.Update], update);

export const encodeAwarenessFrame = (update: Uint8Array): Uint8Array => payloadFrame([MessageType.Awareness], update);

/** The y-protocols auth message that the stock provider reports as "permission denied". */
export const encodePermissionDeniedFrame = (reason: string): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, 0); // y-protocols/auth messagePermissionDenied
    encoding.writeVarString(e, reason);
  });

export const encodeSaveCheckFrame = (seq: number): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.SaveCheck);
    encoding.writeVarUint(e, seq);
  });

export const encodeSavedFrame = (seq: number): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Saved);
    encoding.writeVarUint(e, seq);
  });
