import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.js';
import { appendBlocks } from '../../shared/model/documentText.js';

/**
 * One WebSocket frame a fuzzing client sends. `label` names the generator (for the report);
 * `text` frames go out with the text opcode (a string, or raw bytes that need not be UTF-8).
 */
export interface FuzzFrame {
  readonly label: string;
  readonly data: Uint8Array | string;
  readonly text?: boolean;
}

const bytes = (...parts: (number | Uint8Array)[]): Uint8Array => {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === 'number') encoding.writeVarUint(e, p);
    else encoding.writeUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
};

/** A varint-prefixed byte string, as y-protocols frames carry their payload. */
const lengthPrefixed = (payload: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};

const syncFrame = (sub: number, payload: Uint8Array): Uint8Array => bytes(MessageType.Sync, sub, lengthPrefixed(payload));

/** Real Yjs updates (a paragraph, an edit, a deletion) of a document the server has never seen. */
function realUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const fr = doc.getXmlFragment('text:fr');
  appendBlocks(fr, [{ text: 'Les parties conviennent de coopérer.' }, { text: 'Article 2. Durée.' }]);
  const text = (fr.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(4, 'deux ');
  text.delete(0, 4);
  doc.getMap('comments').set('t1', { body: 'Pourquoi ?' });
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

const REAL_UPDATES = realUpdates();

// ---------------------------------------------------------------------------------------------
// Harmless frames: valid messages a well-behaved client may send. They keep a socket open so
// that one connection carries many fuzzed frames before its offending one.

/** Own presence: one awareness entry with a random client id, clock and JSON state. */
const ownAwareness: fc.Arbitrary<FuzzFrame> = fc
  .record({
    client: fc.integer({ min: 1, max: 0xffffffff }),
    clock: fc.nat(1_000_000),
    state: fc.oneof(
      fc.constant(null),
      fc.record({ user: fc.record({ name: fc.string({ maxLength: 40 }), color: fc.string({ maxLength: 8 }) }) }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  })
  .map(({ client, clock, state }) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
    return { label: 'awareness-own', data: bytes(MessageType.Awareness, lengthPrefixed(encoding.toUint8Array(e))) };
  })
  .filter((f) => f.data.length < 2048);

/** A state vector of the form the server expects (it may name clients it does not know). */
const stateVector = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.nat()), { maxLength: 4 })
  .map((entries) => bytes(entries.length, ...entries.flat()));

export const harmlessFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 3, arbitrary: ownAwareness },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }).map((tail) => ({ label: 'query-awareness', data: bytes(MessageType.QueryAwareness, tail) })) },
  { weight: 2, arbitrary: stateVector.map((sv) => ({ label: 'sync-step1', data: syncFrame(SyncMessageType.Step1, sv) })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(SyncMessageType.Step2, SyncMessageType.Update)
      .map((sub) => ({ label: 'empty-update', data: syncFrame(sub, new Uint8Array([0, 0])) })),
  },
  // The server ignores auth and saved messages from clients, whatever follows the type.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((tail) => ({ label: 'auth-echo', data: bytes(MessageType.Auth, tail) })) },
  { weight: 1, arbitrary: fc.nat().map((seq) => ({ label: 'saved-echo', data: bytes(MessageType.Saved, seq) })) },
);

// ---------------------------------------------------------------------------------------------
// Garbage: frames that are malformed, forbidden, too large, or text.

const randomBytes = fc.uint8Array({ maxLength: 300 });

/** Continuation bits to the end of the frame: a varint that never finishes. */
const truncatedVarint = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => b.map((x) => x | 0x80));

/** A varint past 2^53 (lib0 refuses it), optionally followed by more bytes. */
const oversizedVarint = fc.tuple(fc.integer({ min: 8, max: 20 }), fc.uint8Array({ maxLength: 8 })).map(([n, tail]) => {
  const out = new Uint8Array(n + 1 + tail.length).fill(0xff, 0, n);
  out[n] = 0x7f;
  out.set(tail, n + 1);
  return out;
});

/** Yjs updates that declare far more than they carry: clients, structs, or content lengths. */
const hugeDeclaredUpdate = fc
  .record({
    where: fc.constantFrom('clients', 'structs', 'string', 'binary', 'any', 'json', 'deleteSet', 'deleteRanges'),
    huge: fc.oneof(fc.integer({ min: 2 ** 20, max: 2 ** 31 }), fc.constant(2 ** 53 - 1), fc.constant(0xffffffff)),
    client: fc.integer({ min: 1, max: 0xffffffff }),
  })
  .map(({ where, huge, client }) => {
    const e = encoding.createEncoder();
    const w = (n: number) => encoding.writeVarUint(e, n);
    // An item with no origins under the root `text:fr` (parent info 1, then its name), of content `ref`.
    const itemHeader = (ref: number) => {
      w(1); // one client
      w(1); // one struct
      w(client);
      w(0); // clock
      encoding.writeUint8(e, ref); // info: content ref, no origins
      w(1); // parent is a root name
      encoding.writeVarString(e, 'text:fr');
    };
    switch (where) {
      case 'clients':
        w(huge);
        w(1);
        w(client);
        break;
      case 'structs':
        w(1);
        w(huge);
        w(client);
        w(0);
        break;
      case 'string':
        itemHeader(4);
        w(huge);
        encoding.writeUint8Array(e, new TextEncoder().encode('abc'));
        break;
      case 'binary':
        itemHeader(3);
        w(huge);
        encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]));
        break;
      case 'any':
        itemHeader(8);
        w(huge);
        break;
      case 'json':
        itemHeader(2);
        w(huge);
        break;
      case 'deleteSet':
        w(0); // no structs
        w(huge); // clients in the delete set
        break;
      case 'deleteRanges':
        w(0);
        w(1);
        w(client);
        w(huge); // ranges
        w(0);
        break;
    }
    return { where, update: encoding.toUint8Array(e) };
  });

/** A prefix of a real update, cut anywhere but at its end. */
const truncatedRealUpdate = fc
  .tuple(fc.constantFrom(...REAL_UPDATES), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([u, at]) => u.subarray(0, Math.min(u.length - 1, Math.floor(at * u.length))));

/** What a Yjs update frame carries when it is garbage. */
const garbageUpdatePayload: fc.Arbitrary<{ label: string; payload: Uint8Array }> = fc.oneof(
  randomBytes.map((payload) => ({ label: 'random', payload })),
  hugeDeclaredUpdate.map(({ where, update }) => ({ label: `huge-${where}`, payload: update })),
  truncatedRealUpdate.map((payload) => ({ label: 'truncated-real', payload })),
);

/** The declared payload length disagrees with what follows (longer than the frame, or huge). */
const lyingEnvelope = fc
  .record({
    type: fc.constantFrom(MessageType.Sync, MessageType.Awareness),
    payload: fc.uint8Array({ maxLength: 64 }),
    extra: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(2 ** 40)),
  })
  .map(({ type, payload, extra }) => ({
    label: `length-lie-${type === MessageType.Sync ? 'sync' : 'awareness'}`,
    data: type === MessageType.Sync ? bytes(type, SyncMessageType.Update, payload.length + extra, payload) : bytes(type, payload.length + extra, payload),
  }));

/** Awareness payloads: random, a huge entry count, a client id past 2^53, or a state that is not JSON. */
const garbageAwareness: fc.Arbitrary<FuzzFrame> = fc.oneof(
  randomBytes.map((p) => ({ label: 'awareness-random', data: bytes(MessageType.Awareness, lengthPrefixed(p)) })),
  fc.integer({ min: 2, max: 2 ** 31 }).map((n) => ({ label: 'awareness-huge-count', data: bytes(MessageType.Awareness, lengthPrefixed(bytes(n, 7, 1))) })),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((state) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 12345);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, state);
      return { label: 'awareness-not-json', data: bytes(MessageType.Awareness, lengthPrefixed(encoding.toUint8Array(e))) };
    }),
);

/** Valid envelopes of every message kind, each carrying garbage. */
const garbageEnvelope: fc.Arbitrary<FuzzFrame> = fc.oneof(
  fc.tuple(fc.constantFrom(SyncMessageType.Step2, SyncMessageType.Update), garbageUpdatePayload).map(([sub, { label, payload }]) => ({
    label: `${sub === SyncMessageType.Step2 ? 'step2' : 'update'}-${label}`,
    data: syncFrame(sub, payload),
  })),
  randomBytes.map((sv) => ({ label: 'step1-random-state-vector', data: syncFrame(SyncMessageType.Step1, sv) })),
  fc.tuple(fc.integer({ min: 3, max: 2 ** 31 }), randomBytes).map(([sub, p]) => ({ label: 'sync-unknown-subtype', data: syncFrame(sub, p) })),
  garbageAwareness,
  lyingEnvelope,
  fc.constantFrom(
    { label: 'save-check-truncated', data: bytes(MessageType.SaveCheck) },
    { label: 'saved-truncated', data: bytes(MessageType.Saved) },
    { label: 'sync-truncated', data: bytes(MessageType.Sync) },
    { label: 'awareness-truncated', data: bytes(MessageType.Awareness) },
    { label: 'empty-frame', data: new Uint8Array(0) },
  ),
  truncatedVarint.map((v) => ({ label: 'save-check-truncated-varint', data: bytes(MessageType.SaveCheck, v) })),
  oversizedVarint.map((v) => ({ label: 'save-check-oversized-varint', data: bytes(MessageType.SaveCheck, v) })),
  fc
    .tuple(fc.oneof(fc.integer({ min: 4, max: 99 }), fc.integer({ min: 102, max: 2 ** 40 })), randomBytes)
    .map(([type, p]) => ({ label: 'unknown-type', data: bytes(type, p) })),
);

/** Text frames: the protocol is binary. Some are not even valid UTF-8. */
const textFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({ label: 'text', data: s, text: true })),
  fc.uint8Array({ minLength: 1, maxLength: 32 }).map((b) => ({ label: 'text-invalid-utf8', data: Uint8Array.from([0xc3, 0x28, ...b]), text: true })),
);

/** Frames past the configured maximum, random or shaped like an update. */
export const oversizedFrame = (maxMessageBytes: number): fc.Arbitrary<FuzzFrame> =>
  fc.tuple(fc.integer({ min: maxMessageBytes + 1, max: maxMessageBytes * 3 }), fc.boolean(), fc.integer({ min: 0, max: 255 })).map(([size, asUpdate, fill]) => {
    if (!asUpdate) return { label: 'oversized', data: new Uint8Array(size).fill(fill) };
    return { label: 'oversized-update', data: syncFrame(SyncMessageType.Update, new Uint8Array(size).fill(fill)) };
  });

/** Any frame a hostile or broken client might send, weighted towards the interesting ones. */
export const garbageFrame = (maxMessageBytes: number): fc.Arbitrary<FuzzFrame> =>
  fc.oneof(
    { weight: 4, arbitrary: randomBytes.map((data) => ({ label: 'random-bytes', data })) },
    { weight: 1, arbitrary: truncatedVarint.map((data) => ({ label: 'truncated-varint', data })) },
    { weight: 1, arbitrary: oversizedVarint.map((data) => ({ label: 'oversized-varint', data })) },
    { weight: 8, arbitrary: garbageEnvelope },
    { weight: 2, arbitrary: textFrame },
    { weight: 1, arbitrary: oversizedFrame(maxMessageBytes) },
  );

/** Valid updates to roots neither an observer nor the Vietnamese delegation may write (4403). */
const forbiddenWrite: fc.Arbitrary<FuzzFrame> = fc
  .record({
    client: fc.integer({ min: 1, max: 0xffffffff }),
    root: fc.constantFrom('text:fr', 'alignment', 'rowState', 'meta'),
    text: fc.string({ minLength: 1, maxLength: 30 }),
  })
  .map(({ client, root, text }) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    if (root === 'text:fr') appendBlocks(doc.getXmlFragment(root), [{ text }]);
    else doc.getMap(root).set(text, text);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { label: `forbidden-${root}`, data: syncFrame(SyncMessageType.Update, update) };
  });

/**
 * Content-free structs (a GC range) for some client id: they write no text, but they take clock
 * ranges of that client, and an observer writes nothing but presence.
 */
const contentFreeWrite: fc.Arbitrary<FuzzFrame> = fc
  .record({
    client: fc.integer({ min: 1, max: 0xffffffff }),
    clock: fc.constantFrom(0, 0, 1, 5),
    length: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(2 ** 40)),
  })
  .map(({ client, clock, length }) => {
    const e = encoding.createEncoder();
    for (const n of [1, 1, client, clock]) encoding.writeVarUint(e, n);
    encoding.writeUint8(e, 0); // GC
    encoding.writeVarUint(e, length);
    encoding.writeVarUint(e, 0); // empty delete set
    return { label: 'content-free-write', data: syncFrame(SyncMessageType.Update, encoding.toUint8Array(e)) };
  });

/** The offending frames for a role: writes it may not make come on top of the garbage. */
const offenceFor = (role: SocketPlan['role'], maxMessageBytes: number): fc.Arbitrary<FuzzFrame> => {
  const garbage = { weight: 17, arbitrary: garbageFrame(maxMessageBytes) };
  if (role === 'secretariat') return garbage.arbitrary;
  if (role === 'delegation') return fc.oneof(garbage, { weight: 2, arbitrary: forbiddenWrite });
  return fc.oneof(garbage, { weight: 2, arbitrary: forbiddenWrite }, { weight: 1, arbitrary: contentFreeWrite });
};

/**
 * One fuzzing connection: harmless frames then, on most sockets, one that is probably an offence
 * (`offence`). The rest send only harmless frames, as a control: they must never be closed.
 */
export interface SocketPlan {
  readonly role: 'observer' | 'delegation' | 'secretariat';
  readonly offence: boolean;
  readonly frames: readonly FuzzFrame[];
}

export const socketPlan = (maxMessageBytes: number, harmlessPerSocket: number): fc.Arbitrary<SocketPlan> =>
  (fc.constantFrom('observer', 'delegation', 'secretariat') as fc.Arbitrary<SocketPlan['role']>).chain((role) =>
    fc
      .record({
        harmless: fc.array(harmlessFrame, { minLength: harmlessPerSocket + 1, maxLength: harmlessPerSocket + 1 }),
        last: fc.option(offenceFor(role, maxMessageBytes), { freq: 20 }),
      })
      .map(
        ({ harmless, last }): SocketPlan =>
          last === null ? { role, offence: false, frames: harmless } : { role, offence: true, frames: [...harmless.slice(1), last] },
      ),
  );
