import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, openTools, selectWords } from '../helpers/browserSuite.js';
import { caretToEnd } from '../helpers/layout.js';
import { seedDeclaration } from '../helpers/seed.js';

const suite = browserSuite();

/** Opens the declaration, names a version of it as the secretariat would, and returns its entry in the list. */
async function nameVersion(page: Page, id: string, label: string): Promise<Locator> {
  await page.goto(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
  await page.locator('[data-link="live"]').waitFor();
  await openTools(page);
  await page.locator('.versions-panel > summary').click();
  await page.getByLabel('Label (e.g. Rev.1)').fill(label);
  await page.getByRole('button', { name: 'Name this version' }).click();
  // The seed's writer leaving may have taken an automatic checkpoint first: find the named version by its label.
  const entry = page.locator('.named-versions li', { hasText: label });
  await entry.waitFor();
  return entry;
}

describe('versions in the browser', () => {
  it('names a version, edits, and shows the word changes against it', async () => {
    const id = await seedDeclaration(suite.server, 'Révisions', {
      fr: ['1. Nous, collectivités, réunies à Hanoï.', '2. Les échanges s’amplifient.'],
      vi: ['1. Chúng tôi, các địa phương, họp tại Hà Nội.', '2. Trao đổi ngày càng mở rộng.'],
    });
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const rev1 = await nameVersion(page, id, 'Rev.1');

    const second = page.locator('.language-column[lang="fr"] .ProseMirror > [data-pid]').nth(1);
    await caretToEnd(page, second);
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' entre nos territoires.');
    await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });

    await rev1.getByRole('button', { name: 'Compare with the live text' }).click();
    await page.locator('.compare-view').waitFor();
    await expect.poll(() => page.locator('.compare-summary').innerText()).toContain('1 row changed');
    const changed = page.locator('.static-cell[data-change="changed"][lang="fr"]');
    await expect.poll(() => changed.locator('ins').allInnerTexts()).toEqual([expect.stringContaining('entre nos territoires')]);
    // The final full stop was deleted and typed again: the diff keeps it as unchanged.
    expect(await changed.locator('del').count()).toBe(0);
    expect(await page.locator('.static-cell[data-change="changed"]').first().innerText()).toContain('translation may be out of date');
    await screenshot(page, 'comparison-rev1-live');
    const html = page.getByRole('link', { name: 'Download as HTML' });
    expect(await html.getAttribute('href')).toContain('format=html');
  });

  it('shows a word raised since the version ("1er" → "1ᵉʳ") as changed, its letters raised', async () => {
    const id = await seedDeclaration(suite.server, 'Exposants', { fr: ['Le 1er janvier.'], vi: ['Ngày 1 tháng Một.'] });
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const rev1 = await nameVersion(page, id, 'Rev.1');

    // Select "er" of "1er" and raise it with Ctrl+.
    const paragraph = page.locator('.language-column[lang="fr"] .ProseMirror > [data-pid]').first();
    // The first "er" of the paragraph is that of "1er".
    await selectWords(page, 'fr', 0, 'er');
    await page.keyboard.press('Control+.');
    await expect.poll(() => paragraph.locator('sup').allInnerTexts()).toEqual(['er']);
    await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });

    await rev1.getByRole('button', { name: 'Compare with the live text' }).click();
    await page.locator('.compare-view').waitFor();
    await expect.poll(() => page.locator('.compare-summary').innerText()).toContain('1 row changed');
    const cell = page.locator('.static-cell[data-change="changed"][lang="fr"]');
    expect(await cell.locator('del').innerText()).toContain('1er');
    expect(await cell.locator('del sup').count()).toBe(0);
    expect(await cell.locator('ins sup').allInnerTexts()).toEqual(['er']);
    // Said to a screen reader, which would otherwise read the same word twice.
    expect(await cell.locator('ins .sr-only').first().textContent()).toContain('superscript changed');
    // The words are the same: the Vietnamese translation is not out of date.
    expect(await cell.innerText()).not.toContain('translation may be out of date');
    await screenshot(page, 'comparison-superscript');

    // A version saved with the raised letters shows them raised when opened.
    const rev2 = await nameVersion(page, id, 'Rev.2');
    await rev2.getByRole('button', { name: 'Open' }).click();
    await page.locator('.version-view').waitFor();
    expect(await page.locator('.version-view .static-cell[lang="fr"] sup').allInnerTexts()).toEqual(['er']);
    expect(await page.locator('.version-view .static-cell[lang="fr"]').innerText()).toContain('Le 1er janvier.');
  });
});
