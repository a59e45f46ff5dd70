import { describe, expect, it } from 'vitest';
import { readParagraph } from './features.js';
import { findFormulas } from './formulas.js';

const kinds = (text: string) => findFormulas(text).map((f) => `${f.kind}:${f.text}`);

describe('letter formulas', () => {
  it('finds the salutation and the close in French, English, Vietnamese and Japanese', () => {
    expect(kinds('Madame,')).toEqual(['opening:Madame,']);
    expect(kinds('Madame, Monsieur,')).toEqual(['opening:Madame, Monsieur,']);
    expect(kinds('Dear Madam,')).toEqual(['opening:Dear Madam,']);
    expect(kinds('Kính thưa Bà,')).toEqual(['opening:Kính thưa Bà,']);
    expect(kinds('拝啓')).toEqual(['opening:拝啓']);
    expect(kinds('Veuillez agréer, Madame, l’expression de notre haute considération.')).toEqual([
      'closing:Veuillez agréer, Madame, l’expression de notre haute considération.',
    ]);
    expect(kinds('Yours faithfully,')).toEqual(['closing:Yours faithfully,']);
    expect(kinds('Trân trọng./.')).toEqual(['closing:Trân trọng./.']);
    expect(kinds('敬具')).toEqual(['closing:敬具']);
  });

  it('finds them where a paste ran them into a neighbouring paragraph', () => {
    expect(kinds('件名：フォーラムへのご招待 拝啓')).toEqual(['opening:拝啓']);
    expect(kinds('ハノイでお迎えできることを心より楽しみにしております。 敬具')).toEqual(['closing:敬具']);
    expect(kinds('Nous nous réjouissons de vous accueillir. Veuillez agréer nos salutations.')).toEqual(['closing:Veuillez agréer nos salutations.']);
  });

  it('does not take ordinary sentences for formulas', () => {
    expect(kinds('Nous vous prions de bien vouloir confirmer votre participation avant le 10 avril.')).toEqual([]);
    expect(kinds('Veuillez agréer, Madame, l’expression de notre haute considération.').length).toBe(1);
    expect(kinds('Chúng tôi xin được trân trọng cảm ơn Chính phủ hai nước.')).toEqual([]);
    expect(kinds('Trân trọng cảm ơn các đại biểu đã tham dự.')).toEqual([]);
    expect(kinds('Kính gửi: Bà Claire Dubois, Giám đốc Quan hệ quốc tế')).toEqual([]);
    expect(kinds('Le comité remercie Madame la Présidente, dont le soutien fut décisif.')).toEqual([]);
  });

  it('leaves formulas out of the length and pairs them like anchors', () => {
    const close = readParagraph('Veuillez agréer, Madame, l’expression de notre haute considération.');
    expect(close.length).toBe(0);
    expect(close.anchors.map((a) => a.key)).toContain('formula:closing');
    const merged = readParagraph('ハノイでお迎えできることを心より楽しみにしております。 敬具');
    expect(merged.length).toBe(readParagraph('ハノイでお迎えできることを心より楽しみにしております。').length);
    expect(merged.anchors.map((a) => a.key)).toContain('formula:closing');
  });
});
