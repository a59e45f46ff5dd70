import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readUnits } from '../../shared/model/documentText.js';

// Rooms stay loaded and no automatic checkpoint interleaves with the named versions here
// (unloading a room takes one); the checkpoint test has its own server.
const QUIET = { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_CHECKPOINT_IDLE_MS: '600000' };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: QUIET });
});
afterAll(async () => {
  await server?.stop();
});

const api = () => apiClient(server.url, server.token);

async function edit(id: string, lang: string, n: number, fn: (t: Y.XmlText) => void): Promise<void> {
  const c = connectClient(server.wsUrl, id, server.token);
  await c.synced();
  fn((c.doc.getXmlFragment(`text:${lang}`).get(n) as Y.XmlElement).get(0) as Y.XmlText);
  // A second client holding the change means the server stored it.
  const witness = connectClient(server.wsUrl, id, server.token);
  await witness.synced();
  const expected = readUnits(c.doc.getXmlFragment(`text:${lang}`))[n]!.text;
  await waitFor(() => readUnits(witness.doc.getXmlFragment(`text:${lang}`))[n]?.text === expected, 'the edit stored');
  witness.destroy();
  c.destroy();
}

async function texts(id: string, lang: string): Promise<string[]> {
  const c = connectClient(server.wsUrl, id, server.token);
  await c.synced();
  const out = readUnits(c.doc.getXmlFragment(`text:${lang}`)).map((u) => u.text);
  c.destroy();
  return out;
}

describe('versions', () => {
  it('are listed oldest first with who and when, and cannot be changed', async () => {
    const id = await seedDeclaration(server, 'Versions', { fr: ['Un.', 'Deux.'], vi: ['Một.', 'Hai.'] });
    expect((await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' })).body).toEqual({ version: 1 });
    await edit(id, 'fr', 1, (t) => t.insert(0, 'Article '));
    expect((await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Texte envoyé en plénière', note: 'après l’atelier 2' })).body).toEqual({
      version: 2,
    });
    const list = (await api().request('GET', `/api/declarations/${id}/versions`)).body as {
      version: number;
      label: string;
      at: number;
      by: string;
      kind: string;
      changeSummary: { changes: { rowsChanged: number } | null } | null;
    }[];
    const named = list.filter((v) => v.kind === 'named');
    expect(named.map((v) => [v.version, v.label, v.by])).toEqual([
      [1, 'Rev.1', 'Secretariat'],
      [2, 'Texte envoyé en plénière', 'Secretariat'],
    ]);
    expect(named[1]!.changeSummary?.changes?.rowsChanged).toBe(1);
    expect(() => server.db.prepare("UPDATE versions SET label = 'x' WHERE doc_id = ?").run(id)).toThrow(/immutable/);
    expect(() => server.db.prepare('DELETE FROM versions WHERE doc_id = ?').run(id)).toThrow(/immutable/);
    const v1 = (await api().request('GET', `/api/declarations/${id}/versions/1`)).body as { text: { rows: { cells: Record<string, { text: string }[]> }[] } };
    expect(v1.text.rows.map((r) => r.cells.fr![0]!.text)).toEqual(['Un.', 'Deux.']);
    // A delegation can read but not name versions.
    const invite = await api().request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'vi', name: 'Đoàn' });
    const delegate = apiClient(server.url, (invite.body as { token: string }).token);
    expect((await delegate.request('POST', `/api/declarations/${id}/versions`, { label: 'x' })).status).toBe(403);
    expect((await delegate.request('GET', `/api/declarations/${id}/versions`)).status).toBe(200);
  });

  it('survive a restart', async () => {
    const id = await seedDeclaration(server, 'Durables', { fr: ['Un.'], vi: ['Một.'] });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, env: QUIET });
    const v = (await api().request('GET', `/api/declarations/${id}/versions/1`)).body as { meta: { label: string } };
    expect(v.meta.label).toBe('Rev.1');
  });

  it('restores the chosen languages as a new change, losing nothing', async () => {
    const id = await seedDeclaration(server, 'Restauration', { fr: ['Un.', 'Deux.'], vi: ['Một.', 'Hai.'] });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Avant' });
    await edit(id, 'fr', 0, (t) => t.insert(0, 'Modifié : '));
    await edit(id, 'vi', 0, (t) => t.insert(0, 'Sửa: '));
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Après' });
    const res = await api().request('POST', `/api/declarations/${id}/versions/1/restore`, { languages: ['fr'] });
    expect(res.status).toBe(200);
    expect(await texts(id, 'fr')).toEqual(['Un.', 'Deux.']);
    expect(await texts(id, 'vi')).toEqual(['Sửa: Một.', 'Hai.']);
    // The state before the restore is still a version, and can be brought back in turn.
    await api().request('POST', `/api/declarations/${id}/versions/2/restore`, { languages: ['fr'] });
    expect(await texts(id, 'fr')).toEqual(['Modifié : Un.', 'Deux.']);
    expect((await api().request('POST', `/api/declarations/${id}/versions/9/restore`, { languages: ['fr'] })).status).toBe(404);
  });

  it('compares a version with the live text word by word, in both languages', async () => {
    const id = await seedDeclaration(server, 'Comparaison', {
      fr: ['Les échanges s’amplifient.', 'Article deux.'],
      vi: ['kỷ niệm 50 năm thiết lâp quan hệ', 'Điều hai.'],
    });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    await edit(id, 'vi', 0, (t) => {
      const s = t.toString();
      const at = s.indexOf('lâp');
      t.delete(at, 3);
      t.insert(at, 'lập');
    });
    const res = await api().request('GET', `/api/declarations/${id}/compare?from=1&to=live`);
    expect(res.status).toBe(200);
    const comparison = res.body as {
      rows: { change: string; outOfStep: boolean; words: Record<string, { op: string; text: string }[]> }[];
      summary: { rowsChanged: number };
    };
    const first = comparison.rows[0]!;
    expect(first.change).toBe('changed');
    expect(first.outOfStep).toBe(true);
    expect(first.words.vi!.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'delete', text: 'lâp' },
      { op: 'insert', text: 'lập' },
    ]);
    expect(first.words.fr!.every((w) => w.op === 'equal')).toBe(true);
    expect(comparison.rows[1]!.change).toBe('equal');
    expect(comparison.summary.rowsChanged).toBe(1);

    const html = await fetch(`${server.url}/api/declarations/${id}/compare?from=1&to=live&format=html`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('lập');
    // Circulated in the asker's language, with the language names in it.
    const french = await (
      await fetch(`${server.url}/api/declarations/${id}/compare?from=1&to=live&format=html&ui=fr`, { headers: { authorization: `Bearer ${server.token}` } })
    ).text();
    expect(french).toContain('Modifications de');
    expect(french).toContain('vietnamien');
    const vietnamese = await (
      await fetch(`${server.url}/api/declarations/${id}/compare?from=1&to=live&format=html&ui=vi`, { headers: { authorization: `Bearer ${server.token}` } })
    ).text();
    expect(vietnamese).toContain('Thay đổi từ');
    const docx = await fetch(`${server.url}/api/declarations/${id}/compare?from=1&to=live&format=docx`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await docx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('compares two declarations that share languages', async () => {
    const a = await seedDeclaration(server, '12es Assises', { fr: ['Nous, collectivités.'], vi: ['Chúng tôi.'] });
    const b = await seedDeclaration(server, '13es Assises (projet)', { fr: ['Nous, collectivités territoriales.'], vi: ['Chúng tôi.'] });
    const res = await api().request('GET', `/api/declarations/${a}/compare?from=live&to=live&toDeclaration=${b}`);
    expect(res.status).toBe(200);
    const words = (res.body as { rows: { words: Record<string, { op: string; text: string }[]> }[] }).rows[0]!.words;
    expect(words.fr!.filter((w) => w.op === 'insert').map((w) => w.text.trim())).toEqual(['territoriales']);
  });

  it('takes an automatic checkpoint after a pause in editing', async () => {
    const own = await startTestServer({ env: { ACCORD_CHECKPOINT_IDLE_MS: '300', ACCORD_IDLE_UNLOAD_MS: '600000' } });
    try {
      const id = await seedDeclaration(own, 'Automatique', { fr: ['Un.'], vi: ['Một.'] });
      const c = connectClient(own.wsUrl, id, own.token);
      await c.synced();
      ((c.doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Premier ');
      await waitFor(() => false, 'a pause', 1200).catch(() => undefined);
      const list = (await apiClient(own.url, own.token).request('GET', `/api/declarations/${id}/versions`)).body as { kind: string; by: string }[];
      expect(list.some((v) => v.kind === 'auto' && v.by === 'Accord')).toBe(true);
      c.destroy();
    } finally {
      await own.stop();
    }
  });
});
