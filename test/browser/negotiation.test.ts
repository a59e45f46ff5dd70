import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from '../helpers/api.js';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, inviteLink, openEditor, openTools, selectWords } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient } from '../helpers/yclient.js';
import { readAdoptionLog } from '../../shared/negotiation/adoption.js';
import { readObjections } from '../../shared/negotiation/circulation.js';

const suite = browserSuite();

const open = (url: string) => openEditor(suite, url);
const invite = (id: string, body: object) => inviteLink(suite, id, body);

describe('negotiating in the text', () => {
  it('brackets a word with options, marks the row bracketed for everyone, counts it in the version, and adopts an option', async () => {
    const id = await seedDeclaration(suite.server, 'Crochets', {
      fr: ['1. Nous renforcerons la coopération.', '2. Fin.'],
      vi: ['1. Chúng tôi sẽ tăng cường hợp tác.', '2. Hết.'],
    });
    const fr = await open(await invite(id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const secretariat = await open(`${suite.server.url}/d/${id}?token=${suite.server.token}`);

    await selectWords(fr, 'fr', 0, 'renforcerons');
    await fr.getByLabel('Options (separated by /)').fill('renforcerons / développerons');
    await fr.getByRole('button', { name: '[ ] Put in brackets' }).click();
    await fr.locator('.language-column[lang="fr"] .bracket').waitFor();
    // The options read in full in the text, for the other delegation too: [renforcerons / développerons].
    // (The opening "[" is the mark's CSS ::before, which innerText leaves out; the rest is text on the page.)
    const shown = (page: Page) =>
      page
        .locator('.language-column[lang="fr"] .ProseMirror > [data-pid]')
        .first()
        .evaluate((p) => {
          const open = getComputedStyle(p.querySelector('.bracket')!, '::before').content.replace(/"/gu, '');
          return (p as HTMLElement).innerText.replace('renforcerons', `${open}renforcerons`);
        });
    await expect.poll(() => shown(fr)).toBe('1. Nous [renforcerons / développerons] la coopération.');
    await expect.poll(() => shown(secretariat), { timeout: 5000 }).toBe('1. Nous [renforcerons / développerons] la coopération.');
    await expect.poll(() => secretariat.locator('.row-status[data-row-status="bracketed"]').count(), { timeout: 5000 }).toBe(1);

    const version = await apiClient(suite.server.url, suite.server.token).request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    const list = (await apiClient(suite.server.url, suite.server.token).request('GET', `/api/declarations/${id}/versions`)).body as {
      version: number;
      changeSummary: { openBrackets: Record<string, number> };
    }[];
    expect(list.find((v) => v.version === (version.body as { version: number }).version)?.changeSummary.openBrackets).toEqual({ fr: 1, vi: 0 });
    const exported = (
      await apiClient(suite.server.url, suite.server.token).request('GET', `/api/declarations/${id}/versions/${(version.body as { version: number }).version}`)
    ).body as { text: { rows: { cells: { fr: { text: string }[] } }[] } };
    expect(exported.text.rows[0]!.cells.fr[0]!.text).toBe('1. Nous [renforcerons / développerons] la coopération.');
    await screenshot(fr, 'bracket-with-options');

    await fr.locator('.language-column[lang="fr"] .bracket').click();
    await fr.getByRole('button', { name: 'Choose “développerons”' }).click();
    await expect
      .poll(() => fr.locator('.language-column[lang="fr"] .ProseMirror > [data-pid]').first().innerText())
      .toBe('1. Nous développerons la coopération.');
    await expect.poll(() => secretariat.locator('.row-status[data-row-status="bracketed"]').count(), { timeout: 5000 }).toBe(0);
  });

  it('lets the French delegate comment on a Vietnamese paragraph’s row and the Vietnamese delegate reply and resolve', async () => {
    const id = await seedDeclaration(suite.server, 'Commentaires', { fr: ['1. Nous coopérons.', '2. Fin.'], vi: ['1. Chúng tôi hợp tác.', '2. Hết.'] });
    const fr = await open(await invite(id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const vi = await open(await invite(id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));

    // The French delegate puts the caret in the Vietnamese paragraph (read-only for them) and comments on its row.
    await fr.locator('.language-column[lang="vi"] .ProseMirror > [data-pid]').first().click();
    await fr.getByPlaceholder('Your comment').fill('Le terme « hợp tác » couvre-t-il la coopération décentralisée ?');
    await fr.getByRole('button', { name: 'Comment on the row' }).click();
    await fr.locator('.thread').waitFor();

    // The Vietnamese delegate sees it on the same row, replies and resolves.
    await selectWords(vi, 'vi', 0, 'hợp tác');
    await vi.locator('.row-card.current').waitFor();
    await expect.poll(() => vi.locator('.thread .messages').innerText(), { timeout: 5000 }).toContain('couvre-t-il');
    expect(await vi.locator('.thread .messages').innerText()).toContain('Délégation française (French delegation)');
    // "What is new" reads the rows at most twice a second.
    await expect.poll(() => vi.locator('[data-notification="mentions"]').count(), { timeout: 5000 }).toBe(1);
    await vi.getByLabel('Reply').fill('Có, bao gồm hợp tác giữa các địa phương.');
    await vi.getByRole('button', { name: 'Reply', exact: true }).click();
    await vi.getByRole('button', { name: 'Resolve' }).click();

    await expect.poll(() => fr.locator('.thread').getAttribute('data-status'), { timeout: 5000 }).toBe('resolved');
    expect(await fr.locator('.thread .messages').innerText()).toContain('Có, bao gồm');
    expect(await fr.locator('.thread').innerText()).toContain('resolved by Đoàn Việt Nam');
    await screenshot(fr, 'comment-thread-resolved');

    // Observers read but do not comment.
    const observer = await open(await invite(id, { role: 'observer', name: 'Observateur' }));
    await observer.locator('.language-column[lang="fr"] .ProseMirror > [data-pid]').first().click();
    await expect.poll(() => observer.locator('.thread').count(), { timeout: 5000 }).toBe(1);
    expect(await observer.getByRole('button', { name: 'Comment on the row' }).count()).toBe(0);
  }, 90_000);

  it('lets a delegate object to the row they are in through the server, and says so when offline', async () => {
    const id = await seedDeclaration(suite.server, 'Objections', { fr: ['1. Nous coopérons.', '2. Fin.'], vi: ['1. Chúng tôi hợp tác.', '2. Hết.'] });
    const api = apiClient(suite.server.url, suite.server.token);
    const version = (await api.request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' })).body as { version: number };
    const circulation = (await api.request('POST', `/api/declarations/${id}/circulations`, { version: version.version, deadline: Date.now() + 600_000 }))
      .body as { id: string };
    const vi = await open(await invite(id, { role: 'signatory', lang: 'vi', name: 'Người ký Việt Nam' }));
    const fr = await open(await invite(id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));

    await vi.locator('.language-column[lang="vi"] .ProseMirror > [data-pid]').first().click();
    // The silence procedure sits in the stages and tools sheet.
    await openTools(vi);
    const why = vi.getByLabel('Object to the row you are in — Why');
    await why.fill('Chúng tôi phản đối đoạn 1.');
    await vi.getByRole('button', { name: 'Raise the objection' }).click();
    await expect.poll(() => vi.locator('.circulation').innerText(), { timeout: 5000 }).toContain('Objection recorded.');
    // Everyone sees the count; the server wrote it in the signatory's name, at its own time.
    await expect.poll(() => fr.locator('.circulation').innerText(), { timeout: 5000 }).toContain('1 objection');
    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    expect(readObjections(reader.doc, circulation.id)).toMatchObject([{ delegation: 'vi', name: 'Người ký Việt Nam', text: 'Chúng tôi phản đối đoạn 1.' }]);
    reader.destroy();

    // Offline, nothing is sent, and the delegate is told.
    await vi.context().setOffline(true);
    await why.fill('Một phản đối nữa.');
    await vi.getByRole('button', { name: 'Raise the objection' }).click();
    await expect.poll(() => vi.locator('.circulation').innerText(), { timeout: 5000 }).toContain('Not sent: you are offline.');
    await vi.context().setOffline(false);
  });

  it('walks the rows in plenary and records each decision with its time', async () => {
    const id = await seedDeclaration(suite.server, 'Plénière', { fr: ['1. Un.', '2. Deux.', '3. Trois.'], vi: ['1. Một.', '2. Hai.', '3. Ba.'] });
    const page = await open(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await openTools(page);
    await page.getByRole('button', { name: 'Plenary: adopt row by row' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('h2').innerText()).toBe('Plenary — row 1 of 3');
    expect(await dialog.locator('section[lang="vi"]').innerText()).toContain('1. Một.');
    await page.keyboard.press('1');
    await expect.poll(() => dialog.locator('h2').innerText()).toBe('Plenary — row 2 of 3');
    await dialog.getByRole('button', { name: '2. Agreed ad referendum' }).click();
    await page.keyboard.press('3');
    await screenshot(page, 'plenary');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.row-status[data-row-status="agreed"]').count(), { timeout: 5000 }).toBe(1);
    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    expect(readAdoptionLog(reader.doc).map((r) => r.decision)).toEqual(['agreed', 'agreed-ad-referendum', 'left-open']);
    reader.destroy();
  });
});
