import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { apiClient } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedBytes as storedBytesOf } from '../helpers/stored.js';
import { connectClient } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { signedMessage, toBase64Url } from '../../shared/publish/signature.js';
import { verifyExport } from '../../shared/publish/verify.js';
import { addRowComment } from '../../shared/negotiation/comments.js';
import type { PublicationStatusResponse } from '../../shared/protocol/api.js';

const QUIET = { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_CHECKPOINT_IDLE_MS: '600000' };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: QUIET });
});
afterAll(async () => {
  await server?.stop();
});

const secretariat = () => apiClient(server.url, server.token);
const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">lien</a> " onmouseover="x';
const FR = [
  '1. Les collectivités françaises et vietnamiennes se sont réunies à Hanoï les 13 et 14 avril 2023.',
  `2. Elles s’engagent «\u00a0ensemble\u00a0» d’ici 2030. ${HOSTILE}`,
];
const VI = ['1. Các địa phương Việt Nam và Pháp đã họp tại Hà Nội ngày 13 và 14 tháng 4 năm 2023.', `2. Các bên cam kết cùng nhau đến năm 2030. ${HOSTILE}`];

interface People {
  readonly id: string;
  readonly tokens: Record<'fr' | 'vi' | 'frDelegation' | 'observer', string>;
}

async function declarationWithSignatories(title: string): Promise<People> {
  const id = await seedDeclaration(server, title, { fr: FR, vi: VI });
  const invite = async (body: object) => ((await secretariat().request('POST', `/api/declarations/${id}/invites`, body)).body as { token: string }).token;
  return {
    id,
    tokens: {
      fr: await invite({ role: 'signatory', lang: 'fr', name: 'Signataire française' }),
      vi: await invite({ role: 'signatory', lang: 'vi', name: 'Người ký Việt Nam' }),
      frDelegation: await invite({ role: 'delegation', lang: 'fr', name: 'Délégation française' }),
      observer: await invite({ role: 'observer', name: 'Observateur' }),
    },
  };
}

function keyPair() {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: toBase64Url(ed25519.getPublicKey(secretKey)) };
}

async function signAs(people: People, lang: 'fr' | 'vi', sha256: string, key = keyPair()) {
  const api = apiClient(server.url, people.tokens[lang]);
  expect((await api.request('POST', `/api/declarations/${people.id}/signing-key`, { publicKey: key.publicKey })).status).toBe(201);
  const signature = toBase64Url(ed25519.sign(signedMessage(people.id, lang, sha256), key.secretKey));
  return api.request('POST', `/api/declarations/${people.id}/signatures`, { signature, sha256 });
}

async function status(id: string): Promise<PublicationStatusResponse> {
  return (await secretariat().request('GET', `/api/declarations/${id}/publication`)).body as PublicationStatusResponse;
}

/** An update that inserts one character at the start of a language's first paragraph. */
async function textEdit(id: string, lang: string): Promise<Uint8Array> {
  const c = connectClient(server.wsUrl, id, server.token);
  await c.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
  c.destroy();
  const before = Y.encodeStateVector(doc);
  ((doc.getXmlFragment(`text:${lang}`).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x');
  return Y.encodeStateAsUpdate(doc, before);
}

function storedBytes(id: string): string {
  return storedBytesOf(server, id);
}

describe('freezing', () => {
  it('answers 409 with the concordance list while rows are not agreed, and freezes nothing', async () => {
    const { id } = await declarationWithSignatories('Concordance');
    const res = await secretariat().request('POST', `/api/declarations/${id}/freeze`, {});
    expect(res.status).toBe(409);
    const body = res.body as { reason: string; issues: { kind: string; number: number }[] };
    expect(body.reason).toBe('concordance');
    expect(body.issues.filter((i) => i.kind === 'not-agreed').map((i) => i.number)).toEqual([1, 2]);
    expect((await status(id)).frozen).toBeNull();
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${server.token}`);
    expect(await socket.send(await textEdit(id, 'fr'))).toEqual({ kind: 'stored' });
    socket.close();
  });

  it('freezes with a recorded reason, and then refuses text changes from every role, leaving the store intact', async () => {
    const people = await declarationWithSignatories('Frozen');
    const { id } = people;
    expect((await secretariat().request('POST', `/api/declarations/${id}/freeze`, { override: '' })).status).toBe(400);
    const frozen = await secretariat().request('POST', `/api/declarations/${id}/freeze`, { override: 'Statuts enregistrés sur papier en plénière' });
    expect(frozen.status).toBe(200);
    const s = frozen.body as PublicationStatusResponse;
    expect(s.frozen).toMatchObject({ overrideReason: 'Statuts enregistrés sur papier en plénière', by: 'Secretariat' });
    expect(s.frozen!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await secretariat().request('POST', `/api/declarations/${id}/freeze`, { override: 'again' })).status).toBe(409);
    // Restoring an earlier version would change the frozen text: a conflict with its state, not a bad request.
    const named = await secretariat().request('POST', `/api/declarations/${id}/versions`, { label: 'Figée' });
    const restore = await secretariat().request('POST', `/api/declarations/${id}/versions/${(named.body as { version: number }).version}/restore`, {
      languages: ['fr'],
    });
    expect(restore.status).toBe(409);

    for (const [who, token, lang] of [
      ['secretariat', server.token, 'vi'],
      ['French delegation', people.tokens.frDelegation, 'fr'],
      ['Vietnamese signatory', people.tokens.vi, 'vi'],
    ] as const) {
      const update = await textEdit(id, lang);
      const before = storedBytes(id);
      const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`);
      const verdict = await socket.send(update);
      expect(verdict, who).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
      if (verdict.kind === 'closed') expect(verdict.denied, who).toMatch(/frozen/);
      expect(storedBytes(id), who).toBe(before);
    }
    // The rows are part of what is signed: the secretariat cannot re-wire them either.
    const rowSocket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${server.token}`);
    const c = connectClient(server.wsUrl, id, server.token);
    await c.synced();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
    c.destroy();
    const sv = Y.encodeStateVector(doc);
    doc.getMap('alignment').set('extra', { cells: {}, origin: 'manual', score: 1 });
    expect(await rowSocket.send(Y.encodeStateAsUpdate(doc, sv))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });

    // Nor through the server's own changes: restoring a version or adding a column.
    expect((await secretariat().request('POST', `/api/declarations/${id}/versions/1/restore`, { languages: ['fr'] })).status).toBe(409);
    expect((await secretariat().request('POST', `/api/declarations/${id}/languages`, { language: 'ja' })).status).toBe(409);

    // The conversation goes on: a comment is still accepted.
    const talk = connectClient(server.wsUrl, id, people.tokens.frDelegation);
    await talk.synced();
    const tdoc = new Y.Doc();
    Y.applyUpdate(tdoc, Y.encodeStateAsUpdate(talk.doc));
    talk.destroy();
    const tsv = Y.encodeStateVector(tdoc);
    const firstPid = (tdoc.getXmlFragment('text:fr').get(0) as Y.XmlElement).getAttribute('pid')!;
    addRowComment(tdoc, { id: 't1', pids: [firstPid], author: { name: 'Délégation française', delegation: 'fr' }, text: 'Merci à tous', at: Date.now() });
    const commenter = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(people.tokens.frDelegation)}`);
    expect(await commenter.send(Y.encodeStateAsUpdate(tdoc, tsv))).toEqual({ kind: 'stored' });
    commenter.close();

    // The freeze survives a restart: the mark is in the stored document.
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir: server.dataDir, env: QUIET });
    const after = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${server.token}`);
    expect(await after.send(await textEdit(id, 'fr'))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    expect((await status(id)).frozen?.sha256).toBe(s.frozen!.sha256);
  });

  it('unfreezing is recorded, invalidates the signatures given, and opens the text again', async () => {
    const people = await declarationWithSignatories('Unfreeze');
    const { id } = people;
    const first = (await secretariat().request('POST', `/api/declarations/${id}/freeze`, { override: 'test' })).body as PublicationStatusResponse;
    expect((await signAs(people, 'fr', first.frozen!.sha256)).status).toBe(201);
    expect((await status(id)).signatures.map((s) => s.lang)).toEqual(['fr']);
    expect((await secretariat().request('POST', `/api/declarations/${id}/unfreeze`, {})).status).toBe(400);
    const un = await secretariat().request('POST', `/api/declarations/${id}/unfreeze`, { reason: 'Erreur de date au paragraphe 1' });
    expect(un.status).toBe(200);
    const after = un.body as PublicationStatusResponse;
    expect(after.frozen).toBeNull();
    expect(after.signatures).toEqual([]);
    expect(after.unfreezes).toMatchObject([{ by: 'Secretariat', reason: 'Erreur de date au paragraphe 1' }]);
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${server.token}`);
    expect(await socket.send(await textEdit(id, 'vi'))).toEqual({ kind: 'stored' });
    socket.close();
    // Frozen again: the earlier signature does not come back, and a signature of the old fingerprint is refused.
    const second = (await secretariat().request('POST', `/api/declarations/${id}/freeze`, { override: 'test' })).body as PublicationStatusResponse;
    expect(second.frozen!.sha256).not.toBe(first.frozen!.sha256);
    expect(second.signatures).toEqual([]);
    const stale = await signAs(people, 'vi', first.frozen!.sha256);
    expect(stale.status).toBe(409);
    expect((stale.body as { reason: string }).reason).toBe('stale-fingerprint');
  });
});

describe('signing and publishing', () => {
  let people: People;
  let sha256: string;
  beforeAll(async () => {
    people = await declarationWithSignatories('Déclaration finale des 12es Assises');
    sha256 = (
      (await secretariat().request('POST', `/api/declarations/${people.id}/freeze`, { override: 'Texte adopté en plénière' })).body as PublicationStatusResponse
    ).frozen!.sha256;
  });

  it('refuses forged, re-used and misplaced signatures, and signatures from anyone but a signatory', async () => {
    const { id } = people;
    const key = keyPair();
    const api = apiClient(server.url, people.tokens.fr);
    expect((await api.request('POST', `/api/declarations/${id}/signing-key`, { publicKey: 'not-a-key' })).status).toBe(400);
    expect((await api.request('POST', `/api/declarations/${id}/signing-key`, { publicKey: key.publicKey })).status).toBe(201);
    const forged = toBase64Url(ed25519.sign(signedMessage(id, 'fr', sha256), keyPair().secretKey));
    expect((await api.request('POST', `/api/declarations/${id}/signatures`, { signature: forged })).body).toMatchObject({ reason: 'bad-signature' });
    const reused = toBase64Url(ed25519.sign(signedMessage('another-declaration', 'fr', sha256), key.secretKey));
    expect((await api.request('POST', `/api/declarations/${id}/signatures`, { signature: reused })).body).toMatchObject({ reason: 'bad-signature' });
    const asVietnamese = toBase64Url(ed25519.sign(signedMessage(id, 'vi', sha256), key.secretKey));
    expect((await api.request('POST', `/api/declarations/${id}/signatures`, { signature: asVietnamese })).body).toMatchObject({ reason: 'bad-signature' });
    const delegation = apiClient(server.url, people.tokens.frDelegation);
    expect((await delegation.request('POST', `/api/declarations/${id}/signatures`, { signature: forged })).status).toBe(403);
    expect((await status(id)).signatures).toEqual([]);
    expect((await secretariat().request('POST', `/api/declarations/${id}/publish`)).body).toMatchObject({ reason: 'unsigned' });
  });

  it('publishes once both delegations signed, at a public address anyone can verify', async () => {
    const { id } = people;
    expect((await signAs(people, 'fr', sha256)).status).toBe(201);
    expect((await signAs(people, 'fr', sha256)).status).toBe(409);
    expect((await signAs(people, 'vi', sha256)).status).toBe(201);
    expect((await status(id)).awaiting).toEqual([]);
    const published = await secretariat().request('POST', `/api/declarations/${id}/publish`);
    expect(published.status).toBe(200);
    expect((published.body as PublicationStatusResponse).published?.url).toBe(`${server.url}/p/${id}`);
    expect((await secretariat().request('POST', `/api/declarations/${id}/unfreeze`, { reason: 'x' })).body).toMatchObject({ reason: 'published' });

    // Public, no login.
    const page = await fetch(`${server.url}/p/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toContain(sha256);
    expect(html.match(/<p lang="vi"[^>]*>2\. Các bên/g)?.length).toBe(1);
    expect(html).toContain('Toutes les versions linguistiques du présent texte font également foi.');
    // Tags in the text stay text: no element is made of them (escaped text may still read `onerror=`).
    expect(html).not.toMatch(/<script>alert|<img\b|<a href="javascript:|\son\w+="/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect((await fetch(`${server.url}/p/${id}?layout=sequential`)).status).toBe(200);

    const json = await (await fetch(`${server.url}/p/${id}/declaration.json`)).text();
    const exp = JSON.parse(json) as DeclarationExport;
    expect(exp).toMatchObject({ id, title: 'Déclaration finale des 12es Assises', languages: ['fr', 'vi'], sha256 });
    expect(exp.rows.map((r) => r.text.vi![0])).toEqual(VI);
    expect(verifyExport(exp).problems).toEqual([]);
    expect(exp.signatures.map((s) => s.lang).sort()).toEqual(['fr', 'vi']);

    // `accord verify` on the published JSON, and on a copy with one word changed.
    const dir = mkdtempSync(join(tmpdir(), 'accord-verify-'));
    writeFileSync(join(dir, 'ok.json'), json);
    const ok = await runCli(['verify', join(dir, 'ok.json')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/signed for every language/);
    const tampered = JSON.parse(json) as { rows: { text: Record<string, string[]> }[] };
    tampered.rows[0]!.text.fr![0] = tampered.rows[0]!.text.fr![0]!.replace('14 avril', '15 avril');
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await runCli(['verify', join(dir, 'tampered.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/row 1 \(fr\)/);
    expect(bad.stderr).toMatch(/signature for fr .* does not verify/);

    // The downloads: PDF text extractable, DOCX and HTML inert, Akoma Ntoso well-formed.
    const pdf = new Uint8Array(await (await fetch(`${server.url}/p/${id}/declaration.pdf`)).arrayBuffer());
    writeFileSync(join(dir, 'd.pdf'), pdf);
    const extracted = execFileSync('pdftotext', ['-raw', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(extracted).toContain('Các địa phương Việt Nam và Pháp đã họp tại Hà Nội');
    expect(extracted).toContain('Les collectivités françaises et vietnamiennes se sont réunies à Hanoï');
    const docx = unzipSync(new Uint8Array(await (await fetch(`${server.url}/p/${id}/declaration.docx`)).arrayBuffer()));
    const documentXml = strFromU8(docx['word/document.xml']!);
    expect(documentXml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(documentXml).not.toContain('<w:hyperlink');
    const rels = Object.entries(docx)
      .filter(([name]) => name.endsWith('.rels'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('');
    expect(rels).not.toMatch(/javascript:/);
    const xml = await (await fetch(`${server.url}/p/${id}/declaration.xml`)).text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<statement');
    const download = await (await fetch(`${server.url}/p/${id}/declaration.html`)).text();
    expect(download).not.toMatch(/<script>alert|<img\b|<a href="javascript:/);

    // What was published never changes, not even through the database.
    expect(() => server.db.prepare("UPDATE publications SET export_json = '{}' WHERE doc_id = ?").run(id)).toThrow(/immutable/);
    expect(() => server.db.prepare('DELETE FROM signatures').run()).toThrow(/immutable/);
  });

  it('publishes a correction as a new declaration that points to the one it replaces', async () => {
    const { id } = people;
    const before = await (await fetch(`${server.url}/p/${id}/declaration.json`)).text();
    const opened = await secretariat().request('POST', `/api/declarations/${id}/correction`);
    expect(opened.status).toBe(201);
    const correction = (opened.body as { id: string }).id;
    // The correction is open for editing, the original stays frozen.
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${correction}?token=${server.token}`);
    expect(await socket.send(await textEdit(correction, 'fr'))).toEqual({ kind: 'stored' });
    socket.close();
    const invite = async (lang: string) =>
      (
        (await secretariat().request('POST', `/api/declarations/${correction}/invites`, { role: 'signatory', lang, name: `Signatory ${lang}` })).body as {
          token: string;
        }
      ).token;
    const next: People = { id: correction, tokens: { fr: await invite('fr'), vi: await invite('vi'), frDelegation: '', observer: '' } };
    const frozen = (await secretariat().request('POST', `/api/declarations/${correction}/freeze`, { override: 'Correction' }))
      .body as PublicationStatusResponse;
    await signAs(next, 'fr', frozen.frozen!.sha256);
    await signAs(next, 'vi', frozen.frozen!.sha256);
    expect((await secretariat().request('POST', `/api/declarations/${correction}/publish`)).status).toBe(200);
    const corrected = (await (await fetch(`${server.url}/p/${correction}/declaration.json`)).json()) as DeclarationExport;
    expect(corrected.publication?.replaces).toBe(id);
    expect(await (await fetch(`${server.url}/p/${id}/declaration.json`)).text()).toBe(before);
    expect(await (await fetch(`${server.url}/p/${id}`)).text()).toContain(`data-superseded-by="${correction}"`);
  });

  it('has no public page for a declaration that is not published', async () => {
    const { id } = await declarationWithSignatories('Draft');
    expect((await fetch(`${server.url}/p/${id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/${id}/declaration.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/not-an-id`)).status).toBe(404);
  });
});

describe('the export endpoint', () => {
  it('exports the live text per the DESIGN contract, with a fingerprint that does not depend on the row ids', async () => {
    const { id, tokens } = await declarationWithSignatories('Live export');
    const res = await apiClient(server.url, tokens.observer).request('GET', `/api/declarations/${id}/export?format=json`);
    expect(res.status).toBe(200);
    const exp = res.body as DeclarationExport;
    expect(Object.keys(exp)).toEqual(expect.arrayContaining(['id', 'title', 'languages', 'version', 'rows', 'sha256']));
    expect(exp.rows[0]).toMatchObject({ status: 'draft', stale: false, text: { fr: [FR[0]], vi: [VI[0]] } });
    expect(exp.date).toBeNull();
    expect(verifyExport(exp).problems).toEqual([]);
    expect((await secretariat().request('GET', `/api/declarations/${id}/export?format=exe`)).status).toBe(400);
    const cli = await runCli(['export', id, '--format', 'json', '--server', server.url, '--token', server.token]);
    expect(cli.code, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as DeclarationExport).sha256).toBe(exp.sha256);
  });
});
