import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROW_STATE_MAP, readAlignment } from '../../shared/model/alignment.js';
import { readUnits } from '../../shared/model/documentText.js';
import { setRowStatus } from '../../shared/model/rowActions.js';
import { readSuggestions } from '../../shared/negotiation/suggestionState.js';
import { apiClient } from '../helpers/api.js';
import { browserSuite, inviteLink, openEditor, selectWords } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient } from '../helpers/yclient.js';

const suite = browserSuite();
const SHOTS = '/tmp/sugg-shots';

const TEXTS = {
  fr: ['1. Nous renforcerons la coopération économique.', '2. Les parties se réuniront chaque année.'],
  vi: ['1. Chúng tôi sẽ tăng cường hợp tác kinh tế.', '2. Các bên sẽ họp mỗi năm một lần.'],
};

const paragraph = (page: Page, lang: string, n: number) => page.locator(`.language-column[lang="${lang}"] .ProseMirror > [data-pid]`).nth(n);

/** A paragraph's own words as the page shows them: without others' carets and without proposed words. */
const textOf = (page: Page, lang: string, n: number) =>
  paragraph(page, lang, n).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, ins[data-suggestion-id]').forEach((e) => e.remove());
    return copy.textContent;
  });

/** The JSON export of the current text, as a string (what a download would hold). */
async function exported(id: string): Promise<string> {
  const res = await apiClient(suite.server.url, suite.server.token).request('GET', `/api/declarations/${id}/export?format=json`);
  expect(res.status).toBe(200);
  return JSON.stringify(res.body);
}

/** Puts the caret at the end of the n-th paragraph of a column. */
async function caretAtEnd(page: Page, lang: string, n: number): Promise<void> {
  await paragraph(page, lang, n).click();
  await page.keyboard.press('End');
}

/** Marks the n-th row agreed, as the secretariat would. */
async function agreeNthRow(id: string, n: number): Promise<void> {
  const c = connectClient(suite.server.wsUrl, id, suite.server.token);
  await c.synced();
  const fr = readUnits(c.doc.getXmlFragment('text:fr'));
  const find = () => [...readAlignment(c.doc).entries()].find(([, r]) => r.cells.fr?.[0] === fr[n]!.pid && (r.cells.vi ?? []).length > 0);
  await expect.poll(() => !!find(), { timeout: 10_000 }).toBe(true);
  const row = find()!;
  const texts = Object.fromEntries(
    Object.entries(row[1].cells).map(([lang, pids]) => [lang, pids.map((p) => readUnits(c.doc.getXmlFragment(`text:${lang}`)).find((u) => u.pid === p)!.text)]),
  );
  setRowStatus(c.doc, { key: row[0], cells: row[1].cells as never }, 'agreed', texts, 'Secrétariat', null);
  await expect.poll(() => c.doc.getMap(ROW_STATE_MAP).has(row[0])).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  c.destroy();
}

describe('suggesting mode', () => {
  it('lets the French delegate propose words in the Vietnamese column, which enter the text only when the Vietnamese delegate accepts', async () => {
    const id = await seedDeclaration(suite.server, 'Suggestions', TEXTS);
    const fr = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const vi = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const errors: string[] = [];
    for (const p of [fr, vi]) p.on('pageerror', (e) => errors.push(e.message));

    // The French delegate turns suggesting on (their page only) and types at the end of a Vietnamese paragraph.
    const toggle = fr.getByRole('button', { name: 'Suggest', exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await vi.getByRole('button', { name: 'Suggest', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await caretAtEnd(fr, 'vi', 0);
    await fr.keyboard.type(' Đồng thời mở rộng đầu tư.');

    // Both pages show it as proposed words, tagged with the French delegation; the text is unchanged.
    for (const p of [fr, vi]) {
      const ins = paragraph(p, 'vi', 0).locator('ins[data-suggestion-id]');
      await expect.poll(() => ins.count(), { timeout: 10_000 }).toBe(1);
      // At the end of the paragraph, where it was typed (the other page may still be receiving the last keystrokes).
      await expect
        .poll(() =>
          paragraph(p, 'vi', 0).evaluate((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('.collaboration-carets__caret').forEach((e) => e.remove());
            return copy.textContent;
          }),
        )
        .toBe('1. Chúng tôi sẽ tăng cường hợp tác kinh tế. Đồng thời mở rộng đầu tư.');
      await expect.poll(() => ins.textContent()).toBe(' Đồng thời mở rộng đầu tư.');
      expect(await ins.getAttribute('data-delegation')).toBe('fr');
      expect(await ins.getAttribute('title')).toContain('French delegation');
    }
    expect(await fr.locator('.language-column[lang="vi"] .ProseMirror').getAttribute('contenteditable')).toBe('true');
    await expect.poll(() => exported(id)).toContain('Chúng tôi sẽ tăng cường hợp tác kinh tế.');
    expect(await exported(id)).not.toContain('mở rộng đầu tư');

    // The French delegate proposes deleting words in the second Vietnamese paragraph.
    await selectWords(fr, 'vi', 1, ' một lần');
    await fr.keyboard.press('Backspace');
    for (const p of [fr, vi]) {
      const del = p.locator('.language-column[lang="vi"] del[data-suggestion-id]');
      await expect.poll(() => del.count(), { timeout: 10_000 }).toBe(1);
      expect(await del.textContent()).toBe(' một lần');
    }
    expect(await textOf(vi, 'vi', 1)).toBe('2. Các bên sẽ họp mỗi năm một lần.');
    expect(await exported(id)).toContain('Các bên sẽ họp mỗi năm một lần.');

    mkdirSync(SHOTS, { recursive: true });
    await vi.locator('.language-column[lang="vi"] ins[data-suggestion-id]').click();
    await vi.locator('.suggestion-card.active').waitFor();
    for (const width of [1400, 800]) {
      await vi.setViewportSize({ width, height: 900 });
      await vi.waitForTimeout(300);
      await vi.screenshot({ path: `${SHOTS}/pending-${width}.png` });
    }
    await vi.setViewportSize({ width: 1280, height: 900 });
    await fr.screenshot({ path: `${SHOTS}/author-suggesting.png` });

    // The Vietnamese delegate opens the insertion's card and accepts: the words are in the text and the export.
    const card = vi.locator('.suggestion-card.active');
    expect(await card.innerText()).toContain('Délégation française');
    await card.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => textOf(vi, 'vi', 0), { timeout: 10_000 }).toBe('1. Chúng tôi sẽ tăng cường hợp tác kinh tế. Đồng thời mở rộng đầu tư.');
    await expect.poll(() => fr.locator('.language-column[lang="vi"] ins[data-suggestion-id]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => exported(id), { timeout: 10_000 }).toContain('Chúng tôi sẽ tăng cường hợp tác kinh tế. Đồng thời mở rộng đầu tư.');

    // The deletion is rejected: it disappears and the text is as before.
    await vi.locator('.language-column[lang="vi"] del[data-suggestion-id]').click();
    await vi.locator('.suggestion-card.active').getByRole('button', { name: 'Reject', exact: true }).click();
    for (const p of [fr, vi]) await expect.poll(() => p.locator('del[data-suggestion-id]').count(), { timeout: 10_000 }).toBe(0);
    expect(await textOf(vi, 'vi', 1)).toBe('2. Các bên sẽ họp mỗi năm một lần.');
    expect(await exported(id)).toContain('Các bên sẽ họp mỗi năm một lần.');

    // The history of the row says who suggested and who accepted.
    await paragraph(vi, 'vi', 0).click();
    const history = vi.locator('.row-card.current .suggestion-history');
    await expect
      .poll(async () => ((await history.count()) ? await history.textContent() : ''), { timeout: 10_000 })
      .toContain('Suggested by Délégation française (French delegation), accepted by Đoàn Việt Nam (Vietnamese delegation)');
    expect(errors).toEqual([]);
  }, 120_000);

  it('undoes an accepted suggestion with Ctrl+Z in the column, words and acceptance together', async () => {
    const id = await seedDeclaration(suite.server, 'Annuler', TEXTS);
    const fr = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const vi = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    await fr.getByRole('button', { name: 'Suggest', exact: true }).click();
    await caretAtEnd(fr, 'vi', 1);
    await fr.keyboard.type(' Ở Hà Nội.');
    const ins = vi.locator('.language-column[lang="vi"] ins[data-suggestion-id]');
    await expect.poll(() => ins.count(), { timeout: 10_000 }).toBe(1);
    await ins.click();
    await vi.locator('.suggestion-card.active').getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => textOf(vi, 'vi', 1), { timeout: 10_000 }).toBe('2. Các bên sẽ họp mỗi năm một lần. Ở Hà Nội.');

    await paragraph(vi, 'vi', 1).click();
    await vi.keyboard.press('Control+z');
    await expect.poll(() => textOf(vi, 'vi', 1), { timeout: 10_000 }).toBe('2. Các bên sẽ họp mỗi năm một lần.');
    // The proposal is pending again, for both.
    for (const p of [fr, vi]) await expect.poll(() => p.locator('.language-column[lang="vi"] ins[data-suggestion-id]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => exported(id)).not.toContain('Ở Hà Nội');
  }, 90_000);

  it('turns an edit in an agreed row into a proposal to the other delegation, and says so', async () => {
    const id = await seedDeclaration(suite.server, 'Ligne approuvée', TEXTS);
    await agreeNthRow(id, 0);
    const vi = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    const fr = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    await expect.poll(() => vi.locator('.row-status[data-row-status="agreed"]').count(), { timeout: 10_000 }).toBe(1);

    // Suggesting is off: the Vietnamese delegate edits their own column in the agreed row.
    expect(await vi.getByRole('button', { name: 'Suggest', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await caretAtEnd(vi, 'vi', 0);
    const notice = vi.getByRole('status').filter({ hasText: 'This row is agreed: your change is a proposal to the other delegation' });
    await notice.waitFor();
    await vi.keyboard.type(' và bền vững');
    await expect.poll(() => vi.locator('.language-column[lang="vi"] ins[data-suggestion-id]').count(), { timeout: 10_000 }).toBe(1);
    expect(await paragraph(vi, 'vi', 0).locator('ins').textContent()).toBe(' và bền vững');
    expect(await paragraph(vi, 'vi', 0).innerText()).toMatch(/^1\. Chúng tôi sẽ tăng cường hợp tác kinh tế\. ?và bền vững/u);
    await expect.poll(() => fr.locator('.language-column[lang="vi"] ins[data-suggestion-id]').count(), { timeout: 10_000 }).toBe(1);
    expect(await exported(id)).not.toContain('bền vững');
    mkdirSync(SHOTS, { recursive: true });
    await vi.screenshot({ path: `${SHOTS}/agreed-row-notice.png` });

    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    await expect.poll(() => readSuggestions(reader.doc).map((s) => [s.text, s.consent, s.lang, s.status])).toEqual([[' và bền vững', true, 'vi', 'pending']]);
    reader.destroy();

    // The French delegation is asked for its consent in the card.
    await fr.locator('.language-column[lang="vi"] ins[data-suggestion-id]').click();
    const card = fr.locator('.suggestion-card.active');
    expect(await card.innerText()).toContain('Agreed row: applied once both delegations consent');
    expect(await card.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(1);
    // The draft row is written directly.
    await caretAtEnd(vi, 'vi', 1);
    await vi.keyboard.type(' Thêm.');
    await expect.poll(() => textOf(vi, 'vi', 1), { timeout: 10_000 }).toBe('2. Các bên sẽ họp mỗi năm một lần. Thêm.');
  }, 90_000);
});
