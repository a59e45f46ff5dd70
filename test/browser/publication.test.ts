import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { browserSuite, inviteLink, openEditor, openTools } from '../helpers/browserSuite.js';
import { seedDeclaration } from '../helpers/seed.js';

const suite = browserSuite();

const open = (url: string) => openEditor(suite, url);
const invite = (id: string, body: object) => inviteLink(suite, id, body);

describe('the end of the negotiation, in the browser', () => {
  it('checks concordance, freezes, has two signatories review what they sign and confirm it in their browsers, publishes, and verifies the public page', async () => {
    const id = await seedDeclaration(suite.server, 'Déclaration finale', {
      fr: ['1. Les collectivités se sont réunies à Hanoï le 13 avril 2023.', '2. Elles coopéreront jusqu’en 2030.'],
      vi: ['1. Các địa phương đã họp tại Hà Nội ngày 13 tháng 4 năm 2023.', '2. Các bên sẽ hợp tác đến năm 2030.'],
    });
    const secretariat = await open(`${suite.server.url}/d/${id}?token=${suite.server.token}`);
    await openTools(secretariat);
    await secretariat.getByRole('button', { name: 'Check concordance' }).click();
    const list = secretariat.getByTestId('concordance');
    await list.waitFor();
    expect(await list.locator('li[data-kind="not-agreed"]').count()).toBe(2);
    await secretariat.getByLabel('Reason for freezing despite the list').fill('Adopté en plénière par acclamation');
    await secretariat.getByRole('button', { name: 'Freeze anyway, with this reason' }).click();
    await secretariat.getByTestId('frozen-banner').waitFor();
    // Frozen means read-only for everyone, the secretariat included, at once.
    await expect.poll(() => secretariat.locator('.language-column[lang="fr"] .ProseMirror').getAttribute('contenteditable')).toBe('false');
    const fingerprint = await secretariat.getByTestId('fingerprint').innerText();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    for (const [lang, name, label] of [
      ['fr', 'Signataire française', 'Sign the French text'],
      ['vi', 'Người ký Việt Nam', 'Sign the Vietnamese text'],
    ] as const) {
      const page = await open(await invite(id, { role: 'signatory', lang, name }));
      await openTools(page);
      expect(await page.getByTestId('fingerprint').innerText()).toBe(fingerprint);
      await page.getByRole('button', { name: label }).click();
      // Before anything is signed, the page shows what would be signed and asks again.
      const review = page.getByTestId('sign-review');
      await review.waitFor();
      expect(await page.locator(`.signatures li[data-lang="${lang}"][data-signed="yes"]`).count()).toBe(0);
      expect(await page.getByTestId('sign-fingerprint').innerText()).toBe(fingerprint);
      expect(await page.getByTestId('sign-title').innerText()).toBe('Déclaration finale');
      expect(await page.getByTestId('sign-languages').innerText()).toBe('French · Vietnamese');
      expect(await page.getByTestId('sign-rows').innerText()).toBe('2');
      const read = review.getByRole('link', { name: 'Read the frozen text (opens in a new tab)' });
      expect(await read.getAttribute('href')).toMatch(new RegExp(`^/d/${id}/v/\\d+$`));
      expect(await read.getAttribute('target')).toBe('_blank');
      if (lang === 'fr') {
        await screenshot(page, 'signing-review-en-1280');
        // Cancelling signs nothing; the button comes back.
        await review.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('button', { name: label }).click();
        await review.waitFor();
      }
      await review.getByRole('button', { name: 'I have read it: sign' }).click();
      await page.locator(`.signatures li[data-lang="${lang}"][data-signed="yes"]`).waitFor();
      expect(await page.getByTestId('sign-review').count()).toBe(0);
      // The private key stays in the browser, as a key the page itself cannot read back.
      const extractable = await page.evaluate(
        () =>
          new Promise<boolean | null>((resolve) => {
            const req = indexedDB.open('accord-signing', 1);
            req.onsuccess = () => {
              const all = req.result.transaction('keys').objectStore('keys').getAll();
              all.onsuccess = () => resolve((all.result[0] as { privateKey: CryptoKey } | undefined)?.privateKey.extractable ?? null);
            };
          }),
      );
      expect(extractable).toBe(false);
      await page.context().close();
    }

    await secretariat.getByRole('button', { name: 'Publish' }).click({ timeout: 10_000 });
    const link = secretariat.getByTestId('public-link');
    await link.waitFor();
    const publicUrl = await link.innerText();
    expect(publicUrl).toBe(`${suite.server.url}/p/${id}`);

    // Anyone, without a login.
    const reader = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await reader.goto(publicUrl);
    await expect.poll(() => reader.locator('#browser-verification').getAttribute('data-result'), { timeout: 5000 }).toBe('verified');
    expect(await reader.locator('#fingerprint').innerText()).toBe(fingerprint);
    expect(await reader.locator('.signatures li[data-status="verified"]').count()).toBe(2);
    expect(await reader.locator('p[lang="vi"]', { hasText: 'Các địa phương đã họp tại Hà Nội' }).count()).toBeGreaterThan(0);
    await screenshot(reader, 'publication-side-by-side');
    await reader.goto(`${publicUrl}?layout=sequential`);
    expect(await reader.locator('section[lang="fr"]').count()).toBe(1);
    expect(await reader.locator('section[lang="vi"]').count()).toBe(1);
    await screenshot(reader, 'publication-sequential');
  }, 120_000);
});
