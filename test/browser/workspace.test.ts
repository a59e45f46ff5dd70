import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../helpers/paths.js';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from '../helpers/api.js';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, inviteLink, openTools, selectWords } from '../helpers/browserSuite.js';
import { fixtureParagraphs } from '../helpers/fixtures.js';
import { settleLayout } from '../helpers/layout.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient } from '../helpers/yclient.js';
import { readUnits } from '../../shared/model/documentText.js';
import { readAlignment, ROW_STATE_MAP } from '../../shared/model/alignment.js';
import { readAdoptionLog } from '../../shared/negotiation/adoption.js';
import { confirmRow } from '../../shared/model/rowActions.js';

const suite = browserSuite();

const FR = fixtureParagraphs('assises-12/final-declaration.fr.txt');
const VI = fixtureParagraphs('assises-12/final-declaration.vi.txt');
const DEMO_TITLE = 'Déclaration finale — 12es Assises de la coopération décentralisée franco-vietnamienne (démo)';
/** The demo's texts, the Vietnamese missing one paragraph in the middle (a "Not yet translated" slot). */
const MISSING = 6;
const demoTexts = () => ({ fr: FR, vi: [...VI.slice(0, MISSING), ...VI.slice(MISSING + 1)] });

interface Opened {
  page: Page;
  errors: string[];
}

/** Opens a page as the given link, in a fresh profile with a viewport and interface language, collecting console errors. */
async function openAs(browser: Browser, url: string, options: { width?: number; ui?: string } = {}): Promise<Opened> {
  const ctx = await browser.newContext({ viewport: { width: options.width ?? 1400, height: 900 } });
  await ctx.addInitScript(`localStorage.setItem('accord.uiLanguage', ${JSON.stringify(options.ui ?? 'en')})`);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.locator('[data-link="live"]').waitFor();
  await page.locator('.language-column[lang="vi"] .ProseMirror [data-pid]').first().waitFor();
  await settleLayout(page);
  return { page, errors };
}

const paragraphs = (page: Page, lang: string) => page.locator(`.language-column[lang="${lang}"] .ProseMirror > [data-pid]`);

/** The top of the first paragraph of the first column, in px from the top of the window. */
async function firstParagraphTop(page: Page): Promise<number> {
  return (await paragraphs(page, 'fr').first().boundingBox())!.y;
}

async function storedUnits(id: string, lang: string) {
  const c = connectClient(suite.server.wsUrl, id, suite.server.token);
  await c.synced();
  const units = readUnits(c.doc.getXmlFragment(`text:${lang}`)).map((u) => ({ pid: u.pid as string, text: u.text }));
  const rows = [...readAlignment(c.doc).values()];
  c.destroy();
  return { units, rows };
}

describe('the declaration page as a workspace (acceptance)', () => {
  it('puts the text first for the secretariat and a delegate, never moves it on a click, fills a slot in its own row, shows a comment on words to another delegate, with no console error', async () => {
    const id = await seedDeclaration(suite.server, DEMO_TITLE, demoTexts());
    const secretariatUrl = `${suite.server.url}/d/${id}?token=${suite.server.token}`;
    const viUrl = await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' });
    const frUrl = await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' });
    const measured: string[] = [];
    const allErrors: string[] = [];

    for (const [who, url] of [
      ['secretariat', secretariatUrl],
      ['delegation', viUrl],
    ] as const) {
      for (const [width, limit] of [
        [1400, 240],
        [800, 320],
      ] as const) {
        const { page, errors } = await openAs(suite.browser, url, { width });
        const top = await firstParagraphTop(page);
        measured.push(`${who} ${width}px: first paragraph at ${top.toFixed(0)} px`);
        expect(top, `${who} at ${width}px`).toBeLessThanOrEqual(limit);
        // A click into a paragraph (the row's card opens in the rail) never moves it.
        const target = paragraphs(page, 'vi').nth(1);
        await target.scrollIntoViewIfNeeded();
        const before = (await target.boundingBox())!.y;
        await target.click();
        await page.locator('.row-card.current').waitFor();
        await settleLayout(page);
        const after = (await target.boundingBox())!.y;
        measured.push(`${who} ${width}px: click moved the paragraph by ${Math.abs(after - before).toFixed(0)} px`);
        expect(Math.abs(after - before)).toBeLessThanOrEqual(40);
        allErrors.push(...errors);
        await page.context().close();
      }
    }

    // Typing into a "Not yet translated" slot writes the counterpart paragraph of that row.
    console.log(measured.join('\n'));
    const vi = await openAs(suite.browser, viUrl);
    const before = await storedUnits(id, 'vi');
    const slot = vi.page.locator('.language-column[lang="vi"] .row-slot');
    await expect.poll(() => slot.count(), { timeout: 10_000 }).toBe(1);
    const frOfRow = await slot.getAttribute('data-counterpart');
    await slot.click();
    await vi.page.keyboard.type('Đoạn văn mới được dịch.');
    await vi.page.locator('[data-saved="true"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => slot.count(), { timeout: 5000 }).toBe(0);
    const typed = vi.page.locator('.language-column[lang="vi"] .ProseMirror > [data-pid]', { hasText: 'Đoạn văn mới được dịch.' });
    // It stands level with the French paragraph of the slot's row.
    await settleLayout(vi.page);
    const counterpart = vi.page.locator(`.language-column[lang="fr"] [data-pid="${frOfRow}"]`);
    expect(Math.abs((await typed.boundingBox())!.y - (await counterpart.boundingBox())!.y)).toBeLessThanOrEqual(2);
    // Stored: a new paragraph with that text, every other paragraph unchanged, and the server puts it in the slot's row.
    const after = await storedUnits(id, 'vi');
    const added = after.units.find((u) => u.text === 'Đoạn văn mới được dịch.');
    expect(added).toBeTruthy();
    expect(after.units.filter((u) => u !== added)).toEqual(before.units);
    await expect
      .poll(async () => (await storedUnits(id, 'vi')).rows.some((r) => r.cells.fr?.includes(frOfRow!) && r.cells.vi?.includes(added!.pid)), { timeout: 10_000 })
      .toBe(true);
    expect(await vi.page.locator('.row-status[data-stale="true"]').count()).toBe(0);

    // A comment on selected words shows in another delegate's text as an element with data-comment-id.
    const fr = await openAs(suite.browser, frUrl);
    await selectWords(fr.page, 'fr', 2, 'coopération');
    const button = fr.page.getByRole('button', { name: 'Comment…' });
    await button.waitFor();
    expect(await button.isVisible()).toBe(true);
    await button.click();
    await fr.page.getByRole('textbox', { name: 'Comment…' }).fill('Préciser : coopération décentralisée ?');
    await fr.page.getByRole('button', { name: 'Comment', exact: true }).click();
    const highlight = vi.page.locator('.language-column[lang="fr"] [data-comment-id]');
    await expect.poll(() => highlight.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await highlight.first().innerText()).toBe('coopération');
    await screenshot(vi.page, 'workspace-comment-seen-by-other-delegate');
    allErrors.push(...vi.errors, ...fr.errors);
    console.log(measured.join('\n'));
    expect(allErrors).toEqual([]);
    await vi.page.context().close();
    await fr.page.context().close();
  }, 150_000);
});

describe('rows you can navigate', () => {
  it('numbers the rows in the gutter, filters them with counts, and walks the filter with buttons and keys', async () => {
    const id = await seedDeclaration(suite.server, 'Navigation', demoTexts());
    const { page, errors } = await openAs(suite.browser, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    const numbers = page.locator('.row-number');
    await expect.poll(() => numbers.count()).toBe(FR.length);
    expect(await numbers.first().innerText()).toBe('1');
    // Numbers stay put while someone types.
    const third = (await numbers.nth(2).boundingBox())!.y;
    await paragraphs(page, 'fr').nth(0).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Ajout.');
    await settleLayout(page);
    expect(await numbers.nth(2).innerText()).toBe('3');
    expect(Math.abs((await numbers.nth(2).boundingBox())!.y - third)).toBeLessThanOrEqual(30);

    const filter = page.getByTestId('row-filter');
    expect(await filter.locator('option[value="missing"]').innerText()).toBe('Missing a counterpart (1)');
    expect(await filter.locator('option[value="all"]').innerText()).toBe(`All rows (${FR.length})`);
    await filter.selectOption('missing');
    await page.getByRole('button', { name: 'Next row in this selection (Alt+Page Down)' }).click();
    await expect.poll(() => page.locator('[data-flash-row]').count()).toBe(1);
    await expect
      .poll(() => page.locator('.row-card.current').getAttribute('data-row'))
      .toBe(await page.locator('[data-flash-row]').getAttribute('data-flash-row'));
    expect(await page.locator('.row-card.current').innerText()).toContain(`Row ${MISSING + 1}`);
    // Keyboard: Alt+Page Down through all rows.
    await filter.selectOption('all');
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain(`Row ${MISSING + 2}`);
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain(`Row ${MISSING + 1}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

const SHORT = {
  fr: ['1. Nous renforcerons la coopération décentralisée.', '2. Les échanges se poursuivront.', '3. Fin.'],
  vi: ['1. Chúng tôi sẽ tăng cường hợp tác phi tập trung.', '2. Trao đổi sẽ tiếp tục.', '3. Hết.'],
};

/** Confirms the n-th row as the secretariat would (through a real client). */
async function confirmNthRow(id: string, n: number): Promise<void> {
  const c = connectClient(suite.server.wsUrl, id, suite.server.token);
  await c.synced();
  const fr = readUnits(c.doc.getXmlFragment('text:fr'));
  const find = () => [...readAlignment(c.doc).entries()].find(([, r]) => r.cells.fr?.[0] === fr[n]!.pid && (r.cells.vi ?? []).length > 0);
  await expect.poll(() => !!find(), { timeout: 10_000 }).toBe(true);
  const row = find()!;
  const texts = Object.fromEntries(
    Object.entries(row[1].cells).map(([lang, pids]) => [lang, pids.map((p) => readUnits(c.doc.getXmlFragment(`text:${lang}`)).find((u) => u.pid === p)!.text)]),
  );
  confirmRow(c.doc, { key: row[0], cells: row[1].cells as never }, texts, 'Secrétariat', null);
  await expect.poll(() => c.doc.getMap(ROW_STATE_MAP).has(row[0])).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  c.destroy();
}

describe('negotiating in the workspace', () => {
  it('shows commented words in every column with a margin card, marks the gutter, counts open threads, and hides the highlight once resolved', async () => {
    const id = await seedDeclaration(suite.server, 'Commentaires en marge', SHORT);
    const fr = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const vi = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    await selectWords(fr.page, 'fr', 0, 'coopération');
    await fr.page.getByRole('button', { name: 'Comment…' }).click();
    await fr.page.getByRole('textbox', { name: 'Comment…' }).fill('Quel terme en vietnamien ?');
    await fr.page.getByRole('button', { name: 'Comment', exact: true }).click();
    for (const p of [fr.page, vi.page]) {
      await expect.poll(() => p.locator('.language-column[lang="fr"] [data-comment-id]').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => p.locator('.open-threads').getAttribute('data-open-threads')).toBe('1');
      expect(await p.locator('.gutter-row [data-row-comments="1"]').count()).toBe(1);
      // The thread's card sits in the rail beside its row, not above the text.
      const card = p.locator('.rail-card', { hasText: 'Quel terme' });
      await card.waitFor();
      const row = (await paragraphs(p, 'fr').first().boundingBox())!;
      expect(Math.abs((await card.boundingBox())!.y - row.y)).toBeLessThanOrEqual(60);
      expect((await card.boundingBox())!.x).toBeGreaterThan(row.x + row.width);
    }
    await screenshot(vi.page, 'workspace-comment-card');
    // Keyboard: the card's actions are reachable (the Resolve button takes focus and Enter resolves).
    const resolve = vi.page.locator('.rail-card', { hasText: 'Quel terme' }).getByRole('button', { name: 'Resolve' });
    await resolve.focus();
    await vi.page.keyboard.press('Enter');
    await expect.poll(() => fr.page.locator('[data-comment-id]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => fr.page.locator('.open-threads').getAttribute('data-open-threads')).toBe('0');
    expect([...fr.errors, ...vi.errors]).toEqual([]);
    await fr.page.context().close();
    await vi.page.context().close();
  }, 90_000);

  it('shows a stale row’s changes in place, word by word, and lets the secretariat confirm it again in one click', async () => {
    const id = await seedDeclaration(suite.server, 'Périmé en place', SHORT);
    await confirmNthRow(id, 1);
    const vi = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const secretariat = await openAs(suite.browser, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    const frDelegate = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    await paragraphs(vi.page, 'vi').nth(1).click();
    await vi.page.keyboard.press('End');
    await vi.page.keyboard.press('Backspace');
    await vi.page.keyboard.type(' mạnh mẽ hơn.');
    // The French delegation sees, beside the row, exactly what changed in Vietnamese.
    const diff = frDelegate.page.locator('.stale-diff');
    await expect.poll(() => diff.count(), { timeout: 10_000 }).toBe(1);
    expect(await diff.locator('ins').allInnerTexts()).toEqual([expect.stringContaining('mạnh mẽ hơn')]);
    expect(await diff.innerText()).toContain('What changed in Vietnamese since the row was agreed');
    expect(await frDelegate.page.getByRole('button', { name: 'Mirrored — confirm again' }).count()).toBe(0);
    await screenshot(frDelegate.page, 'workspace-stale-diff-delegation');
    await secretariat.page.getByRole('button', { name: 'Mirrored — confirm again' }).click();
    await expect.poll(() => frDelegate.page.locator('.stale-diff').count(), { timeout: 10_000 }).toBe(0);
    expect(await frDelegate.page.locator('.row-status[data-stale="true"]').count()).toBe(0);
    expect([...vi.errors, ...secretariat.errors, ...frDelegate.errors]).toEqual([]);
    for (const o of [vi, secretariat, frDelegate]) await o.page.context().close();
  }, 90_000);

  it('has every participant follow the chair’s row in plenary, lets them stop following, and asks before agreeing a bracketed row', async () => {
    const id = await seedDeclaration(suite.server, 'Plénière suivie', SHORT);
    // An open bracket in the second row's French text.
    const writer = connectClient(suite.server.wsUrl, id, suite.server.token);
    await writer.synced();
    const second = readUnits(writer.doc.getXmlFragment('text:fr'))[1]!.element.get(0) as unknown as { format(i: number, n: number, a: object): void };
    second.format(3, 9, { bracket: { id: 'b-test', options: [] } });
    await new Promise((r) => setTimeout(r, 500));
    writer.destroy();

    const chair = await openAs(suite.browser, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    const vi = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const observer = await openAs(suite.browser, await inviteLink(suite, id, { role: 'observer', name: 'Observateur' }));
    await openTools(chair.page);
    await chair.page.getByRole('button', { name: 'Plenary: adopt row by row' }).click();
    await chair.page.getByRole('dialog').waitFor();
    await chair.page.keyboard.press('ArrowRight');
    for (const p of [vi.page, observer.page]) {
      await expect.poll(() => p.locator('.plenary-follow').innerText(), { timeout: 10_000 }).toContain('Plenary: row 2');
      const highlight = p.locator('[data-plenary-row]');
      const paragraph = paragraphs(p, 'fr').nth(1);
      expect(Math.abs((await highlight.boundingBox())!.y - (await paragraph.boundingBox())!.y)).toBeLessThanOrEqual(12);
    }
    await screenshot(vi.page, 'workspace-plenary-following');
    await observer.page.getByRole('button', { name: 'Stop following' }).click();
    await expect.poll(() => observer.page.locator('.plenary-follow').count()).toBe(0);
    expect(await observer.page.getByRole('button', { name: 'Follow the plenary (row 2)' }).count()).toBe(1);

    // "Agreed" on a row that holds an open bracket asks first, and the log records it.
    await chair.page.keyboard.press('1');
    const ask = chair.page.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.innerText()).toContain('Row 2 still has an open bracket');
    await ask.getByRole('button', { name: 'Mark agreed anyway' }).click();
    await expect.poll(() => vi.page.locator('.plenary-follow').innerText(), { timeout: 10_000 }).toContain('Plenary: row 3');
    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    expect(readAdoptionLog(reader.doc).map((r) => [r.decision, r.despite ?? []])).toEqual([['agreed', ['open-bracket']]]);
    reader.destroy();
    expect([...chair.errors, ...vi.errors, ...observer.errors]).toEqual([]);
    for (const o of [chair, vi, observer]) await o.page.context().close();
  }, 120_000);

  it('traces a silence procedure: objections listed by row, delegation and reason, a marker on the row, each a link to the row', async () => {
    const id = await seedDeclaration(suite.server, 'Silence', SHORT);
    const api = (await import('../helpers/api.js')).apiClient(suite.server.url, suite.server.token);
    const version = ((await api.request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' })).body as { version: number }).version;
    expect((await api.request('POST', `/api/declarations/${id}/circulations`, { version, deadline: Date.now() + 3_600_000 })).status).toBeLessThan(300);
    const vi = await openAs(suite.browser, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const secretariat = await openAs(suite.browser, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    expect(await secretariat.page.locator('.stage').getAttribute('data-stage')).toBe('circulating');
    await paragraphs(vi.page, 'vi').nth(1).click();
    await openTools(vi.page);
    await vi.page.locator('.objection-form input').fill('Thuật ngữ chưa chính xác.');
    await vi.page.getByRole('button', { name: 'Raise the objection' }).click();
    await expect.poll(() => secretariat.page.locator('.gutter-row [data-row-objections="1"]').count(), { timeout: 10_000 }).toBe(1);
    await openTools(secretariat.page);
    const item = secretariat.page.locator('.objections-list li');
    await expect.poll(() => item.innerText()).toContain('Thuật ngữ chưa chính xác.');
    expect(await item.innerText()).toContain('Row 2');
    expect(await item.innerText()).toContain('Đoàn Việt Nam');
    await item.getByRole('button', { name: 'Row 2' }).click();
    await expect.poll(() => secretariat.page.locator('.row-card.current').innerText()).toContain('Thuật ngữ chưa chính xác.');
    expect(await secretariat.page.locator('[data-flash-row]').count()).toBe(1);
    await screenshot(secretariat.page, 'workspace-objection');
    expect([...vi.errors, ...secretariat.errors]).toEqual([]);
    for (const o of [vi, secretariat]) await o.page.context().close();
  }, 90_000);

  it('reaches the text through a skip link and the toolbar in three Tab presses, and does not announce every keystroke', async () => {
    const id = await seedDeclaration(suite.server, 'Clavier', SHORT);
    const url = await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' });
    const { page, errors } = await openAs(suite.browser, url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement.textContent`)).toBe('Skip to the text');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(`!!document.activeElement.closest('.language-column[lang="fr"] .ProseMirror')`)).toBe(true);
    await page.keyboard.type('Texte ');
    const live = page.locator('.status-bar [aria-live="polite"]');
    const heard: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.type('ab');
      heard.push(await live.innerText());
    }
    expect(new Set(heard).size).toBeLessThanOrEqual(1);
    expect(heard[0]).not.toContain('Saving');
    await page.reload();
    await page.locator('[data-link="live"]').waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(`!!document.activeElement.closest('[role="toolbar"]')`)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('the workspace, looked at', () => {
  it('takes the screenshot set: secretariat, delegation and observer, in English, French and Vietnamese, at 1400 and 800 px, with a comment, a stale row and plenary following', async () => {
    const id = await seedDeclaration(suite.server, DEMO_TITLE, demoTexts());
    await confirmNthRow(id, 1);
    // The Vietnamese delegation comments and changes its text: a comment is written in its writer's own name.
    const invited = await apiClient(suite.server.url, suite.server.token).request('POST', `/api/declarations/${id}/invites`, {
      role: 'delegation',
      lang: 'vi',
      name: 'Đoàn Việt Nam',
    });
    const c = connectClient(suite.server.wsUrl, id, (invited.body as { token: string }).token);
    await c.synced();
    const { addRangeComment } = await import('../../shared/negotiation/comments.js');
    const frUnits = readUnits(c.doc.getXmlFragment('text:fr'));
    const third = frUnits[2]!;
    const at = third.text.indexOf('coopération');
    addRangeComment(c.doc, {
      id: 'shot-comment',
      lang: 'fr',
      from: { pid: third.pid, offset: at },
      to: { pid: third.pid, offset: at + 'coopération'.length },
      author: { name: 'Đoàn Việt Nam', delegation: 'vi' },
      text: 'Đề nghị dùng “hợp tác phi tập trung”.',
      at: Date.now(),
    });
    const viSecond = readUnits(c.doc.getXmlFragment('text:vi'))[1]!.element.get(0) as unknown as { insert(i: number, s: string): void; length: number };
    viSecond.insert(viSecond.length, ' Bổ sung sau khi thống nhất.');
    await new Promise((r) => setTimeout(r, 500));
    c.destroy();

    const chair = await openAs(suite.browser, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await openTools(chair.page);
    await chair.page.getByRole('button', { name: 'Plenary: adopt row by row' }).click();
    await chair.page.getByRole('dialog').waitFor();
    for (let i = 0; i < 3; i++) await chair.page.keyboard.press('ArrowRight');

    const links = {
      secretariat: `${suite.server.url}/d/${id}?token=${suite.server.token}`,
      delegation: await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }),
      observer: await inviteLink(suite, id, { role: 'observer', name: 'Observatrice' }),
    };
    const errors: string[] = [];
    for (const [who, url] of Object.entries(links)) {
      for (const ui of ['en', 'fr', 'vi']) {
        for (const width of [1400, 800]) {
          const opened = await openAs(suite.browser, url, { width, ui });
          await opened.page.locator('.plenary-follow').waitFor({ timeout: 10_000 });
          await opened.page.locator('[data-comment-id]').first().waitFor();
          await opened.page.evaluate('window.scrollTo(0, 0)');
          await settleLayout(opened.page);
          expect(await firstParagraphTop(opened.page)).toBeLessThanOrEqual(width === 1400 ? 240 : 320);
          mkdirSync(ARTIFACTS_DIR, { recursive: true });
          await opened.page.screenshot({ path: join(ARTIFACTS_DIR, `workspace-${who}-${ui}-${width}.png`) });
          errors.push(...opened.errors);
          await opened.page.context().close();
        }
      }
    }
    expect([...errors, ...chair.errors]).toEqual([]);
    await chair.page.context().close();
  }, 400_000);
});
