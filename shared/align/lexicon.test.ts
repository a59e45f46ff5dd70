import { describe, expect, it } from 'vitest';
import { alignParagraphs } from './align.js';
import { findTerms } from './lexicon.js';
import { LEXICON_LINES } from './lexiconData.js';
import { normalizeText } from './normalize.js';

const concepts = (text: string): string[] => findTerms(normalizeText(text)).map((a) => a.key.replace(/^term:/u, ''));

describe('the built-in lexicon', () => {
  it('gives every concept a rendering in English, French, Vietnamese and Japanese', () => {
    for (const line of LEXICON_LINES) {
      expect(
        line
          .split(' | ')
          .slice(1)
          .map((part) => part.slice(0, 3)),
        line,
      ).toEqual(['en ', 'fr ', 'vi ', 'ja ']);
    }
  });

  it('finds one concept in all four languages', () => {
    for (const text of ['All participants', 'L’ensemble des participants', 'Toàn thể các đại biểu tham dự Hội nghị', '全参加者']) {
      expect(concepts(text), text).toContain('participate');
    }
  });

  it('reads Vietnamese the same in NFC and NFD, and with either tone placement', () => {
    const nfc = 'Ủy ban nhân dân thành phố tổ chức hội nghị về văn hóa';
    expect(concepts(nfc.normalize('NFD'))).toEqual(concepts(nfc));
    expect(concepts('Uỷ ban nhân dân thành phố tổ chức hội nghị về văn hoá')).toEqual(concepts(nfc));
    expect(concepts(nfc)).toEqual(expect.arrayContaining(['peoples-committee', 'committee', 'city', 'organise', 'conference', 'culture']));
  });

  it('matches Vietnamese words as whole syllables, with their tones', () => {
    // `thăm dò` (to probe) is not `tham dự` (to take part); a bare `điều` is "thing", not an article.
    expect(concepts('Chúng tôi thăm dò ý kiến về những điều này')).not.toContain('participate');
    expect(concepts('Chúng tôi thăm dò ý kiến về những điều này')).not.toContain('article');
    expect(concepts('Theo Điều 4 của Hiến chương')).toEqual(expect.arrayContaining(['article', 'charter']));
  });

  it('reads French elisions with either apostrophe', () => {
    expect(concepts('L’ensemble des participants')).toEqual(concepts("L'ensemble des participants"));
    expect(concepts('À l’attention de Mme Dubois')).toContain('addressee');
    expect(concepts("À l'attention de Mme Dubois")).toContain('addressee');
  });

  it('matches word stems across inflections, and only at the start of a word', () => {
    expect(concepts('le développement durable')).toEqual(expect.arrayContaining(['development', 'sustainable']));
    expect(concepts('developing countries')).toEqual(expect.arrayContaining(['development', 'country']));
    expect(concepts('underdevelopment')).not.toContain('development');
  });

  it('finds Japanese terms inside words', () => {
    expect(concepts('第3条　加盟都市は、協力を強化する。')).toEqual(expect.arrayContaining(['article', 'admission', 'urban', 'cooperation', 'strengthen']));
    expect(concepts('件名：ご招待')).toEqual(expect.arrayContaining(['subject', 'invite']));
  });

  it('reads letter header lines only where a letter has them', () => {
    expect(concepts('To: Ms Claire Dubois')).toContain('addressee');
    expect(concepts('Kính gửi: Bà Claire Dubois')).toContain('addressee');
    expect(concepts('Objet : invitation au forum')).toContain('subject');
    expect(concepts('V/v: Mời tham dự Diễn đàn')).toContain('subject');
    expect(concepts('Subject to Article 5, members pay a contribution.')).not.toContain('subject');
    expect(concepts('We look forward to: a forum')).not.toContain('addressee');
  });

  it('pairs a closing line by what it says when lengths alone cannot tell', () => {
    // The Vietnamese line is as long as the first French one; only its words say it is the second.
    const body = ['Nous remercions la ville de Hanoï pour son accueil.', 'Chúng tôi cảm ơn thành phố Hà Nội đã đón tiếp.'];
    const links = alignParagraphs({
      source: [body[0]!, 'Fait à Hanoï, le 15 avril 2023', 'Les collectivités vietnamiennes et françaises', 'L’ensemble des participants'].map((text, i) => ({
        id: `s${i}`,
        text,
      })),
      target: [body[1]!, 'Làm tại Hà Nội, ngày 15 tháng 4 năm 2023', 'Toàn thể các đại biểu tham dự Hội nghị'].map((text, i) => ({ id: `t${i}`, text })),
    });
    expect(links.map((l) => [l.source, l.target])).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], []],
      [[3], [2]],
    ]);
  });
});
