import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignParagraphs, type Para } from './align.js';
import { paragraphsOf } from './testing/perturb.js';

const paras = (tag: string, texts: readonly string[]): Para[] => texts.map((text, i) => ({ id: `${tag}${i}`, text }));
const shapes = (links: ReturnType<typeof alignParagraphs>) => links.map(({ source, target }) => ({ source, target }));

describe('Vietnamese ↔ Japanese (no spaces in Japanese, dates spelled differently)', () => {
  const vi = paras('vi', [
    'TUYÊN BỐ CHUNG VỀ HỢP TÁC GIỮA THÀNH PHỐ HÀ NỘI VÀ TỈNH FUKUOKA',
    'Ngày 5 tháng 9 năm 2024, tại Hà Nội, đại diện Ủy ban nhân dân thành phố Hà Nội và Chính quyền tỉnh Fukuoka đã gặp gỡ nhân dịp kỷ niệm 10 năm thiết lập quan hệ hữu nghị.',
    '1. Hai bên nhất trí tăng cường hợp tác trong lĩnh vực quản lý đô thị, xử lý nước thải và giao thông công cộng, trên cơ sở kết quả của dự án thí điểm triển khai từ năm 2019.',
    '2. Hai bên sẽ trao đổi đoàn cán bộ, chuyên gia và sinh viên hằng năm.',
    'Mỗi năm tối thiểu 20 người được cử sang học tập và làm việc tại địa phương đối tác.',
    '3. Tỉnh Fukuoka sẽ hỗ trợ Hà Nội tổ chức Diễn đàn ODA về phát triển bền vững vào tháng 3 năm 2025.',
    'Mọi liên hệ xin gửi về địa chỉ hoptac@hanoi.gov.vn hoặc tham khảo trang www.hanoi.gov.vn.',
    'Làm tại Hà Nội, ngày 5 tháng 9 năm 2024, thành hai bản bằng tiếng Việt và tiếng Nhật, có giá trị như nhau.',
  ]);
  const ja = paras('ja', [
    'ハノイ市と福岡県の協力に関する共同声明',
    '2024年9月5日、ハノイにおいて、ハノイ市人民委員会と福岡県の代表は、友好関係樹立10周年を記念して会談した。',
    '１．双方は、2019年から実施されたパイロット事業の成果に基づき、都市管理、下水処理及び公共交通の分野における協力を強化することで一致した。',
    '２．双方は、毎年、職員、専門家及び学生の代表団を交換する。毎年少なくとも20名を相手方の地域に派遣し、研修及び就労の機会を提供する。',
    '３．福岡県は、ハノイ市が2025年3月に持続可能な開発に関するODAフォーラムを開催することを支援する。',
    '連絡先：hoptac@hanoi.gov.vn（詳細はwww.hanoi.gov.vnを参照）。',
    '本声明は、2024年9月5日にハノイにおいて、ベトナム語及び日本語により各2部作成され、両本文は等しく正文である。',
  ]);

  it('aligns item by item, the Vietnamese item written as two paragraphs against one Japanese (2:1)', () => {
    expect(shapes(alignParagraphs({ source: vi, target: ja }))).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
      { source: [2], target: [2] },
      { source: [3, 4], target: [3] },
      { source: [5], target: [4] },
      { source: [6], target: [5] },
      { source: [7], target: [6] },
    ]);
  });

  it('rests on full-width numbering, dates in both spellings, e-mail and URL', () => {
    const links = alignParagraphs({ source: vi, target: ja });
    const details = links.flatMap((l) => l.evidence.map((e) => e.detail));
    expect(details).toContain('same number: 2. ↔ 2.');
    expect(details.some((d) => d.includes('Ngày 5 tháng 9 năm 2024 ↔ 2024年9月5日'))).toBe(true);
    expect(details.some((d) => d.includes('tháng 3 năm 2025 ↔ 2025年3月'))).toBe(true);
    expect(details.some((d) => d.includes('hoptac@hanoi.gov.vn') && d.includes('www.hanoi.gov.vn'))).toBe(true);
  });

  it('aligns the same way in the other direction', () => {
    const links = shapes(alignParagraphs({ source: ja, target: vi }));
    expect(links[3]).toEqual({ source: [3], target: [3, 4] });
    expect(links).toHaveLength(7);
  });
});

describe('French ↔ English (roman numbering, translated acronyms, one French paragraph split in English)', () => {
  const fr = paras('fr', [
    'DÉCLARATION DE LYON SUR LES VILLES DURABLES',
    'Nous, maires et élus locaux réunis à Lyon le 13\u00a0avril 2023 à l’invitation de Cités et Gouvernements Locaux Unis (CGLU) pour parler de «\u202fvilles durables\u202f»\u00a0:',
    'I. Réaffirmons notre engagement en faveur des Objectifs de développement durable (ODD) et de l’Agenda 2030\u202f; nous voulons que chaque ville publie un rapport local volontaire d’ici 2025.',
    'II. Demandons aux États de consacrer au moins 20\u00a0% des fonds climat aux collectivités locales et de simplifier l’accès au financement\u202f; les procédures actuelles excluent trop souvent les petites communes.',
    'III. Décidons de nous retrouver à Hanoï en 2026 pour dresser un premier bilan.',
    'Contact\u00a0: secretariat@uclg.org — https://www.uclg.org/fr',
    'Fait à Lyon, le 13\u00a0avril 2023.',
  ]);
  const en = paras('en', [
    'LYON DECLARATION ON SUSTAINABLE CITIES',
    'We, mayors and local elected representatives gathered in Lyon on April 13, 2023 at the invitation of United Cities and Local Governments (UCLG) to discuss “sustainable cities”:',
    'I. Reaffirm our commitment to the Sustainable Development Goals (SDGs) and the 2030 Agenda; we want every city to publish a voluntary local review by 2025.',
    'II. Call on States to devote at least 20% of climate funds to local governments.',
    'We also ask them to simplify access to finance, as current procedures too often exclude small municipalities.',
    'III. Resolve to meet again in Hanoi in 2026 to take stock.',
    'Contact: secretariat@uclg.org — https://www.uclg.org/en',
    'Done in Lyon, 13 April 2023.',
  ]);

  it('aligns article by article, the split paragraph as 1:2', () => {
    expect(shapes(alignParagraphs({ source: fr, target: en }))).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
      { source: [2], target: [2] },
      { source: [3], target: [3, 4] },
      { source: [4], target: [5] },
      { source: [5], target: [6] },
      { source: [6], target: [7] },
    ]);
  });

  it('matches dates across spellings and names without diacritics (Hanoï = Hanoi)', () => {
    const links = alignParagraphs({ source: fr, target: en });
    const collectAnchors = (k: number) =>
      links[k]!.evidence.filter((e) => e.kind === 'anchor')
        .map((e) => e.detail)
        .join(' ');
    expect(collectAnchors(1)).toContain('13 avril 2023 ↔ April 13, 2023');
    expect(collectAnchors(4)).toContain('Hanoï ↔ Hanoi');
    expect(collectAnchors(6)).toContain('13 avril 2023 ↔ 13 April 2023');
    expect(links[3]!.evidence).toContainEqual({ kind: 'numbering', detail: 'same number: II. ↔ II.' });
  });

  it('takes different numbers as strong evidence against a link', () => {
    // The English drops article II entirely: the engine must not pair French II with English III.
    const shortened = [...en.slice(0, 3), ...en.slice(5)];
    const links = shapes(alignParagraphs({ source: fr, target: shortened }));
    expect(links).toContainEqual({ source: [3], target: [] });
    expect(links).toContainEqual({ source: [4], target: [3] });
  });
});

describe('what a translation carries over: dates, and names this pair writes alike', () => {
  const letter = (lang: string) => paragraphsOf(readFileSync(new URL(`../../test/fixtures/align/invitation.${lang}.txt`, import.meta.url), 'utf8'), lang);

  it('leaves unmatched the paragraph whose date the other side has nowhere, rather than its neighbour of a better length', () => {
    // The Vietnamese paragraph with `ngày 15 tháng 5` and 1998 is gone; the Japanese one with
    // `5月15日` and 1998 has no counterpart, and the organisers' paragraph after it keeps its own.
    const ja = letter('ja');
    const vi = letter('vi');
    const dated = vi.findIndex((p) => p.text.includes('ngày 15 tháng 5'));
    expect(ja[dated]!.text).toContain('5月15日');
    const links = shapes(alignParagraphs({ source: ja, target: vi.filter((_, i) => i !== dated) }));
    expect(links).toContainEqual({ source: [dated], target: [] });
    expect(links).toContainEqual({ source: [dated + 1], target: [dated] });
  });

  it('leaves a short line alone when its counterpart is gone, its name (Hanoi, written in both columns) absent from the paragraph it could join', () => {
    const en = letter('en');
    const vi = letter('vi');
    const welcome = en.findIndex((p) => p.text.startsWith('We look forward to welcoming you to Hanoi'));
    const links = shapes(alignParagraphs({ source: en, target: vi.filter((_, i) => i !== welcome) }));
    expect(links).toContainEqual({ source: [welcome], target: [] });
    expect(links).toContainEqual({ source: [welcome - 1], target: [welcome - 1] });
  });

  it('still pairs two paragraphs whose dates disagree by a typo, when nothing else is wrong', () => {
    const fr = letter('fr');
    const en = letter('en');
    const typo = en.map((p) => ({ ...p, text: p.text.replace('15 and 16 May 2025', '15 and 17 May 2025').replace('10 April 2025', '11 April 2025') }));
    expect(typo).not.toEqual(en);
    expect(shapes(alignParagraphs({ source: fr, target: typo }))).toEqual(fr.map((_, i) => ({ source: [i], target: [i] })));
  });
});
