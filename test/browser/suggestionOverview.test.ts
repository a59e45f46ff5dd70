import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { canonicalText } from '../../shared/model/canonicalText.js';
import { textFragmentName } from '../../shared/model/declaration.js';
import { readUnits } from '../../shared/model/documentText.js';
import type { DeclarationId, LanguageCode } from '../../shared/model/ids.js';
import { setRowStatus } from '../../shared/model/rowActions.js';
import { refreshRows } from '../../shared/model/rowRefresh.js';
import { readAdoptionLog, rowOfCanonical } from '../../shared/negotiation/adoption.js';
import { createSuggestion } from '../../shared/negotiation/suggestions.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { apiClient } from '../helpers/api.js';
import { browserSuite, inviteLink, openEditor, openTools } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';
import { connectClient, waitFor } from '../helpers/yclient.js';

const suite = browserSuite();

const FR = ['1. Nous renforcerons la coopération.', '2. Les échanges se poursuivront.', '3. Les parties se réuniront chaque année.'];
const VI = ['1. Chúng tôi sẽ tăng cường hợp tác.', '2. Trao đổi sẽ tiếp tục.', '3. Các bên sẽ họp hằng năm.'];
const LANGS = ['fr', 'vi'] as LanguageCode[];
const AMINA = { name: 'Amina', delegation: 'fr' };
const LINH = { name: 'Linh', delegation: 'vi' };

const pidOf = (doc: Y.Doc, lang: string, n: number): string => readUnits(doc.getXmlFragment(textFragmentName(lang as LanguageCode)))[n]!.pid;

/**
 * The French delegation proposes words at the end of Vietnamese row 1 and "hằng tháng" for
 * "hằng năm" in row 3; the Vietnamese delegation proposes a replacement in French row 3; row 2 is
 * agreed. Written in the room as the server writes (the suggestions policy is not needed here).
 */
async function declarationUnderDiscussion(): Promise<string> {
  const id = await seedDeclaration(suite.server, 'Gợi ý · Suggestions', { fr: FR, vi: VI });
  await suite.server.rooms.using(id as DeclarationId, (room) =>
    room.change((doc) => {
      // The rows as the aligner has them now (it runs a moment after the text arrives).
      refreshRows(doc, LANGS, 'test');
      const must = (r: { ok: boolean }) => {
        if (!r.ok) throw new Error('suggestion not made');
      };
      const end = VI[0]!.length - 1;
      must(
        createSuggestion(doc, {
          id: 'fr-vi-1',
          lang: 'vi',
          pid: pidOf(doc, 'vi', 0),
          from: end,
          to: end,
          text: ' phi tập trung',
          author: AMINA,
          at: 1_700_000_000_000,
        }),
      );
      const year = VI[2]!.indexOf('hằng năm');
      must(
        createSuggestion(doc, {
          id: 'fr-vi-3',
          lang: 'vi',
          pid: pidOf(doc, 'vi', 2),
          from: year,
          to: year + 'hằng năm'.length,
          text: 'hằng tháng',
          author: AMINA,
          at: 1_700_000_001_000,
        }),
      );
      const annee = FR[2]!.indexOf('chaque année');
      must(
        createSuggestion(doc, {
          id: 'vi-fr-3',
          lang: 'fr',
          pid: pidOf(doc, 'fr', 2),
          from: annee,
          to: annee + 'chaque année'.length,
          text: 'tous les mois',
          author: LINH,
          at: 1_700_000_002_000,
        }),
      );
      const row2 = canonicalText(doc, '', LANGS).rows[1]!;
      setRowStatus(doc, rowOfCanonical(row2), 'agreed', Object.fromEntries(LANGS.map((l) => [l, row2.cells[l]!.map((c) => c.text)])), 'Secretariat', 'test');
    }),
  );
  return id;
}

const exported = async (id: string) =>
  (await apiClient(suite.server.url, suite.server.token).request('GET', `/api/declarations/${id}/export`)).body as DeclarationExport;

describe('the overview of suggestions', () => {
  it('filters the rows with suggestions with counts by delegation, decides in the panel, and reopens an agreed row', async () => {
    const id = await declarationUnderDiscussion();
    const page = await openEditor(suite, `${suite.server.url}/d/${id}?token=${suite.server.token}`);

    // The filter counts the rows with suggestions, then the suggestions by delegation.
    const filter = page.getByTestId('row-filter');
    await expect.poll(() => filter.locator('option[value="suggestions"]').innerText()).toBe('With suggestions (2 · FR 2 · VI 1)');
    await filter.selectOption('suggestions');
    const next = page.getByRole('button', { name: 'Next row in this selection (Alt+Page Down)' });
    await next.click();
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain('Row 1');
    await next.click();
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain('Row 3');
    await next.click();
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain('Row 1');

    // The panel lists them by row; a row link jumps there and flashes it.
    await openTools(page);
    const panel = page.locator('.suggestions-panel');
    await expect.poll(() => panel.getAttribute('data-pending-suggestions')).toBe('3');
    expect(await panel.locator('[data-suggestion-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-suggestion-row')))).toEqual(['1', '3']);
    expect(await panel.locator('[data-panel-suggestion="fr-vi-3"]').innerText()).toContain('“hằng tháng” instead of “hằng năm”');
    await panel.locator('[data-suggestion-row="3"] > .link-button').click();
    await expect.poll(() => page.locator('[data-flash-row]').count()).toBe(1);
    await expect.poll(() => page.locator('.row-card.current').innerText()).toContain('Row 3');

    // Accepting applies the words to the text; rejecting leaves it as it was.
    await openTools(page);
    await panel.getByRole('button', { name: 'Accept the suggestion of French delegation in row 1' }).click();
    await expect.poll(async () => (await exported(id)).rows[0]!.text.vi, { timeout: 5000 }).toEqual([`${VI[0]!.slice(0, -1)} phi tập trung.`]);
    await panel.getByRole('button', { name: 'Reject the suggestion of Vietnamese delegation in row 3' }).click();
    await expect.poll(() => panel.getAttribute('data-pending-suggestions')).toBe('1');
    expect((await exported(id)).rows[2]!.text.fr).toEqual([FR[2]]);
    await expect.poll(() => filter.locator('option[value="suggestions"]').innerText()).toBe('With suggestions (1 · FR 1)');

    // Reopen the agreed row 2: back to draft for everyone, and recorded in the row history.
    await page.locator('#tools-sheet header button').click();
    await page.locator('[data-row-number="2"]').click();
    await page.getByRole('button', { name: 'Reopen row' }).click();
    await expect.poll(async () => (await exported(id)).rows[1]!.status, { timeout: 5000 }).toBe('draft');
    await expect.poll(() => page.locator('.reopened').innerText()).toContain('Reopened by Secretariat');
    const reader = connectClient(suite.server.wsUrl, id, suite.server.token);
    await reader.synced();
    await waitFor(() => readAdoptionLog(reader.doc).some((r) => r.decision === 'reopened' && r.by === 'Secretariat'), 'the reopening in the row history');
    reader.destroy();
    await page.context().close();
  }, 120_000);

  it('tells the column’s delegation that another suggests wording in its row', async () => {
    const id = await declarationUnderDiscussion();
    const vi = await openEditor(suite, await inviteLink(suite, id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    await openTools(vi);
    const notes = vi.locator('[data-notification="suggestion"]');
    await expect
      .poll(() => notes.allInnerTexts())
      .toEqual(['The French delegation suggests wording in your row 1', 'The French delegation suggests wording in your row 3']);
    await notes.nth(1).locator('button').click();
    await expect.poll(() => vi.locator('.row-card.current').innerText()).toContain('Row 3');
    // The Vietnamese delegation's own suggestion, in the French column, is not news for it; it cannot decide on it either.
    await openTools(vi);
    expect(await vi.locator('[data-notification="suggestion"][data-suggestion-side="vi"]').count()).toBe(0);
    expect(await vi.locator('[data-panel-suggestion="vi-fr-3"] button').count()).toBe(0);
    expect(
      await vi
        .locator('[data-panel-suggestion="fr-vi-3"]')
        .getByRole('button', { name: /^Accept/u })
        .count(),
    ).toBe(1);
    await vi.context().close();
  }, 60_000);

  it('shows the live text’s suggestions in a comparison only when asked, and offers them in the DOCX', async () => {
    const id = await declarationUnderDiscussion();
    const api = apiClient(suite.server.url, suite.server.token);
    const { version } = (await api.request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' })).body as { version: number };
    const page = await openEditor(suite, `${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await page.goto(`${suite.server.url}/d/${id}/compare/${version}/live`);
    await page.locator('.compare-view .compare-summary').waitFor();
    expect(await page.locator('[data-suggestion-by]').count()).toBe(0);
    await page.getByLabel('with suggestions (tracked changes)').check();
    await expect
      .poll(() => page.locator('ins[data-suggestion-by="fr"]').allInnerTexts())
      .toEqual([expect.stringContaining('phi tập trung'), expect.stringContaining('tháng')]);
    expect(await page.locator('del[data-suggestion-by="vi"]').allInnerTexts()).toEqual([expect.stringContaining('chaque année')]);
    expect(await page.locator('a[data-format="docx"]').getAttribute('href')).toContain('suggestions=1');
    // The comparison itself still finds nothing changed between the version and the live text.
    const compared = (await api.request('GET', `/api/declarations/${id}/compare?from=${version}&to=live&suggestions=1`)).body as {
      summary: { rowsChanged: number };
    };
    expect(compared.summary.rowsChanged).toBe(0);
    await page.context().close();
  }, 60_000);
});
