import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { fixtureParagraphs, fixtureText } from '../helpers/fixtures.js';
import { caretToEnd, maxRowMisalignment, settleLayout } from '../helpers/layout.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readAlignment } from '../../shared/model/alignment.js';

const suite = browserSuite();

const FR = fixtureParagraphs('assises-12/final-declaration.fr.txt');
const VI = fixtureParagraphs('assises-12/final-declaration.vi.txt');

async function open(id: string): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
  await page.locator('[data-link="live"]').waitFor();
  await page.locator('.language-column[lang="vi"] .ProseMirror [data-pid]').first().waitFor();
  return page;
}

const unit = (page: Page, lang: string, n: number) => page.locator(`.language-column[lang="${lang}"] .ProseMirror > [data-pid]`).nth(n);

/** The index (among units and slots of the Vietnamese column) where the empty slot stands. */
const slotIndex = (page: Page) =>
  page.evaluate(
    `(() => [...document.querySelectorAll('.language-column[lang="vi"] .ProseMirror > [data-pid], .language-column[lang="vi"] .ProseMirror > .row-slot')].findIndex((e) => e.classList.contains('row-slot')))()`,
  );

describe('live alignment', () => {
  it('shows a paragraph inserted in French as an empty Vietnamese slot in its place, on the other client, within a second', async () => {
    const id = await seedDeclaration(suite.server, 'Alignement vivant', { fr: FR, vi: VI });
    const a = await open(id);
    const b = await open(id);
    await caretToEnd(a, unit(a, 'fr', 5));
    const started = Date.now();
    await a.keyboard.press('Enter');
    // The promise: the other client shows the new row within a second.
    await expect.poll(() => slotIndex(b), { timeout: 1000, interval: 10 }).toBe(6);
    console.log(`inserted paragraph shown as an empty Vietnamese slot on the other client after ${Date.now() - started} ms`);
    await a.keyboard.type('Nouveau paragraphe inséré par la délégation française.');
    await expect.poll(() => unit(b, 'fr', 6).innerText()).toContain('Nouveau paragraphe');
    expect(await slotIndex(b)).toBe(6);
    // The server's aligner has stored it as a 1:0 row, between the rows around it.
    const pid = await unit(b, 'fr', 6).getAttribute('data-pid');
    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    await waitFor(
      () => [...readAlignment(reader.doc).values()].some((r) => r.cells.fr?.join() === pid && (r.cells.vi ?? []).length === 0),
      'a stored 1:0 row',
      2000,
    );
    expect(readAlignment(reader.doc).size).toBe(18);
    reader.destroy();
    await settleLayout(b);
    expect((await maxRowMisalignment(b)).max).toBeLessThanOrEqual(2);
    await screenshot(b, 'alignment-inserted-paragraph');
  });

  it('flags a confirmed row stale on both clients when one side changes', async () => {
    const id = await seedDeclaration(suite.server, 'Périmé', { fr: FR.slice(0, 6), vi: VI.slice(0, 6) });
    const a = await open(id);
    const b = await open(id);
    await unit(a, 'fr', 2).click();
    await a.locator('.row-panel').waitFor();
    await a.getByRole('button', { name: 'Confirm this row' }).click();
    await expect.poll(() => b.locator('.row-status').count(), { timeout: 5000 }).toBe(0); // confirmed, not stale: nothing to flag yet
    // The Vietnamese side changes after agreement.
    await unit(b, 'vi', 2).click();
    await b.keyboard.press('End');
    await b.keyboard.type(' Sửa đổi.');
    for (const page of [a, b]) {
      await expect.poll(() => page.locator('.row-status[data-stale="true"]').count(), { timeout: 5000 }).toBe(1);
    }
    await unit(a, 'fr', 2).click();
    await expect.poll(() => a.locator('.row-panel .stale').innerText()).toContain('Changed in Vietnamese since agreed — check French');
  });

  it('imports a bilingual paste in the browser and shows the aligned rows', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${suite.server.url}/import?token=${suite.server.token}`);
    await page.locator('.import-form').waitFor();
    await page.locator('.import-form input').first().fill('Assises 12 (collage)');
    await page.getByTestId('import-both').fill(fixtureText('assises-12/final-declaration.pdf-paste.txt'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('.import-preview h2').allInnerTexts()).toEqual(['17 paragraphs found in French', '17 paragraphs found in Vietnamese']);
    await page.getByRole('button', { name: 'Create the declaration' }).click();
    await page.locator('[data-link="live"]').waitFor();
    await expect.poll(() => page.locator('.language-column[lang="vi"] .ProseMirror > [data-pid]').count()).toBe(17);
    await settleLayout(page);
    const aligned = await maxRowMisalignment(page);
    expect(aligned.rows).toBe(17);
    expect(aligned.max).toBeLessThanOrEqual(2);
    expect(await page.locator('.row-slot').count()).toBe(0);
  });

  it('shows the progress of a 5 MB import: the share sent, then the server at work, then the preview', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${suite.server.url}/import?token=${suite.server.token}`);
    await page.locator('.import-form').waitFor();
    const repeat = (lang: string, times: number) =>
      Array.from({ length: times }, () => fixtureText(`assises-12/final-declaration.${lang}.txt`).trim()).join('\n\n');
    const times = Math.ceil(2_500_000 / Buffer.byteLength(fixtureText('assises-12/final-declaration.fr.txt')));
    const files = page.locator('.import-form input[type="file"]');
    await files.nth(0).setInputFiles({ name: 'fr.txt', mimeType: 'text/plain', buffer: Buffer.from(repeat('fr', times)) });
    await files.nth(1).setInputFiles({ name: 'vi.txt', mimeType: 'text/plain', buffer: Buffer.from(repeat('vi', times)) });
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Text for Vietnamese' }).evaluate((e) => (e as HTMLTextAreaElement).value.length), { timeout: 30_000 })
      .toBeGreaterThan(1_000_000);
    const phases: string[] = [];
    await page.exposeFunction('notePhase', (phase: string) => void (phases.at(-1) === phase || phases.push(phase)));
    await page.evaluate(
      `new MutationObserver(() => { const p = document.querySelector('.import-progress'); if (p) window.notePhase(p.dataset.phase + ':' + p.textContent.trim()); }).observe(document.body, { subtree: true, childList: true, characterData: true })`,
    );
    // Loopback sends 5 MB at once: a 2 MB/s line lets the sending show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2_000_000 });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.locator('.import-preview h2').allInnerTexts(), { timeout: 120_000 })
      .toEqual([`${(17 * times).toLocaleString('en')} paragraphs found in French`, `${(17 * times).toLocaleString('en')} paragraphs found in Vietnamese`]);
    expect(phases.some((p) => /^sending:Sending 5\.\d MB: \d+ %$/u.test(p))).toBe(true);
    expect(phases.some((p) => /^working:Reading and aligning the paragraphs… \d+ s$/u.test(p))).toBe(true);
    expect(phases.findIndex((p) => p.startsWith('working'))).toBeGreaterThan(phases.findIndex((p) => p.startsWith('sending')));
    expect(await page.locator('.import-progress').count()).toBe(0);
  }, 180_000);

  it('warns before import when the columns do not look like translations of each other, naming the unsure rows', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${suite.server.url}/import?token=${suite.server.token}`);
    await page.locator('.import-form').waitFor();
    await page.getByRole('textbox', { name: 'Text for French' }).fill(fixtureText('align/invitation.fr.txt'));
    await page.getByRole('textbox', { name: 'Text for Vietnamese' }).fill(fixtureText('align/charter.vi.txt'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.getByTestId('import-unsure').innerText())
      .toMatch(/^The Vietnamese and French columns do not look like translations of each other: rows \d+(–\d+)?(, \d+(–\d+)?)*(, …)? are unsure\.$/u);
  });
});
