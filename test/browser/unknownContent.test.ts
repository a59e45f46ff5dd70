import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { browserSuite, inviteLink, openEditor } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { storedDoc } from '../helpers/stored.js';
import { waitFor } from '../helpers/yclient.js';

const suite = browserSuite();

/** What a column shows, and whether the page has been told a change of its was refused. */
async function seen(page: Page, lang: string): Promise<{ text: string; refused: number }> {
  return {
    text: await page.locator(`.language-column[lang="${lang}"] .ProseMirror`).innerText(),
    refused: await page.locator('p.notice[role="alert"]').count(),
  };
}

describe('a column holding an element the editor does not know', () => {
  it('still shows its text to the other delegation and to observers, and nobody is refused, also after a reload', async () => {
    const id = await seedDeclaration(suite.server, 'Élément inconnu', {
      fr: ['Nous, collectivités territoriales.', 'Article deux du texte.'],
      vi: ['Chúng tôi, chính quyền địa phương.', 'Điều hai.'],
    });
    // Content from before the server checked the schema: a <script> element between the two
    // French paragraphs, written straight into the store while the declaration is not loaded.
    await waitFor(() => suite.server.rooms.peek(id as never) === null, 'the declaration unloaded');
    const stored = storedDoc(suite.server, id);
    const before = Y.encodeStateVector(stored);
    const script = new Y.XmlElement('script');
    script.insert(0, [new Y.XmlText('alert(1)')]);
    stored.getXmlFragment('text:fr').insert(1, [script]);
    await suite.server.documents.appendUpdate(id as never, Y.encodeStateAsUpdate(stored, before), { accessId: null });

    const viPage = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const observerPage = await openEditor(suite, await inviteLink(suite, id, { role: 'observer', name: 'Observateur' }));
    for (const page of [viPage, observerPage]) {
      await page.locator('.language-column[lang="fr"] .ProseMirror p').nth(1).waitFor();
      // Long enough for a write-back to reach the server and its refusal to come back.
      await page.waitForTimeout(1500);
      const shown = await seen(page, 'fr');
      expect(shown.text).toContain('Nous, collectivités territoriales.');
      expect(shown.text).toContain('Article deux du texte.');
      expect(shown.refused).toBe(0);
      await page.reload();
      await page.locator('[data-link="live"]').waitFor();
      await page.locator('.language-column[lang="fr"] .ProseMirror p').nth(1).waitFor();
      await page.waitForTimeout(1000);
      const again = await seen(page, 'fr');
      expect(again.text).toContain('Article deux du texte.');
      expect(again.refused).toBe(0);
      expect(await page.locator('[data-link="live"]').count()).toBe(1);
    }
    // The Vietnamese delegation still writes its own column.
    await viPage.locator('.language-column[lang="vi"] .ProseMirror p').first().click();
    await viPage.keyboard.press('End');
    await viPage.keyboard.type(' Xin chào.');
    await viPage.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });
    // Nobody's page took the element out of the shared text: only someone who may write French can.
    expect(
      storedDoc(suite.server, id)
        .getXmlFragment('text:fr')
        .toArray()
        .some((n) => n instanceof Y.XmlElement && n.nodeName === 'script'),
    ).toBe(true);
    for (const page of [viPage, observerPage]) await page.context().close();
  }, 120_000);
});
