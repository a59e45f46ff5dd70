import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from './api.js';
import { launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './testServer.js';

/** A browser test file's fixtures: the real server serving the built client, and Chromium. */
export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
}

/** Starts both before the file's tests and stops them after; read them from the returned object. */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startTestServer({ serveClient: true });
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Opens an editor page in a fresh browser profile and waits until it is live with its text shown. */
export async function openEditor(suite: BrowserSuite, url: string): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(url);
  await page.locator('[data-link="live"]').waitFor();
  await page.locator('.language-column[lang="vi"] .ProseMirror [data-pid]').first().waitFor();
  return page;
}

/** Invites someone to a declaration as the secretariat and returns the link they would be sent. */
export async function inviteLink(suite: BrowserSuite, id: string, body: object): Promise<string> {
  const res = await apiClient(suite.server.url, suite.server.token).request('POST', `/api/declarations/${id}/invites`, body);
  return (res.body as { url: string }).url;
}

/** Opens the declaration's stages and tools (invitations, versions, plenary, freeze…), a side sheet shown when wanted. */
export async function openTools(page: Page): Promise<void> {
  const sheet = page.locator('#tools-sheet');
  if (await sheet.isVisible()) return;
  await page.locator('.tools-button').click();
  await sheet.waitFor();
}

/**
 * Selects `words` inside the n-th paragraph of a column, as a person dragging over them would, and
 * waits until the editor holds that selection: ProseMirror takes it from the page's
 * selectionchange event a moment later, and a key pressed before then would act at the click's caret.
 */
export async function selectWords(page: Page, lang: string, n: number, words: string): Promise<void> {
  await page.locator(`.language-column[lang="${lang}"] .ProseMirror > [data-pid]`).nth(n).click();
  await page.evaluate(`(() => {
    const p = document.querySelectorAll('.language-column[lang="${lang}"] .ProseMirror > [data-pid]')[${n}];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(${JSON.stringify(words)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${words.length});
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
  })()`);
  await page.waitForFunction(
    (expected) => {
      const editor = (
        document.querySelector(`.language-column[lang="${expected.lang}"] .ProseMirror`) as
          | (HTMLElement & { editor?: { state: { selection: { from: number; to: number } } } })
          | null
      )?.editor;
      const selection = editor?.state.selection;
      return document.getSelection()?.toString() === expected.words && selection !== undefined && selection.to - selection.from === expected.words.length;
    },
    { lang, words },
  );
}
