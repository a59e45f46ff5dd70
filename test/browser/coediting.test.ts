import { describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

const suite = browserSuite();

describe('two browsers co-edit one declaration', () => {
  it('shows each person the sentence the other typed, Vietnamese diacritics included', async () => {
    const id = await apiClient(suite.server.url, suite.server.token).createDeclaration('Déclaration finale des 13es Assises');
    const link = `${suite.server.url}/d/${id}?token=${suite.server.token}`;
    const [ctxA, ctxB] = [await suite.browser.newContext(), await suite.browser.newContext()];
    const [a, b] = [await ctxA.newPage(), await ctxB.newPage()];
    await Promise.all([a.goto(link), b.goto(link)]);
    for (const page of [a, b]) {
      await page.locator('[data-link="live"]').waitFor();
      // The token left the address bar as soon as the page read it.
      expect(page.url()).not.toContain('token=');
    }
    const french = 'Nous, collectivités territoriales, réunies à Hanoï.';
    const vietnamese = 'Chúng tôi, các địa phương Việt Nam và Pháp.';

    const editorA = a.locator('[lang="fr"] .ProseMirror');
    await editorA.click();
    await a.keyboard.type(french);
    // Meanwhile the other person writes the Vietnamese column, each text in its own language.
    const editorB = b.locator('[lang="vi"] .ProseMirror');
    await editorB.click();
    await b.keyboard.type(vietnamese);

    for (const page of [a, b]) {
      await expect.poll(() => page.locator('[lang="fr"] .ProseMirror').innerText(), { timeout: 10_000 }).toContain(french);
      await expect.poll(() => page.locator('[lang="vi"] .ProseMirror').innerText(), { timeout: 10_000 }).toContain(vietnamese);
      await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });
    }
    // Presence: each page lists both people.
    await expect.poll(() => a.locator('.person').count()).toBe(2);
    await screenshot(a, 'coediting');
    await Promise.all([ctxA.close(), ctxB.close()]);
  });
});
