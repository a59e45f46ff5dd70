import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, inviteLink, openEditor, openTools } from '../helpers/browserSuite.js';
import { caretToEnd } from '../helpers/layout.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient, waitFor } from '../helpers/yclient.js';

const suite = browserSuite();
const open = (url: string) => openEditor(suite, url);
const invite = (id: string, body: object) => inviteLink(suite, id, body);
const api = () => apiClient(suite.server.url, suite.server.token);

const labelOf = (page: Page) => page.locator('.language-column[lang="fr"] .collaboration-carets__caret .collaboration-carets__label');
const labelShown = (page: Page) =>
  labelOf(page).evaluate((el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && Number(style.opacity) > 0.5;
  });

/** Appends `text` to the first French paragraph as another client would, then leaves (the room unloads: a checkpoint). */
async function editAndLeave(id: string, text: string): Promise<void> {
  const c = connectClient(suite.server.wsUrl, id, suite.server.token);
  await c.synced();
  const first = (c.doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  first.insert(first.length, text);
  await new Promise((r) => setTimeout(r, 300));
  c.destroy();
}

async function versionCount(id: string): Promise<number> {
  return ((await api().request('GET', `/api/declarations/${id}/versions`)).body as unknown[]).length;
}

describe('details of the editor, the versions and the comparison', () => {
  it('shows a remote person’s name over their caret while they type, and fades it about two seconds after they stop', async () => {
    const id = await seedDeclaration(suite.server, 'Curseurs', {
      fr: ['1. Nous coopérons depuis trente ans.', '2. Fin.'],
      vi: ['1. Chúng tôi hợp tác đã ba mươi năm.', '2. Hết.'],
    });
    const fr = await open(await invite(id, { role: 'delegation', lang: 'fr', name: 'Claire Dubois' }));
    const vi = await open(await invite(id, { role: 'delegation', lang: 'vi', name: 'Nguyễn Lan' }));

    await caretToEnd(fr, fr.locator('.language-column[lang="fr"] .ProseMirror > [data-pid]').first());
    await fr.keyboard.type(' Ensemble', { delay: 40 });
    await labelOf(vi).waitFor();
    expect(await labelOf(vi).innerText()).toBe('Claire Dubois');
    expect(await labelShown(vi)).toBe(true);
    await screenshot(vi, 'caret-label-while-typing');

    // Typing for longer than the fade delay keeps the name shown.
    const started = Date.now();
    let stopped = started;
    while (Date.now() - started < 3000) {
      await fr.keyboard.type('.');
      stopped = Date.now();
      await fr.waitForTimeout(250);
    }
    expect(await labelShown(vi)).toBe(true);

    // Once the typing stops, the name is gone within ~2.5 s (2 s, then a 0.3 s fade), and not long before.
    await fr.waitForTimeout(1200);
    expect(await labelShown(vi)).toBe(true);
    await expect.poll(() => labelShown(vi), { timeout: 4000, interval: 100 }).toBe(false);
    const hiddenAfter = Date.now() - stopped;
    expect(hiddenAfter).toBeGreaterThan(1800);
    expect(hiddenAfter).toBeLessThan(4000);
    // The caret itself stays, so one still sees where the person is.
    expect(await vi.locator('.language-column[lang="fr"] .collaboration-carets__caret').count()).toBe(1);
    await screenshot(vi, 'caret-label-idle');

    await fr.keyboard.type('!');
    await expect.poll(() => labelShown(vi), { timeout: 2000 }).toBe(true);
  }, 90_000);

  it('tells a delegation that opens a declaration its invitation does not cover, once and in its language, without retrying', async () => {
    const mine = await seedDeclaration(suite.server, 'La mienne', { fr: ['1. Oui.'], vi: ['1. Có.'] });
    const other = await seedDeclaration(suite.server, 'Une autre', { fr: ['1. Non.'], vi: ['1. Không.'] });
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const sockets: string[] = [];
    const failures: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('response', (res) => {
      if (res.status() >= 400) failures.push(`${res.status()} ${res.url()}`);
    });
    await page.goto(await invite(mine, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    await page.locator('[data-link="live"]').waitFor();
    const before = sockets.length;

    await page.goto(`${suite.server.url}/d/${other}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Votre invitation n’ouvre pas cette déclaration. Demandez au secrétariat une invitation pour celle-ci.');
    await page.waitForTimeout(2500);
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(sockets.slice(before).filter((url) => url.includes(other))).toEqual([]);
    expect(failures).toEqual([]);
    await screenshot(page, 'not-invited-fr');
    await context.close();
  });

  it('stops reconnecting once the server refuses the socket itself, and says the access is over', async () => {
    const id = await seedDeclaration(suite.server, 'Révocation', { fr: ['1. Oui.'], vi: ['1. Có.'] });
    const page = await open(await invite(id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    // Offline, the page misses the revocation's close; back online, the upgrade is refused (401).
    await page.context().setOffline(true);
    await page.locator('[data-link="offline"]').waitFor();
    const grants = (await api().request('GET', `/api/declarations/${id}/invites`)).body as { id: string; name: string }[];
    await api().request('DELETE', `/api/declarations/${id}/invites/${grants.find((g) => g.name === 'Đoàn Việt Nam')!.id}`);
    await page.context().setOffline(false);
    await page.getByText('Your access to this declaration was revoked or has expired.').waitFor({ timeout: 10_000 });
    const tried = sockets.length;
    await page.waitForTimeout(4000);
    expect(sockets.length).toBe(tried);
    expect(tried).toBeLessThanOrEqual(2);
  });

  it('lists named versions first and folds the automatic checkpoints away', async () => {
    const id = await seedDeclaration(suite.server, 'Versions', { fr: ['1. Nous coopérons.'], vi: ['1. Chúng tôi hợp tác.'] });
    for (const word of [' Ensemble', ' Toujours', ' Encore']) {
      const n = await versionCount(id);
      await editAndLeave(id, word);
      await waitFor(() => false, 'a moment', 200).catch(() => undefined);
      await expect.poll(() => versionCount(id), { timeout: 5000 }).toBeGreaterThan(n);
    }
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    const autos = ((await api().request('GET', `/api/declarations/${id}/versions`)).body as { kind: string }[]).filter((v) => v.kind === 'auto').length;
    expect(autos).toBeGreaterThanOrEqual(3);

    const page = await open(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await openTools(page);
    await page.locator('.versions-panel > summary').click();
    const named = page.locator('.named-versions > li');
    await named.first().waitFor();
    expect(await named.count()).toBe(1);
    expect(await named.first().innerText()).toContain('Rev.1');
    const folded = page.locator('.auto-versions');
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('summary').innerText()).toBe(`${autos} automatic checkpoints`);
    expect(await folded.locator('li').first().isVisible()).toBe(false);
    // No machine timestamp in the list.
    expect(await page.locator('.versions-panel').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
    await screenshot(page, 'versions-folded-en-1280');
    await folded.locator('summary').click();
    expect(await folded.locator('li').count()).toBe(autos);
    expect(await folded.locator('li').first().innerText()).toContain('(automatic)');
  });

  it('compares with only the changes shown, and walks from change to change with buttons and keys', async () => {
    const paragraphs = (lang: string) => Array.from({ length: 8 }, (_, i) => `${i + 1}. ${lang === 'fr' ? 'Paragraphe' : 'Đoạn'} ${i + 1}.`);
    const id = await seedDeclaration(suite.server, 'Comparaison', { fr: paragraphs('fr'), vi: paragraphs('vi') });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    const c = connectClient(suite.server.wsUrl, id, suite.server.token);
    await c.synced();
    for (const k of [2, 6]) {
      const text = (c.doc.getXmlFragment('text:fr').get(k) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' Modifié.');
    }
    await new Promise((r) => setTimeout(r, 500));
    c.destroy();
    const versions = (await api().request('GET', `/api/declarations/${id}/versions`)).body as { version: number; label: string }[];
    const rev1 = versions.find((v) => v.label === 'Rev.1')!.version;

    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 700 } })).newPage();
    await page.goto(`${suite.server.url}/d/${id}/compare/${rev1}/live?token=${suite.server.token}`);
    await page.locator('.compare-view').waitFor();
    await expect.poll(() => page.locator('.compare-summary').innerText()).toContain('2 rows changed');
    expect(await page.locator('.static-cell[data-change="equal"]').count()).toBeGreaterThan(0);

    const only = page.getByRole('button', { name: 'Changes only' });
    await only.click();
    expect(await only.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.static-cell[data-change="equal"]').count()).toBe(0);
    expect(await page.locator('.static-cell[data-change="changed"][lang="fr"]').count()).toBe(2);
    await screenshot(page, 'compare-changes-only-en-1280');
    await only.click();

    const position = page.getByTestId('change-position');
    const current = () => page.locator('.current-change[data-row]').getAttribute('data-row');
    await page.getByRole('button', { name: 'Next change' }).click();
    await expect.poll(() => position.innerText()).toBe('Change 1 of 2');
    expect(await current()).toBe('2');
    await page.keyboard.press('n');
    await expect.poll(() => position.innerText()).toBe('Change 2 of 2');
    expect(await current()).toBe('6');
    // The current change takes focus and is in view.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-row'))).toBe('6');
    expect(await page.locator('.current-change[data-row]').isVisible()).toBe(true);
    await page.keyboard.press('j');
    await expect.poll(() => position.innerText()).toBe('Change 1 of 2');
    await page.keyboard.press('k');
    await expect.poll(() => position.innerText()).toBe('Change 2 of 2');
    await page.getByRole('button', { name: 'Previous change' }).click();
    await expect.poll(() => position.innerText()).toBe('Change 1 of 2');
    await screenshot(page, 'compare-next-change-en-1280');
  });
});
