import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignParagraphs, type Para } from './align.js';
import { isLeadIn } from './leadIn.js';
import { paragraphsOf } from './testing/perturb.js';

const paras = (tag: string, texts: readonly string[]): Para[] => texts.map((text, i) => ({ id: `${tag}${i}`, text }));
const shapes = (links: ReturnType<typeof alignParagraphs>) => links.map(({ source, target }) => ({ source, target }));

// Free translations, as real ones are: the English history line is a little short for its
// Vietnamese, the English agreement a little long.
const HISTORY_EN = 'The cities of Hanoi and Lyon have cooperated since 1997 on planning, water and heritage.';
const HISTORY_VI = 'Thành phố Hà Nội và thành phố Lyon đã hợp tác từ năm 1997 trong các lĩnh vực quy hoạch đô thị, nước và di sản.';
const AGREE_EN = 'The Parties agree to extend their cooperation to urban public transport from 1 January 2025 and to meet every two years to review it.';
const AGREE_VI = 'các Bên nhất trí mở rộng hợp tác sang lĩnh vực giao thông công cộng từ ngày 1 tháng 1 năm 2025 và gặp nhau hai năm một lần.';
const CLOSE_EN = 'This declaration is done in two copies, in English and Vietnamese.';
const CLOSE_VI = 'Tuyên bố này được lập thành hai bản bằng tiếng Anh và tiếng Việt.';

describe('the lead-in rule', () => {
  it('recognises short introductory lines, and only those', () => {
    for (const text of ['Now, therefore,', 'Với nhận thức rằng:', 'Considérant\u00a0:', 'Whereas', 'よって、']) expect(isLeadIn(text)).toBe(true);
    for (const text of ['DECLARATION FINALE', 'Fait à Hanoï, le 15 avril 2023', 'Les collectivités vietnamiennes et françaises', AGREE_EN]) {
      expect(isLeadIn(text)).toBe(false);
    }
  });

  it('puts a lead-in line with no counterpart of its own into the link of the line it introduces (2:1), not alone (1:0)', () => {
    // By length alone the lead-in would rather join the short history line before it (and does,
    // with LEAD_IN_BONUS set to 0); it introduces the next line and goes there.
    const en = paras('en', ['JOINT DECLARATION', HISTORY_EN, 'Now, therefore,', AGREE_EN, CLOSE_EN]);
    const vi = paras('vi', ['TUYÊN BỐ CHUNG', HISTORY_VI, `Với nhận thức rằng: ${AGREE_VI}`, CLOSE_VI]);
    const links = alignParagraphs({ source: en, target: vi });
    expect(shapes(links)).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
      { source: [2, 3], target: [2] },
      { source: [4], target: [3] },
    ]);
    expect(links[2]!.evidence.some((e) => e.kind === 'lead-in' && e.detail.includes('Now, therefore,'))).toBe(true);
  });

  it('does the same when the lead-in stands alone in the target (1:2)', () => {
    const en = paras('en', ['JOINT DECLARATION', HISTORY_EN, `Now, therefore, ${AGREE_EN.toLowerCase()}`, CLOSE_EN]);
    const vi = paras('vi', ['TUYÊN BỐ CHUNG', HISTORY_VI, 'Với nhận thức rằng:', AGREE_VI, CLOSE_VI]);
    expect(shapes(alignParagraphs({ source: en, target: vi }))).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
      { source: [2], target: [2, 3] },
      { source: [3], target: [4] },
    ]);
  });

  it('links lead-ins 1:1 when both languages write them on a line of their own', () => {
    const en = paras('en', ['JOINT DECLARATION', HISTORY_EN, 'Now, therefore,', AGREE_EN, CLOSE_EN]);
    const vi = paras('vi', ['TUYÊN BỐ CHUNG', HISTORY_VI, 'Với nhận thức rằng:', AGREE_VI, CLOSE_VI]);
    expect(shapes(alignParagraphs({ source: en, target: vi }))).toEqual([0, 1, 2, 3, 4].map((i) => ({ source: [i], target: [i] })));
  });
});

describe('a letter formula whose counterpart was dropped', () => {
  const letter = (lang: string) => paragraphsOf(readFileSync(new URL(`../../test/fixtures/align/invitation.${lang}.txt`, import.meta.url), 'utf8'), lang);

  it('stays on a row of its own instead of heading the signature (the other side shows no formula there)', () => {
    const en = letter('en');
    const fr = letter('fr').filter((p) => !p.text.startsWith('Veuillez agréer'));
    const links = shapes(alignParagraphs({ source: en, target: fr }));
    const close = en.findIndex((p) => p.text === 'Yours faithfully,');
    expect(links).toContainEqual({ source: [close], target: [] });
    expect(links).toContainEqual({ source: [close + 1], target: [fr.length - 1] });
  });

  it('still heads the paragraph it was run into, where the other side writes it', () => {
    const en = letter('en');
    const fr = letter('fr');
    const salutation = fr.findIndex((p) => p.text === 'Madame,');
    const merged = [...fr.slice(0, salutation), { ...fr[salutation + 1]!, text: `Madame, ${fr[salutation + 1]!.text}` }, ...fr.slice(salutation + 2)];
    const links = shapes(alignParagraphs({ source: en, target: merged }));
    expect(links).toContainEqual({ source: [salutation, salutation + 1], target: [salutation] });
  });
});
