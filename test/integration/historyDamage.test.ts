import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { logFrames } from '../helpers/stored.js';
import { makeDataDir } from '../helpers/testServer.js';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';
import type { HistoryDamageResponse, InviteResponse, ReadyResponse } from '../../shared/protocol/api.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { fromBase64Url, toBase64Url } from '../../shared/publish/signature.js';
import { seedDeclaration } from '../helpers/seed.js';

// A byte flipped in a declaration's log on disk, between a kill and a restart of the real server.

const TOKEN = 'damage-token';
const clients: YClient[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(proc: ServerProcess, id: string, options: { connect?: boolean; reconnect?: boolean } = {}): YClient {
  const c = connectClient(proc.wsUrl, id, TOKEN, options);
  clients.push(c);
  return c;
}

/** A real server process over a data directory that outlives it; `restart` kills (or stops) it and starts another. */
async function serverOver(env: Record<string, string> = {}) {
  const dataDir = makeDataDir();
  const fullEnv = { DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, ACCORD_LOG: 'json', ...env };
  let proc = await spawnServer(fullEnv);
  cleanups.push(async () => {
    proc.child.kill('SIGKILL');
    await proc.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    get proc() {
      return proc;
    },
    async kill() {
      proc.child.kill('SIGKILL');
      await proc.exited;
    },
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
    },
    async start() {
      proc = await spawnServer(fullEnv);
      return proc;
    },
  };
}

/** Flips one byte inside the body of the log record `pick` chooses; returns the damaged file's bytes. */
function flipInRecord(dataDir: string, id: string, pick: (payloads: { payload: Uint8Array; index: number }[]) => number): Buffer {
  const path = join(dataDir, 'docs', `${id}.log`);
  const bytes = readFileSync(path);
  const frames = logFrames(bytes);
  // Update records have an even tag (author << 1); the payload follows the one-byte tag.
  const updates = frames.map((f, index) => ({ f, index })).filter(({ f }) => f.body[0]! % 2 === 0);
  const chosen = updates[pick(updates.map(({ f }, index) => ({ payload: f.body.subarray(1), index })))]!.f;
  bytes[chosen.bodyStart + Math.floor(chosen.body.length / 2)]! ^= 0x44;
  writeFileSync(path, bytes);
  return bytes;
}

function keptCopies(dataDir: string, id: string): string[] {
  return readdirSync(join(dataDir, 'docs')).filter((n) => n.startsWith(`${id}.log.damaged-`) && !n.endsWith('.json'));
}

async function ready(proc: ServerProcess): Promise<{ status: number; body: ReadyResponse }> {
  const res = await fetch(`${proc.url}/api/ready`);
  return { status: res.status, body: (await res.json()) as ReadyResponse };
}

async function metric(proc: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

const firstClient = (payload: Uint8Array) => Y.decodeUpdate(payload).structs[0]?.id.client;

describe('a byte flipped inside a record in the middle of a declaration’s log', () => {
  it('loses that record only: later intact records are applied, the server reports itself degraded, counts it, keeps the damaged file byte-identical, and a page holding the text restores the rest', async () => {
    const server = await serverOver({ ACCORD_CHECKPOINT_IDLE_MS: '600000', ACCORD_CHECKPOINT_MAX_MS: '600000' });
    const id = await apiClient(server.proc.url, TOKEN).createDeclaration('Octet retourné');
    const a = client(server.proc, id, { reconnect: false });
    const b = client(server.proc, id, { reconnect: false });
    const witness = client(server.proc, id, { reconnect: false });
    await Promise.all([a.synced(), b.synced(), witness.synced()]);
    // Two writers take turns, one stored record per edit.
    for (let i = 0; i < 6; i++) {
      for (const [who, name] of [
        [a, 'a'],
        [b, 'b'],
      ] as const) {
        const text = who.doc.getText(`probe-${name}`);
        text.insert(text.length, `${name}${i} `);
        await waitFor(() => witness.doc.getText(`probe-${name}`).toString() === text.toString(), `edit ${name}${i} stored`);
      }
    }
    const fullA = a.doc.getText('probe-a').toString();
    await server.kill();

    // Flip a byte inside a's third edit (record "11" of the issue: everything after it used to be lost).
    const aRecords = (payloads: { payload: Uint8Array; index: number }[]) =>
      payloads.filter((p) => firstClient(p.payload) === a.doc.clientID).map((p) => p.index);
    const damaged = flipInRecord(server.dataDir, id, (payloads) => aRecords(payloads)[2]!);
    const proc = await server.start();

    const reader = client(proc, id);
    await reader.synced();
    // b's edits after the damaged record are all there; a's later edits wait for the lost one.
    expect(reader.doc.getText('probe-b').toString()).toBe('b0 b1 b2 b3 b4 b5 ');
    expect(reader.doc.getText('probe-a').toString()).toBe('a0 a1 ');

    const probe = await ready(proc);
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ ready: true, degraded: true });
    expect(probe.body.reasons?.[0]).toMatch(/stored history of 1 declaration is damaged.*3 stored changes wait/);
    expect(await metric(proc, 'accord_history_damaged_records_total')).toBe(1);
    expect(await metric(proc, 'accord_declarations_damaged')).toBe(1);
    const report = (await apiClient(proc.url, TOKEN).request('GET', `/api/declarations/${id}/damage`)).body as HistoryDamageResponse;
    expect(report.damage).toMatchObject({ reason: 'checksum mismatch', lost: 1, waiting: 3, filledFrom: null });
    expect(proc.output()).toMatch(/"event":"history.damaged"/);

    const kept = keptCopies(server.dataDir, id);
    expect(kept).toEqual([report.damage!.keptAs]);
    expect(readFileSync(join(server.dataDir, 'docs', kept[0]!)).equals(damaged)).toBe(true);

    // The secretariat page that still holds the whole text reconnects: its sync step 2 carries the
    // lost edit, and the edits that waited for it integrate.
    const page = client(proc, id, { connect: false });
    Y.applyUpdate(page.doc, Y.encodeStateAsUpdate(a.doc));
    page.provider.connect();
    await page.synced();
    await waitFor(() => reader.doc.getText('probe-a').toString() === fullA, 'the lost edit and those after it restored at the reader');

    // Stored for good: a clean stop and a restart serve the whole text; the damaged file is untouched.
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
    const again = await server.start();
    const late = client(again, id);
    await late.synced();
    expect(late.doc.getText('probe-a').toString()).toBe(fullA);
    expect(late.doc.getText('probe-b').toString()).toBe('b0 b1 b2 b3 b4 b5 ');
    expect(keptCopies(server.dataDir, id)).toEqual(kept);
    expect(readFileSync(join(server.dataDir, 'docs', kept[0]!)).equals(damaged)).toBe(true);
    // Still reported until an operator sets the kept copy aside.
    expect((await ready(again)).body).toMatchObject({ degraded: true });
  }, 90_000);
});

describe('a byte flipped inside the import record', () => {
  it('brings the declaration back from the last automatic version and the intact records after it, not empty', async () => {
    const server = await serverOver({ ACCORD_CHECKPOINT_IDLE_MS: '1500', ACCORD_CHECKPOINT_MAX_MS: '600000' });
    const api = apiClient(server.proc.url, TOKEN);
    const imported = await api.request('POST', '/api/declarations/import', {
      title: 'Déclaration importée',
      languages: ['fr', 'vi'],
      sources: [
        { lang: 'fr', text: 'Nous, collectivités territoriales, réunies à Hanoï.\n\nRenforcer la coopération décentralisée.' },
        { lang: 'vi', text: 'Chúng tôi, các địa phương, họp tại Hà Nội.\n\nTăng cường hợp tác phi tập trung.' },
      ],
    });
    expect(imported.status).toBe(201);
    const id = (imported.body as { id: string }).id;
    const writer = client(server.proc, id, { reconnect: false });
    const witness = client(server.proc, id, { reconnect: false });
    await Promise.all([writer.synced(), witness.synced()]);
    const paragraph = (doc: Y.Doc, i: number) => (doc.getXmlFragment('text:fr').get(i) as Y.XmlElement).get(0) as Y.XmlText;
    const frText = (doc: Y.Doc) => doc.getXmlFragment('text:fr').toString();

    paragraph(writer.doc, 0).insert(0, 'Première retouche. ');
    const versions = async () => ((await api.request('GET', `/api/declarations/${id}/versions`)).body as { version: number }[]).length;
    await waitFor(() => frText(witness.doc).includes('Première retouche.'), 'the first edit stored');
    // The automatic version, taken after a pause in editing.
    for (let i = 0; i < 100 && (await versions()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await versions()).toBe(1);
    paragraph(writer.doc, 1).insert(0, 'Seconde retouche, après la version. ');
    await waitFor(() => frText(witness.doc).includes('Seconde retouche'), 'the second edit stored');
    expect(await versions()).toBe(1); // the second edit is only in the log
    await server.kill();

    // The import record is the log's first update (it holds the imported paragraphs).
    flipInRecord(server.dataDir, id, () => 0);
    const proc = await server.start();
    const reader = client(proc, id);
    await reader.synced();
    const text = frText(reader.doc);
    expect(text).toContain('Première retouche. Nous, collectivités territoriales, réunies à Hanoï.');
    expect(text).toContain('Seconde retouche, après la version. Renforcer la coopération décentralisée.');
    expect(reader.doc.getXmlFragment('text:vi').toString()).toContain('Tăng cường hợp tác phi tập trung.');
    const report = (await apiClient(proc.url, TOKEN).request('GET', `/api/declarations/${id}/damage`)).body as HistoryDamageResponse;
    expect(report.damage).toMatchObject({ lost: 1, waiting: 0, filledFrom: { version: 1 } });
    expect((await ready(proc)).body).toMatchObject({ ready: true, degraded: true });
  }, 90_000);
});

describe('restoring a damaged declaration from a secretariat page’s copy', () => {
  it('adds what the page holds and the server lost, also edits a delegation wrote (which the page’s own sync may not write)', async () => {
    const server = await serverOver({ ACCORD_CHECKPOINT_IDLE_MS: '600000', ACCORD_CHECKPOINT_MAX_MS: '600000' });
    const api = apiClient(server.proc.url, TOKEN);
    const id = await seedDeclaration({ url: server.proc.url, wsUrl: server.proc.wsUrl, token: TOKEN }, 'Restauration', {
      fr: ['Nous, collectivités territoriales.'],
      vi: ['Chúng tôi, các địa phương.'],
    });
    const invite = (await api.request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'fr', name: 'Délégation française' }))
      .body as InviteResponse;
    const delegation = connectClient(server.proc.wsUrl, id, invite.token, { reconnect: false });
    const page = client(server.proc, id, { reconnect: false });
    clients.push(delegation);
    await Promise.all([delegation.synced(), page.synced()]);
    const paragraph = (doc: Y.Doc) => (doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (const word of [' Un.', ' Deux.', ' Trois.']) {
      paragraph(delegation.doc).insert(paragraph(delegation.doc).length, word);
      await waitFor(() => paragraph(page.doc).toString().endsWith(word), `${word} stored`);
    }
    const full = paragraph(page.doc).toString();
    await server.kill();
    // The delegation's second edit is damaged on disk.
    flipInRecord(server.dataDir, id, (payloads) => payloads.filter((p) => firstClient(p.payload) === delegation.doc.clientID).map((p) => p.index)[1]!);
    const proc = await server.start();
    const reader = client(proc, id);
    await reader.synced();
    expect(paragraph(reader.doc).toString()).toBe('Nous, collectivités territoriales. Un.');

    // The page's own sync carries the delegation's lost edit under the delegation's client id: refused.
    const resync = client(proc, id, { connect: false, reconnect: false });
    Y.applyUpdate(resync.doc, Y.encodeStateAsUpdate(page.doc));
    const closes: number[] = [];
    resync.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    resync.provider.connect();
    await waitFor(() => closes.includes(CloseCode.Forbidden), 'the page’s sync refused (4403)', 10_000);
    expect(paragraph(reader.doc).toString()).toBe('Nous, collectivités territoriales. Un.');

    // The secretariat restores from that copy: only what the server lacks is sent, and stored as the server's.
    const secretariat = apiClient(proc.url, TOKEN);
    const { stateVector } = (await secretariat.request('GET', `/api/declarations/${id}/damage`)).body as HistoryDamageResponse;
    const update = Y.encodeStateAsUpdate(page.doc, fromBase64Url(stateVector!)!);
    const restored = await secretariat.request('POST', `/api/declarations/${id}/damage/restore`, { update: toBase64Url(update) });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ waiting: 0 });
    expect((restored.body as { restored: number }).restored).toBeGreaterThan(0);
    await waitFor(() => paragraph(reader.doc).toString() === full, 'the delegation’s lost edits restored at the reader');
    expect(((await secretariat.request('GET', `/api/declarations/${id}/damage`)).body as HistoryDamageResponse).damage).toMatchObject({ waiting: 0 });

    // A delegation may not restore, nor may anyone when nothing is damaged.
    expect((await apiClient(proc.url, invite.token).request('POST', `/api/declarations/${id}/damage/restore`, { update: toBase64Url(update) })).status).toBe(
      403,
    );
    const intact = await secretariat.createDeclaration('Intacte');
    expect((await secretariat.request('POST', `/api/declarations/${intact}/damage/restore`, { update: toBase64Url(update) })).status).toBe(409);
  }, 90_000);
});
