/**
 * How a light benchmark client speaks to a target on the wire, as plain data that crosses the
 * IPC channel: the socket's URL, an optional document-name prefix on every frame (Hocuspocus
 * multiplexes documents over one socket), and the frames to send first (Hocuspocus's auth
 * message). Every frame after the prefix is a y-websocket message.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface WireSpec {
  readonly url: string;
  /** Written (as a varString) before every frame, and present on every frame received; null: none. */
  readonly documentPrefix: string | null;
  /** Frames sent as soon as the socket opens, before sync step 1. */
  readonly hello: readonly Uint8Array[];
}

/** The y-websocket message types (y-protocols) a light client uses. */
export const WireMessage = { Sync: 0, Awareness: 1, Auth: 2 } as const;
export const WireSync = { Step1: 0, Step2: 1, Update: 2 } as const;

/** A frame holding one y-websocket message: `type`, optional sub-type, then one length-prefixed payload. */
export function encodeFrame(spec: WireSpec, type: number, subtype: number | null, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  if (spec.documentPrefix !== null) encoding.writeVarString(encoder, spec.documentPrefix);
  encoding.writeVarUint(encoder, type);
  if (subtype !== null) encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A decoder positioned after the frame's document prefix (if the target uses one). */
export function openFrame(spec: WireSpec, frame: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(frame);
  if (spec.documentPrefix !== null) {
    const length = decoding.readVarUint(decoder);
    decoder.pos += length;
  }
  return decoder;
}

/** The y-websocket spec of a server that serves each document on its own path (Accord, y-websocket's own server). */
export function pathWire(url: string): WireSpec {
  return { url, documentPrefix: null, hello: [] };
}

/** Hocuspocus: one socket, every frame prefixed with the document's name, an auth message (type 2, Token = 0) first. */
export function hocuspocusWire(url: string, document: string, token: string): WireSpec {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document);
  encoding.writeVarUint(encoder, WireMessage.Auth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, token);
  return { url, documentPrefix: document, hello: [encoding.toUint8Array(encoder)] };
}
