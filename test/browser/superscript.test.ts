import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { browserSuite, inviteLink, openEditor } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { storedDoc } from '../helpers/stored.js';
import { waitFor } from '../helpers/yclient.js';

const suite = browserSuite();

describe('superscript in the editor', () => {
  it('Ctrl+. writes "es" of "12es Assises" as a superscript, shown as <sup> and stored as a mark', async () => {
    const id = await seedDeclaration(suite.server, 'Exposants', { fr: ['Déclaration des'], vi: ['Tuyên bố của'] });
    const page = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const editor = page.locator('.language-column[lang="fr"] .ProseMirror');
    await editor.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' 12');
    await page.keyboard.press('Control+.');
    await page.keyboard.type('es');
    await page.keyboard.press('Control+.');
    await page.keyboard.type(' Assises');
    await expect.poll(() => editor.locator('p sup').allInnerTexts()).toEqual(['es']);
    expect(await editor.locator('p').first().innerText()).toBe('Déclaration des 12es Assises');
    // The server accepted it: stored as a mark, and nobody was told a change was refused.
    const stored = () => ((storedDoc(suite.server, id).getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
    await waitFor(() => stored() === 'Déclaration des 12<superscript>es</superscript> Assises', 'the superscript to be stored', 10_000);
    expect(await page.locator('p.notice[role="alert"]').count()).toBe(0);
    await page.context().close();
  });
});
