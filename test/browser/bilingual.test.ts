import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { fixtureParagraphs } from '../helpers/fixtures.js';
import { caretToEnd, maxRowMisalignment, settleLayout } from '../helpers/layout.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { plainText } from '../../shared/model/documentText.js';

let server: TestServer;
let browser: Browser;
const worst: number[] = [];

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  console.log(`largest row misalignment measured: ${Math.max(...worst).toFixed(2)} px over ${worst.length} measurements`);
  await browser?.close();
  await server?.stop();
});

const FR = fixtureParagraphs('assises-12/final-declaration.fr.txt');
const VI = fixtureParagraphs('assises-12/final-declaration.vi.txt');

async function open(id: string, options: { ui?: string; width?: number } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  if (options.ui) await ctx.addInitScript(`localStorage.setItem('accord.uiLanguage', ${JSON.stringify(options.ui)})`);
  const page = await ctx.newPage();
  await page.goto(`${server.url}/d/${id}?token=${server.token}`);
  await page.locator('[data-link="live"]').waitFor();
  await page.locator('.language-column[lang="vi"] .ProseMirror [data-pid]').first().waitFor();
  return { ctx, page };
}

async function aligned(page: Page): Promise<number> {
  await settleLayout(page);
  const { max } = await maxRowMisalignment(page);
  worst.push(max);
  return max;
}

const column = (page: Page, lang: string) => page.locator(`.language-column[lang="${lang}"] .ProseMirror`);
const unit = (page: Page, lang: string, n: number) => column(page, lang).locator(':scope > [data-pid]').nth(n);

describe('the side-by-side editor', () => {
  it('keeps paired paragraphs level while people type, edits arrive and the window narrows', async () => {
    const id = await seedDeclaration(server, 'Assises — alignement', { fr: FR, vi: VI });
    const fr = await open(id);
    const vi = await open(id);

    // The French delegate lengthens a paragraph a lot.
    await unit(fr.page, 'fr', 3).click();
    await fr.page.keyboard.press('End');
    const addition =
      ' Nous appelons à renforcer la coopération décentralisée dans tous les domaines évoqués, en particulier la transition écologique, la ville durable et la formation des agents territoriaux de nos deux pays.';
    await fr.page.keyboard.type(addition);
    await expect.poll(() => unit(vi.page, 'fr', 3).innerText(), { timeout: 10_000 }).toContain('formation des agents territoriaux');
    expect(await aligned(fr.page)).toBeLessThanOrEqual(2);
    expect(await aligned(vi.page)).toBeLessThanOrEqual(2);

    // The Vietnamese delegate types in their own column; the French side sees it arrive.
    await unit(vi.page, 'vi', 5).click();
    await vi.page.keyboard.press('End');
    await vi.page.keyboard.type(' Chúng tôi nhất trí tăng cường hợp tác.');
    await expect.poll(() => unit(fr.page, 'vi', 5).innerText(), { timeout: 10_000 }).toContain('tăng cường hợp tác');
    expect(await aligned(fr.page)).toBeLessThanOrEqual(2);
    expect(await aligned(vi.page)).toBeLessThanOrEqual(2);

    // Presence: the French page marks the row the Vietnamese delegate is in.
    await expect.poll(() => fr.page.locator('.row-marker').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);

    // Keyboard: Alt+→ moves from a French paragraph to its Vietnamese counterpart.
    await unit(fr.page, 'fr', 4).click();
    await fr.page.keyboard.press('Alt+ArrowRight');
    const focusedPid = await fr.page.evaluate(`(() => {
      const sel = document.getSelection();
      const el = sel && sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement);
      const block = el && el.closest('[data-pid]');
      return block ? [block.closest('.language-column').getAttribute('lang'), block.getAttribute('data-pid')] : null;
    })()`);
    expect(focusedPid).toEqual(['vi', await unit(fr.page, 'vi', 4).getAttribute('data-pid')]);

    // Narrow window: the columns stay side by side and level.
    for (const p of [fr.page, vi.page]) {
      await p.setViewportSize({ width: 800, height: 900 });
      expect(await aligned(p)).toBeLessThanOrEqual(2);
      const [a, b] = [await column(p, 'fr').boundingBox(), await column(p, 'vi').boundingBox()];
      expect(b!.x).toBeGreaterThanOrEqual(a!.x + a!.width);
      expect(Math.abs(a!.y - b!.y)).toBeLessThanOrEqual(1);
    }

    // A paragraph added in French shows an empty, labelled slot in the Vietnamese column.
    await caretToEnd(fr.page, unit(fr.page, 'fr', 6));
    await fr.page.keyboard.press('Enter');
    await fr.page.keyboard.type('Un paragraphe nouveau, sans traduction.');
    await expect.poll(() => vi.page.locator('.language-column[lang="vi"] .row-slot').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => vi.page.locator('.language-column[lang="vi"] .row-slot').innerText()).toBe('Not yet translated');
    expect(await aligned(vi.page)).toBeLessThanOrEqual(2);
    expect(await aligned(fr.page)).toBeLessThanOrEqual(2);
    await screenshot(vi.page, 'editor-800px-missing-counterpart');
    await Promise.all([fr.ctx.close(), vi.ctx.close()]);
  }, 120_000);

  it('keeps editing offline, shows what waits, and delivers it after reconnecting', async () => {
    const id = await seedDeclaration(server, 'Assises — hors ligne', { fr: FR.slice(0, 4), vi: VI.slice(0, 4) });
    const a = await open(id);
    const b = await open(id);
    await a.ctx.setOffline(true);
    await a.page.locator('[data-link="offline"]').waitFor({ timeout: 10_000 });
    await unit(a.page, 'fr', 2).click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' Texte écrit hors ligne.');
    await expect.poll(() => a.page.locator('.saved').getAttribute('data-pending')).not.toBe('0');
    await expect.poll(() => a.page.locator('.saved').innerText()).toContain('waiting');
    await b.page.waitForTimeout(500);
    expect(await unit(b.page, 'fr', 2).innerText()).not.toContain('hors ligne');

    await a.ctx.setOffline(false);
    await expect.poll(() => unit(b.page, 'fr', 2).innerText(), { timeout: 15_000 }).toContain('Texte écrit hors ligne.');
    await a.page.locator('[data-saved="true"]').waitFor({ timeout: 15_000 });
    await Promise.all([a.ctx.close(), b.ctx.close()]);
  });

  it('stores a decomposed (NFD) paste composed (NFC)', async () => {
    const id = await seedDeclaration(server, 'Assises — NFC', { fr: FR.slice(0, 2), vi: VI.slice(0, 2) });
    const { ctx, page } = await open(id);
    await unit(page, 'vi', 1).click();
    await page.keyboard.press('End');
    const pasted = ' Hội nghị lần thứ 13 sẽ được tổ chức tại Pháp.'.normalize('NFD');
    await column(page, 'vi').evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    const stored = plainText(reader.doc.getXmlFragment('text:vi').get(1) as Y.XmlElement);
    reader.destroy();
    expect(stored).toContain(pasted.normalize('NFC'));
    expect(stored).toBe(stored.normalize('NFC'));
    await ctx.close();
  });

  it('lets a Vietnamese input method compose while a remote edit lands in the same paragraph', async () => {
    const id = await seedDeclaration(server, 'Assises — Telex', { fr: ['Nous.'], vi: ['Chúng tôi.'] });
    const { ctx, page } = await open(id);
    const observer = connectClient(server.wsUrl, id, server.token);
    await observer.synced();
    const seen: string[] = [];
    const viText = () => plainText(observer.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement);
    observer.doc.on('afterTransaction', () => seen.push(viText()));

    await unit(page, 'vi', 0).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await waitFor(() => viText() === 'Chúng tôi. ', 'the space to arrive');
    const cdp = await ctx.newCDPSession(page);
    // Telex: "v", "vi", "vie", "viee" → "viê", "vieej" → "việ", then "t" and commit "việt".
    for (const step of ['v', 'vi', 'vie', 'viê', 'việ']) {
      await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
      if (step === 'vie') {
        // Meanwhile another delegate edits the start of the same paragraph.
        const text = (observer.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(0, 'Hà Nội: ');
        await page.waitForTimeout(200);
      }
    }
    await cdp.send('Input.insertText', { text: 'việt' });
    await waitFor(() => viText() === 'Hà Nội: Chúng tôi. việt', `the composed word; now "${viText()}"`, 10_000);
    await expect.poll(() => unit(page, 'vi', 0).innerText()).toBe('Hà Nội: Chúng tôi. việt');
    // No provisional state of the composition was ever sent.
    expect(seen.filter((s) => /(?:^|\s)(v|vi|vie|viê|việ)$/.test(s))).toEqual([]);
    observer.destroy();
    await ctx.close();
  });

  it('shows the 12th Assises declaration in each interface language', async () => {
    const id = await seedDeclaration(server, 'Déclaration finale — 12es Assises', { fr: FR, vi: VI.slice(0, VI.length - 1) });
    const expected = { fr: 'Pas encore traduit', vi: 'Chưa dịch', en: 'Not yet translated' };
    for (const [ui, label] of Object.entries(expected)) {
      const { ctx, page } = await open(id, { ui });
      await expect.poll(() => page.locator('.row-slot').first().innerText(), { timeout: 10_000 }).toBe(label);
      expect(await aligned(page)).toBeLessThanOrEqual(2);
      await screenshot(page, `editor-assises-${ui}`);
      await ctx.close();
    }
  });
});
