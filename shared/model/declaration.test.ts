import { describe, expect, it } from 'vitest';
import { parseNewDeclaration, textFragmentName } from './declaration.js';
import { parseLanguageCode } from './ids.js';

describe('new declarations', () => {
  it('accepts a title and two to four languages, canonicalising the codes', () => {
    const r = parseNewDeclaration({ title: '  Déclaration finale ', languages: ['FR', 'vi', 'pt-br'] });
    expect(r).toEqual({ ok: true, value: { title: 'Déclaration finale', languages: ['fr', 'vi', 'pt-BR'] } });
  });

  it('stores the title composed (NFC) whatever form it was typed in', () => {
    const decomposed = 'Tuyên bố chung'.normalize('NFD');
    const r = parseNewDeclaration({ title: decomposed, languages: ['vi', 'fr'] });
    expect(r.ok && r.value.title).toBe('Tuyên bố chung'.normalize('NFC'));
  });

  it.each([
    [{ languages: ['fr', 'vi'] }, 'title'],
    [{ title: '', languages: ['fr', 'vi'] }, 'title'],
    [{ title: 'x', languages: ['fr'] }, '2 to 4'],
    [{ title: 'x', languages: ['fr', 'vi', 'en', 'ja', 'de'] }, '2 to 4'],
    [{ title: 'x', languages: ['fr', 'FR'] }, 'twice'],
    [{ title: 'x', languages: ['fr', 'not a code!'] }, 'BCP 47'],
    [{ title: 'x'.repeat(301), languages: ['fr', 'vi'] }, 'longer'],
    [null, 'object'],
  ])('refuses %j with a reason', (body, reason) => {
    const r = parseNewDeclaration(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('names each language fragment text:<code>', () => {
    const ja = parseLanguageCode('ja');
    expect(ja.ok && textFragmentName(ja.value)).toBe('text:ja');
  });
});
