import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { launchBrowser } from '../helpers/browser.js';
import { inviteLink, openEditor, type BrowserSuite } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { logFrames } from '../helpers/stored.js';
import { makeDataDir, startTestServer } from '../helpers/testServer.js';
import { LogDocumentStore } from '../../server/storage/sqlite/logDocumentStore.js';
import { openSqliteDatabase } from '../../server/storage/sqlite/sqliteDatabase.js';
import type { DeclarationId } from '../../shared/model/ids.js';

const suite = {} as BrowserSuite;
let id = '';

beforeAll(async () => {
  const dataDir = makeDataDir();
  const first = await startTestServer({ serveClient: true, dataDir });
  id = await seedDeclaration(first, 'Historique endommagé', {
    fr: ['1. Nous, collectivités territoriales, réunies à Hanoï.', '2. Renforcer la coopération.'],
    vi: ['1. Chúng tôi, các địa phương, họp tại Hà Nội.', '2. Tăng cường hợp tác.'],
  });
  await first.stop({ keepData: true });
  // Three more stored changes, appended by the real store as a running server appends them; then
  // a byte inside the middle one flips on disk.
  const db = openSqliteDatabase(dataDir);
  const store = new LogDocumentStore(db, dataDir);
  const stored = await store.loadDocument(id as DeclarationId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  for (const word of ['un ', 'deux ', 'trois ']) {
    const before = Y.encodeStateVector(doc);
    doc.getText('probe').insert(doc.getText('probe').length, word);
    await store.appendUpdate(id as DeclarationId, Y.encodeStateAsUpdate(doc, before), { accessId: null });
  }
  store.close();
  db.close();
  const log = join(dataDir, 'docs', `${id}.log`);
  const bytes = readFileSync(log);
  const frames = logFrames(bytes);
  const middle = frames[frames.length - 2]!;
  bytes[middle.bodyStart + Math.floor(middle.body.length / 2)]! ^= 0x44;
  writeFileSync(log, bytes);

  suite.server = await startTestServer({ serveClient: true, dataDir });
  suite.browser = await launchBrowser();
});

afterAll(async () => {
  await suite.browser?.close();
  await suite.server?.stop();
});

describe('a declaration whose stored history is damaged, in the browser', () => {
  it('shows the secretariat a banner saying what was recovered and what to do, in its interface language', async () => {
    const page = await openEditor(suite, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    const banner = page.getByTestId('history-damage');
    await banner.waitFor();
    expect(await banner.locator('summary').innerText()).toContain(
      "Part of this declaration's stored history is damaged: 1 stored change(s) could not be read (checksum mismatch",
    );
    await banner.locator('summary').click();
    const details = await banner.innerText();
    expect(details).toContain('Recovered: the');
    expect(details).toContain('1 later change(s) wait for the lost content');
    expect(details).toMatch(new RegExp(`kept the damaged file as ${id}\\.log\\.damaged-\\d+`));
    // This page opened after the damage: it holds nothing the server lacks, and says so.
    await banner.getByRole('button', { name: 'Restore what this page holds' }).click();
    await expect.poll(() => banner.getByRole('status').innerText()).toContain('Restored 0 unit(s) of content from this page; 1 stored change(s) still wait.');
    // The text itself is there, and the banner does not push it out of view.
    const first = page.locator('.language-column[lang="fr"] .ProseMirror [data-pid]').first();
    expect(await first.innerText()).toContain('Nous, collectivités territoriales');

    const french = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await french.addInitScript(() => localStorage.setItem('accord.uiLanguage', 'fr'));
    await french.goto(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await french.getByTestId('history-damage').waitFor();
    expect(await french.getByTestId('history-damage').locator('summary').innerText()).toContain(
      'Une partie de l’historique enregistré de cette déclaration est endommagée',
    );
  });

  it('does not show it to a delegation, which can neither check versions nor restore', async () => {
    const page = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    // Give the page time to ask (it would have been refused anyway: the damage report is the secretariat's).
    await page.waitForTimeout(500);
    expect(await page.getByTestId('history-damage').count()).toBe(0);
    const res = await fetch(`${suite.server.url}/api/declarations/${id}/damage`, { headers: { authorization: `Bearer ${suite.server.token}` } });
    expect(res.status).toBe(200);
  });
});
