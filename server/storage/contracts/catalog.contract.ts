import { describe, expect, it } from 'vitest';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import type { AccessGrant, Catalog } from '../catalog.js';
import type { StoreHarness } from './storeHarness.js';

/** What every Catalog must do: run with `describeCatalog` against each implementation. */
export function describeCatalog(name: string, open: () => Promise<StoreHarness<Catalog>>): void {
  const id = (n: string) => `catalog-${n}` as DeclarationId;
  const langs = (...codes: string[]) => codes as LanguageCode[];
  const grant = (over: Partial<AccessGrant> & Pick<AccessGrant, 'id'>): AccessGrant => ({
    declarationId: id('d'),
    role: { kind: 'observer' },
    name: 'Observateur',
    revoked: false,
    createdAt: 1_000,
    expiresAt: null,
    ...over,
  });
  const tick = () => new Promise((r) => setTimeout(r, 3));

  describe(`${name}: the Catalog contract`, () => {
    it('lists declarations in the order they were created, with their columns', async () => {
      const { store, cleanup } = await open();
      await store.createDeclaration({ title: 'Tuyên bố chung', languages: langs('vi', 'fr') }, id('b'));
      await tick();
      await store.createDeclaration({ title: 'Déclaration « finale »', languages: langs('fr', 'vi') }, id('a'));
      expect(await store.listDeclarations()).toEqual([
        { id: id('b'), title: 'Tuyên bố chung', languages: ['vi', 'fr'] },
        { id: id('a'), title: 'Déclaration « finale »', languages: ['fr', 'vi'] },
      ]);
      expect(await store.getDeclaration(id('a'))).toEqual({ id: id('a'), title: 'Déclaration « finale »', languages: ['fr', 'vi'] });
      expect(await store.getDeclaration(id('unknown'))).toBeNull();
      await cleanup();
    });

    it('replaces the column order when a language is added', async () => {
      const { store, reopen, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr', 'vi') }, id('d'));
      await store.setLanguages(id('d'), langs('fr', 'vi', 'en'));
      expect((await (await reopen()).getDeclaration(id('d')))?.languages).toEqual(['fr', 'vi', 'en']);
      await cleanup();
    });

    it('refuses a second declaration with the same id', async () => {
      const { store, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr') }, id('d'));
      await expect(store.createDeclaration({ title: 'U', languages: langs('vi') }, id('d'))).rejects.toThrow();
      expect((await store.getDeclaration(id('d')))?.title).toBe('T');
      await cleanup();
    });

    it('finds a grant by the hash of its token, with its role, language and expiry', async () => {
      const { store, reopen, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr', 'vi') }, id('d'));
      const delegation = grant({ id: 'g-vi', role: { kind: 'delegation', lang: 'vi' as LanguageCode }, name: 'Đoàn Việt Nam', expiresAt: 9_000 });
      const secretariat = grant({ id: 'g-sec', declarationId: null, role: { kind: 'secretariat' }, name: 'Secrétariat' });
      await store.addGrant(delegation, 'hash-vi');
      await store.addGrant(secretariat, 'hash-sec');
      const other = await reopen();
      expect(await other.findGrantByTokenHash('hash-vi')).toEqual(delegation);
      expect(await other.findGrantByTokenHash('hash-sec')).toEqual(secretariat);
      expect(await other.findGrantByTokenHash('hash-none')).toBeNull();
      await cleanup();
    });

    it("lists a declaration's grants newest first, and only its own", async () => {
      const { store, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr') }, id('d'));
      await store.createDeclaration({ title: 'U', languages: langs('fr') }, id('e'));
      await store.addGrant(grant({ id: 'old', createdAt: 1 }), 'h1');
      await store.addGrant(grant({ id: 'new', createdAt: 3, role: { kind: 'signatory', lang: 'fr' as LanguageCode } }), 'h2');
      await store.addGrant(grant({ id: 'mid', createdAt: 2 }), 'h3');
      await store.addGrant(grant({ id: 'elsewhere', declarationId: id('e'), createdAt: 4 }), 'h4');
      expect((await store.listGrants(id('d'))).map((g) => g.id)).toEqual(['new', 'mid', 'old']);
      await cleanup();
    });

    it('refuses a grant whose token hash is taken, or whose declaration does not exist', async () => {
      const { store, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr') }, id('d'));
      await store.addGrant(grant({ id: 'g1' }), 'same');
      await expect(store.addGrant(grant({ id: 'g2' }), 'same')).rejects.toThrow();
      await expect(store.addGrant(grant({ id: 'g3', declarationId: id('nowhere') }), 'other')).rejects.toThrow();
      await cleanup();
    });

    it('revokes a grant on its own declaration only', async () => {
      const { store, cleanup } = await open();
      await store.createDeclaration({ title: 'T', languages: langs('fr') }, id('d'));
      await store.createDeclaration({ title: 'U', languages: langs('fr') }, id('e'));
      await store.addGrant(grant({ id: 'g' }), 'h');
      expect(await store.revokeGrant(id('e'), 'g')).toBe(false);
      expect((await store.findGrantByTokenHash('h'))?.revoked).toBe(false);
      expect(await store.revokeGrant(id('d'), 'g')).toBe(true);
      expect(await store.revokeGrant(id('d'), 'g')).toBe(true);
      expect((await store.findGrantByTokenHash('h'))?.revoked).toBe(true);
      expect(await store.revokeGrant(id('d'), 'missing')).toBe(false);
      await cleanup();
    });
  });
}
