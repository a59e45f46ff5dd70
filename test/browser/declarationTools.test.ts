import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, openTools } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readUnits } from '../../shared/model/documentText.js';
import { apiClient } from '../helpers/api.js';

const suite = browserSuite();

async function open(id: string): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
  await page.locator('[data-link="live"]').waitFor();
  return page;
}

async function storedTexts(id: string, lang: string): Promise<string[]> {
  const c = connectClient(suite.server.wsUrl, id, suite.server.token);
  await c.synced();
  const texts = readUnits(c.doc.getXmlFragment(`text:${lang}`)).map((u) => u.text);
  c.destroy();
  return texts;
}

describe('the secretariat’s declaration tools', () => {
  it('replaces one language from a pasted draft after a preview, as one change that Ctrl+Z undoes', async () => {
    const id = await seedDeclaration(suite.server, 'Remplacement', { fr: ['Ancien un.', 'Ancien deux.'], vi: ['Một.', 'Hai.'] });
    const page = await open(id);
    await openTools(page);
    await page.locator('.declaration-tools summary').click();
    await page.locator('.declaration-tools select').selectOption('fr');
    await page.locator('.declaration-tools textarea').fill('1. Nouveau premier paragraphe.\n\n2. Nouveau second paragraphe.\n\n3. Un troisième.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Replace the French text with these 3 paragraphs' }).click();
    await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });
    await waitFor(() => false, 'a moment', 300).catch(() => undefined);
    expect(await storedTexts(id, 'fr')).toEqual(['1. Nouveau premier paragraphe.', '2. Nouveau second paragraphe.', '3. Un troisième.']);
    expect(await storedTexts(id, 'vi')).toEqual(['Một.', 'Hai.']);

    await page.locator('.language-column[lang="fr"] .ProseMirror').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => storedTexts(id, 'fr'), { timeout: 10_000 }).toEqual(['Ancien un.', 'Ancien deux.']);
  });

  it('adds a language column that appears at once on another open page, with empty labelled slots', async () => {
    const id = await seedDeclaration(suite.server, 'Trois langues', { fr: ['Un.', 'Deux.'], vi: ['Một.', 'Hai.'] });
    const other = await open(id);
    const page = await open(id);
    await openTools(page);
    await page.locator('.declaration-tools summary').click();
    await page.getByLabel('Language code (e.g. en, ja)').fill('en');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await other.locator('.language-column[lang="en"] .ProseMirror').waitFor({ timeout: 5000 });
    await expect.poll(() => other.locator('.language-column[lang="en"] .row-slot').count(), { timeout: 5000 }).toBe(2);
    await screenshot(other, 'three-columns');
    const list = (await apiClient(suite.server.url, suite.server.token).request('GET', `/api/declarations/${id}`)).body as { languages: string[] };
    expect(list.languages).toEqual(['fr', 'vi', 'en']);
    const again = await apiClient(suite.server.url, suite.server.token).request('POST', `/api/declarations/${id}/languages`, { language: 'en' });
    expect(again.status).toBe(409);
  });
});
void Y;
