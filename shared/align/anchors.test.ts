import { describe, expect, it } from 'vitest';
import { canonicaliseNumber, extractAnchors } from './anchors.js';
import { extractDates } from './dates.js';
import { normalizeText } from './normalize.js';

const indexPreviousLinks = (text: string): string[] => extractAnchors(normalizeText(text)).map((a) => a.key);

describe('dates written differently', () => {
  it('read as one date', () => {
    for (const text of [
      'réunies le 13 avril 2023 à Hanoï',
      'ngày 13 tháng 4 năm 2023',
      'le 13/4/2023',
      '2023年4月13日に',
      'on April 13, 2023',
      'on 13 April 2023',
      'le 13.04.2023',
      '2023-04-13',
      'le 13\u00a0avril 2023',
    ]) {
      expect(
        extractDates(normalizeText(text)).dates.map((d) => d.value),
        text,
      ).toEqual(['2023-04-13']);
    }
  });

  it('read months without a day', () => {
    expect(indexPreviousLinks('vào tháng 3 năm 2025')).toEqual(['date:2025-03']);
    expect(indexPreviousLinks('2025年3月に')).toEqual(['date:2025-03']);
    expect(indexPreviousLinks('en mars 2025')).toEqual(['date:2025-03']);
  });

  it('read every day of a range or list as a date, the same in every language', () => {
    for (const text of [
      'les 15 et 16 mai 2025',
      'on 15 and 16 May 2025',
      'on May 15 and 16, 2025',
      'vào ngày 15 và 16 tháng 5 năm 2025',
      '2025年5月15日及び16日に',
      '2025年5月15日から16日まで',
      'les 15-16/5/2025',
    ]) {
      expect(indexPreviousLinks(text), text).toEqual(['date:2025-05-15', 'date:2025-05-16']);
    }
    for (const text of ['du 13 au 16 avril 2023', 'ngày 13 - 16/4/2023', 'từ ngày 13 đến ngày 16 tháng 4 năm 2023']) {
      expect(indexPreviousLinks(text), text).toEqual(['date:2023-04-13', 'date:2023-04-16']);
    }
    // Not a range: the first number is something else.
    expect(indexPreviousLinks('du 16 au 13 avril 2023').sort()).toEqual(['date:2023-04-13', 'num:16']);
  });

  it('read a day and month without a year as a day of no particular year, and not an English verb', () => {
    for (const text of ['le 15 mai à 10 heures', 'vào ngày 15 tháng 5', '5月15日午前', 'on May 15 at noon', 'on 15 May.']) {
      expect(indexPreviousLinks(text), text).toEqual(text.includes('10') ? ['date:--05-15', 'num:10'] : ['date:--05-15']);
    }
    expect(indexPreviousLinks('les 15 et 16 mai')).toEqual(['date:--05-15', 'date:--05-16']);
    expect(indexPreviousLinks('5月15日及び16日')).toEqual(['date:--05-15', 'date:--05-16']);
    expect(indexPreviousLinks('you may 15 times')).toEqual(['num:15']);
    expect(extractAnchors(normalizeText('le 15 mai.')).map((a) => [a.kind, a.display])).toEqual([['day', '15 mai']]);
  });

  it('do not read clause references or impossible dates', () => {
    expect(extractDates('voir 3.1.12').dates).toEqual([]);
    expect(extractDates('le 45/13/2023').dates).toEqual([]);
  });
});

describe('anchors that survive translation', () => {
  it('compare names without diacritics, across one or several words', () => {
    expect(indexPreviousLinks('à Hanoï')).toContain('name:hanoi');
    expect(indexPreviousLinks('tại Hà Nội')).toContain('name:hanoi');
    expect(indexPreviousLinks('in Hanoi')).toContain('name:hanoi');
    expect(indexPreviousLinks('UBND Thành Phố Hà Nội')).toContain('name:hanoi');
    expect(indexPreviousLinks('au Vietnam')).toContain('name:vietnam');
    expect(indexPreviousLinks('tại Việt Nam')).toContain('name:vietnam');
  });

  it('find acronyms, e-mail addresses, URLs and numbers', () => {
    const keys = indexPreviousLinks('Les ODD de CGLU (UCLG) : écrire à contact@uclg.org ou voir https://www.uclg.org/fr. 1 000 élus, 20 %.');
    expect(keys).toEqual(expect.arrayContaining(['name:odd', 'name:cglu', 'name:uclg', 'email:contact@uclg.org', 'url:uclg.org/fr', 'num:1000', 'num:20']));
  });

  it('stop a URL where Japanese text resumes', () => {
    expect(indexPreviousLinks('詳細はwww.hanoi.gov.vnを参照')).toContain('url:hanoi.gov.vn');
  });

  it('write one number one way', () => {
    expect(['1 000', '1.000', '1,000', '1000'].map(canonicaliseNumber).map((n) => n.replace(' ', ''))).toEqual(['1000', '1000', '1000', '1000']);
    expect(canonicaliseNumber('3,5')).toBe(canonicaliseNumber('3.5'));
    expect(canonicaliseNumber('05')).toBe('5');
  });

  it('are the same with and without French typographic spaces', () => {
    const plain = 'Le thème : « Coopération décentralisée » ; le 13 avril 2023 ! Pourquoi ?';
    const typeset = 'Le thème\u00a0: «\u202fCoopération décentralisée\u202f»\u202f; le 13\u00a0avril 2023\u202f! Pourquoi\u202f?';
    expect(indexPreviousLinks(typeset)).toEqual(indexPreviousLinks(plain));
  });

  it('ignore headings in capitals', () => {
    expect(indexPreviousLinks('DECLARATION FINALE')).toEqual([]);
    expect(indexPreviousLinks('TUYÊN BỐ CHUNG')).toEqual([]);
  });
});
