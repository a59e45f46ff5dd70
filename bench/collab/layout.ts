/**
 * The document layout the collaboration benchmarks write: each writer owns one paragraph of the
 * `text:fr` fragment (a Y.XmlElement('paragraph') holding a Y.XmlText) and appends markers such
 * as `[w17e42]` (client 17, edit 42) to it. Full clients find markers in what each transaction
 * inserted; light clients in the bytes of the updates they receive (a marker is ASCII, and Yjs
 * stores an inserted string as UTF-8, whole, in the update).
 */
import * as Y from 'yjs';

export const TEXT_FRAGMENT = 'text:fr';

/** Markers carry a client below 2^16 and an edit below 2^16, packed into one sample key. */
export const MAX_CLIENTS = 65_536;
export const MAX_EDITS = 65_536;

const MARKER = /\[w(\d+)e(\d+)\]/g;
const OPEN = 0x5b; // [
const W = 0x77; // w
const E = 0x65; // e
const CLOSE = 0x5d; // ]
const ZERO = 0x30;
const NINE = 0x39;

export function marker(client: number, edit: number): string {
  return `[w${client}e${edit}]`;
}

/** Calls `onMarker` for every marker in the raw bytes of an update (or any frame), without decoding it. */
export function scanMarkerBytes(bytes: Uint8Array, onMarker: (client: number, edit: number) => void): void {
  for (let i = bytes.indexOf(OPEN); i !== -1; i = bytes.indexOf(OPEN, i + 1)) {
    if (bytes[i + 1] !== W) continue;
    let j = i + 2;
    let client = 0;
    while (j < bytes.length && bytes[j]! >= ZERO && bytes[j]! <= NINE) client = client * 10 + bytes[j++]! - ZERO;
    if (j === i + 2 || bytes[j] !== E) continue;
    const digits = ++j;
    let edit = 0;
    while (j < bytes.length && bytes[j]! >= ZERO && bytes[j]! <= NINE) edit = edit * 10 + bytes[j++]! - ZERO;
    if (j === digits || bytes[j] !== CLOSE) continue;
    onMarker(client, edit);
    i = j;
  }
}

export function markerKey(client: number, edit: number): number {
  return client * MAX_EDITS + edit;
}

/**
 * Appends a paragraph of the caller's own to `text:fr` and returns its text. It carries no `pid`:
 * Accord gives paragraph ids itself.
 */
export function addOwnParagraph(doc: Y.Doc, initial = ''): Y.XmlText {
  const text = new Y.XmlText(initial);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  const fragment = doc.getXmlFragment(TEXT_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
  return text;
}

/** One edit: the marker at the end of the writer's paragraph, in one transaction. */
export function appendMarker(text: Y.XmlText, client: number, edit: number): void {
  text.insert(text.length, marker(client, edit));
}

/**
 * Calls `onMarker` for every marker a transaction inserts into `text:fr` (typed into a known
 * paragraph, or inside a paragraph that arrived whole); returns the unsubscribe function.
 */
export function watchMarkers(doc: Y.Doc, onMarker: (client: number, edit: number) => void): () => void {
  const fragment = doc.getXmlFragment(TEXT_FRAGMENT);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      for (const op of event.delta) if (op.insert !== undefined) scanContent(op.insert, onMarker);
    }
  };
  fragment.observeDeep(observer);
  return () => fragment.unobserveDeep(observer);
}

/** Every marker in the document's `text:fr`, as sample keys. */
export function markersIn(doc: Y.Doc): Set<number> {
  const found = new Set<number>();
  scanContent(doc.getXmlFragment(TEXT_FRAGMENT).toArray(), (client, edit) => found.add(markerKey(client, edit)));
  return found;
}

function scanContent(content: unknown, onMarker: (client: number, edit: number) => void): void {
  if (typeof content === 'string') {
    for (const m of content.matchAll(MARKER)) onMarker(Number(m[1]), Number(m[2]));
  } else if (Array.isArray(content)) {
    for (const item of content) scanContent(item, onMarker);
  } else if (content instanceof Y.XmlText) {
    scanContent(content.toString(), onMarker);
  } else if (content instanceof Y.XmlElement || content instanceof Y.XmlFragment) {
    scanContent(content.toArray(), onMarker);
  }
}
