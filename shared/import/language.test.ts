import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';
import { splitByLanguage } from './splitByLanguage.js';
import type { ImportedBlock } from './types.js';

const paragraph = (text: string): ImportedBlock => ({ text, kind: 'paragraph' });
const heading = (text: string): ImportedBlock => ({ text, kind: 'heading', level: 1 });

const FRENCH = 'Nous, collectivités territoriales vietnamiennes et françaises, réunies à Hanoï.';
const VIETNAMESE = 'Chúng tôi, các địa phương Việt Nam và Pháp, trong khuôn khổ Hội nghị hợp tác.';
const ENGLISH = 'We, the local authorities of Vietnam and France, gathered in Hanoi for the conference.';
const JAPANESE = '私たちは、ベトナムとフランスの地方自治体として、ハノイに集まりました。';

describe('detectLanguage', () => {
  it.each([
    [FRENCH, 'fr'],
    [VIETNAMESE, 'vi'],
    [ENGLISH, 'en'],
    [JAPANESE, 'ja'],
  ])('recognises %s', (text, lang) => {
    const guess = detectLanguage(text);
    expect(guess.lang).toBe(lang);
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it('recognises Vietnamese written decomposed (NFD)', () => {
    expect(detectLanguage(VIETNAMESE.normalize('NFD')).lang).toBe('vi');
  });

  it('answers unknown with no confidence when there is no evidence', () => {
    expect(detectLanguage('DECLARATION FINALE')).toEqual({ lang: 'unknown', confidence: 0 });
    expect(detectLanguage('2023')).toEqual({ lang: 'unknown', confidence: 0 });
  });

  it('is less sure of a short line than of a paragraph', () => {
    expect(detectLanguage('Fait à Hanoï').confidence).toBeLessThan(detectLanguage(FRENCH).confidence);
  });
});

describe('splitByLanguage', () => {
  it('cuts a French-then-Vietnamese document at the switch', () => {
    const blocks = [heading('DECLARATION FINALE'), paragraph(FRENCH), paragraph('Fait à Hanoï'), heading('TUYÊN BỐ CHUNG'), paragraph(VIETNAMESE)];
    expect(splitByLanguage(blocks, ['fr', 'vi'])).toEqual({
      ok: true,
      value: { fr: blocks.slice(0, 3), vi: blocks.slice(3) },
    });
  });

  it('gives an unrecognisable title at the switch to the text it announces', () => {
    const blocks = [paragraph(FRENCH), heading('2023'), paragraph(VIETNAMESE)];
    const split = splitByLanguage(blocks, ['fr', 'vi']);
    expect(split.ok && split.value.vi?.[0]).toEqual(heading('2023'));
  });

  it('keys the result by the language tags as given', () => {
    const split = splitByLanguage([paragraph(FRENCH), paragraph(VIETNAMESE)], ['fr-FR', 'vi']);
    expect(split.ok && Object.keys(split.value)).toEqual(['fr-FR', 'vi']);
  });

  it('keeps paragraphs in order when the languages alternate', () => {
    const blocks = [paragraph(FRENCH), paragraph(VIETNAMESE), paragraph(FRENCH), paragraph(VIETNAMESE)];
    const split = splitByLanguage(blocks, ['fr', 'vi']);
    expect(split.ok && split.value.fr).toHaveLength(2);
    expect(split.ok && split.value.vi).toHaveLength(2);
  });

  it('treats a lone quotation in another language as part of the text around it', () => {
    const blocks = [paragraph(FRENCH), paragraph(ENGLISH), paragraph(FRENCH), paragraph(VIETNAMESE)];
    const split = splitByLanguage(blocks, ['fr', 'vi']);
    expect(split.ok && split.value.fr).toHaveLength(3);
  });

  it('fails with "wrong-language" when an expected language is missing', () => {
    expect(splitByLanguage([paragraph(FRENCH)], ['fr', 'vi'])).toEqual({
      ok: false,
      code: 'wrong-language',
      reason: 'no Vietnamese text was found in the file',
    });
  });

  it('fails with "wrong-language" when the file holds a language the declaration does not have', () => {
    const split = splitByLanguage([paragraph(FRENCH), paragraph(ENGLISH), paragraph(ENGLISH)], ['fr', 'vi']);
    expect(split).toMatchObject({ ok: false, code: 'wrong-language' });
    expect(!split.ok && split.reason).toMatch(/^found 2 paragraphs in English, a language this declaration does not have/);
  });

  it('fails with "wrong-language" when a French file is imported into the Japanese column', () => {
    expect(splitByLanguage([paragraph(FRENCH)], ['ja'])).toMatchObject({ ok: false, code: 'wrong-language' });
  });

  it('accepts everything for a single column in a language it cannot recognise', () => {
    expect(splitByLanguage([paragraph('Wir, die Gebietskörperschaften')], ['de'])).toEqual({
      ok: true,
      value: { de: [paragraph('Wir, die Gebietskörperschaften')] },
    });
  });

  it('fails with "unsupported" when it would have to recognise a language it does not know', () => {
    expect(splitByLanguage([paragraph(FRENCH)], ['fr', 'de'])).toMatchObject({ ok: false, code: 'unsupported' });
  });
});
