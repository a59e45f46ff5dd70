import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, openTools } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient } from '../helpers/yclient.js';
import { plainText } from '../../shared/model/documentText.js';

const suite = browserSuite();

describe('a delegation in the browser', () => {
  it('lands in the editor from its link, writes its own column, and sees the other read-only', async () => {
    const id = await seedDeclaration(suite.server, 'Droits', { fr: ['Nous, collectivités.'], vi: ['Chúng tôi.'] });
    const invite = await apiClient(suite.server.url, suite.server.token).request('POST', `/api/declarations/${id}/invites`, {
      role: 'delegation',
      lang: 'vi',
      name: 'Đoàn Việt Nam',
    });
    const { url } = invite.body as { url: string };
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.locator('[data-link="live"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/d/${id}`);
    expect(page.url()).not.toContain('token=');

    const french = page.locator('.language-column[lang="fr"] .ProseMirror');
    const vietnamese = page.locator('.language-column[lang="vi"] .ProseMirror');
    await expect.poll(() => french.getAttribute('contenteditable')).toBe('false');
    expect(await vietnamese.getAttribute('contenteditable')).toBe('true');
    expect(await french.getAttribute('aria-label')).toContain('read only');
    expect(await page.locator('.column-header').first().innerText()).toContain('read only');

    await french.click();
    await page.keyboard.type('intrusion');
    await vietnamese.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Xin chào.');
    await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });

    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    const text = (lang: string) => plainText(reader.doc.getXmlFragment(`text:${lang}`).get(0) as Y.XmlElement);
    expect(text('fr')).toBe('Nous, collectivités.');
    expect(text('vi')).toBe('Chúng tôi. Xin chào.');
    reader.destroy();
    await screenshot(page, 'delegation-vi-readonly-fr');
    await ctx.close();
  });

  it('lets the secretariat invite from the page and revoke the invitation', async () => {
    const id = await seedDeclaration(suite.server, 'Invitations', { fr: ['Un.'], vi: ['Một.'] });
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await page.locator('[data-link="live"]').waitFor();
    await openTools(page);
    await page.locator('.invitations summary').click();
    await page.locator('.invite-form').getByLabel('Name', { exact: true }).fill('Observatrice');
    await page.locator('.invite-form').getByLabel('Role').selectOption('observer');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = await page.locator('.invite-link input').inputValue();
    expect(link).toMatch(new RegExp(`/d/${id}\\?token=`));
    await page.locator('.invite-list li', { hasText: 'Observatrice' }).getByRole('button', { name: 'Revoke' }).click();
    await page.locator('.invite-list li[data-revoked="true"]', { hasText: 'Observatrice' }).waitFor();
    const token = new URL(link).searchParams.get('token')!;
    expect((await apiClient(suite.server.url, token).request('GET', '/api/me')).status).toBe(401);
    await ctx.close();
  });
});
