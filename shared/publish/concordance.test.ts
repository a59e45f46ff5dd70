import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConcordance, concordanceIssueKey, findUnbalancedMark, type ConcordanceIssue, type ConcordanceRow } from './concordance.js';
import { CONCORDANCE_HEADINGS, describeConcordanceIssue } from './concordanceLabels.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');
const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The 12th Assises final declaration (Hanoi, 2023), one row per gold link, all agreed. */
function assisesRows(): ConcordanceRow[] {
  const fr = paragraphsOf(read('final-declaration.fr.txt'));
  const vi = paragraphsOf(read('final-declaration.vi.txt'));
  const { links } = JSON.parse(read('final-declaration.gold.json')) as { links: { source: number[]; target: number[] }[] };
  return links.map((link, i) => ({
    id: `row-${i + 1}`,
    number: i + 1,
    status: 'agreed',
    staleLanguages: [],
    text: { fr: link.source.map((s) => fr[s]!), vi: link.target.map((t) => vi[t]!) },
  }));
}

const check = (rows: readonly ConcordanceRow[], languages = ['fr', 'vi']): ConcordanceIssue[] => checkConcordance({ languages, rows });

/** Rows with one row's text in one language replaced. */
function withText(rows: readonly ConcordanceRow[], number: number, lang: string, edit: (paragraphs: readonly string[]) => string[]): ConcordanceRow[] {
  return rows.map((row) => (row.number === number ? { ...row, text: { ...row.text, [lang]: edit(row.text[lang] ?? []) } } : row));
}

function replaceIn(rows: readonly ConcordanceRow[], number: number, lang: string, from: string, to: string): ConcordanceRow[] {
  return withText(rows, number, lang, (paragraphs) => {
    expect(
      paragraphs.some((p) => p.includes(from)),
      `row ${number} ${lang} contains ${from}`,
    ).toBe(true);
    return paragraphs.map((p) => p.replace(from, to));
  });
}

const ASSISES = assisesRows();

/**
 * Two real discrepancies of the published text, both in paragraph 1 (row 3): the French says
 * « lors des 12 èmes Assises » and « post Covid-19 », the Vietnamese neither the 12th
 * conference nor Covid-19 (it says « sau đại dịch », after the pandemic).
 */
const PUBLISHED_DISCREPANCIES: ConcordanceIssue[] = [
  { row: 'row-3', number: 3, kind: 'anchor', anchorKind: 'number', value: '12', presentIn: ['fr'], absentFrom: ['vi'] },
  { row: 'row-3', number: 3, kind: 'anchor', anchorKind: 'number', value: '19', presentIn: ['fr'], absentFrom: ['vi'] },
];

describe('the concordance check on the 12th Assises declaration', () => {
  it('finds only the two numbers the Vietnamese text really leaves out', () => {
    expect(check(ASSISES)).toEqual(PUBLISHED_DISCREPANCIES);
  });

  it('accepts the same date spelt differently in each language', () => {
    // `du 13 au 16 avril 2023` / `ngày 13 - 16/4/2023` and `le 15 avril 2023` / `ngày 15 tháng 4 năm 2023`.
    const issues = check(ASSISES);
    expect(issues.filter((i) => i.number === 2 || i.number === 15)).toEqual([]);
  });

  it('names a number deleted from the Vietnamese side, and only that', () => {
    const rows = replaceIn(ASSISES, 11, 'vi', 'Chương trình nghị sự 2030', 'Chương trình nghị sự');
    expect(check(rows)).toEqual([
      ...PUBLISHED_DISCREPANCIES,
      { row: 'row-11', number: 11, kind: 'anchor', anchorKind: 'number', value: '2030', presentIn: ['fr'], absentFrom: ['vi'] },
    ]);
  });

  it('flags a date that differs between the languages, once in each direction', () => {
    const rows = replaceIn(ASSISES, 15, 'vi', 'ngày 15 tháng 4', 'ngày 16 tháng 4');
    expect(check(rows).filter((i) => i.number === 15)).toEqual([
      { row: 'row-15', number: 15, kind: 'anchor', anchorKind: 'date', value: '15 avril 2023', presentIn: ['fr'], absentFrom: ['vi'] },
      { row: 'row-15', number: 15, kind: 'anchor', anchorKind: 'date', value: 'ngày 16 tháng 4 năm 2023', presentIn: ['vi'], absentFrom: ['fr'] },
    ]);
  });

  it('flags a place name the other language otherwise carries over, but not translated names', () => {
    // Hanoï / Hà Nội fold to one key and appear together in every other row; `Việt Nam` against
    // `vietnamiennes` or `franco-vietnamienne` is a translation, and the published text is not flagged for it.
    const rows = replaceIn(ASSISES, 15, 'vi', 'Làm tại Hà Nội,', 'Làm tại đây,');
    expect(check(rows)).toEqual([
      ...PUBLISHED_DISCREPANCIES,
      { row: 'row-15', number: 15, kind: 'anchor', anchorKind: 'name', value: 'Hanoï', presentIn: ['fr'], absentFrom: ['vi'] },
    ]);
  });

  it('reports numbering that differs between the languages', () => {
    const rows = replaceIn(ASSISES, 11, 'vi', '4. Qua các cuộc', '5. Qua các cuộc');
    expect(check(rows)).toEqual([...PUBLISHED_DISCREPANCIES, { row: 'row-11', number: 11, kind: 'numbering', labels: { fr: '4.', vi: '5.' } }]);
  });

  it('reports a numbering label dropped on one side', () => {
    const rows = replaceIn(ASSISES, 7, 'fr', '3.1. Conscientes', 'Conscientes');
    expect(check(rows)).toContainEqual({ row: 'row-7', number: 7, kind: 'numbering', labels: { fr: null, vi: '3.1.' } });
  });

  it('reports a French quotation left open', () => {
    const rows = replaceIn(ASSISES, 3, 'fr', 'post Covid-19 »', 'post Covid-19');
    expect(check(rows)).toEqual([...PUBLISHED_DISCREPANCIES, { row: 'row-3', number: 3, kind: 'unbalanced', lang: 'fr', mark: '«' }]);
  });

  it('reports an emptied cell as a missing counterpart, and checks nothing else there', () => {
    expect(check(withText(ASSISES, 15, 'vi', () => [' \u00a0'])).filter((i) => i.number === 15)).toEqual([
      { row: 'row-15', number: 15, kind: 'missing-counterpart', missing: ['vi'] },
    ]);
    expect(check(withText(ASSISES, 3, 'vi', () => []))).toEqual([{ row: 'row-3', number: 3, kind: 'missing-counterpart', missing: ['vi'] }]);
  });

  it('reports stale languages before a status that is not agreed', () => {
    const rows = ASSISES.map((row) => (row.number === 5 ? { ...row, status: 'bracketed', staleLanguages: ['vi', 'fr', 'vi'] } : row));
    expect(check(rows).filter((i) => i.number === 5)).toEqual([
      { row: 'row-5', number: 5, kind: 'stale', langs: ['fr', 'vi'] },
      { row: 'row-5', number: 5, kind: 'not-agreed', status: 'bracketed' },
    ]);
  });

  it('lists a row with pending suggestions, counted over its columns, after its other issues', () => {
    const rows = ASSISES.map((row) =>
      row.number === 7 ? { ...row, pendingSuggestions: { vi: 1, fr: 1 } } : row.number === 8 ? { ...row, pendingSuggestions: { fr: 0 } } : row,
    );
    expect(check(rows).filter((i) => i.kind === 'pending-suggestions')).toEqual([
      { row: 'row-7', number: 7, kind: 'pending-suggestions', count: 2, langs: ['fr', 'vi'] },
    ]);
    expect(
      check(rows)
        .filter((i) => i.number === 7)
        .at(-1)?.kind,
    ).toBe('pending-suggestions');
  });

  it('reads decomposed (NFD) text as its composed form', () => {
    const decomposed = ASSISES.map((row) => ({
      ...row,
      text: { fr: row.text.fr!.map((p) => p.normalize('NFD')), vi: row.text.vi!.map((p) => p.normalize('NFD')) },
    }));
    expect(check(decomposed)).toEqual(PUBLISHED_DISCREPANCIES);
    const noHanoi = replaceIn(decomposed, 15, 'vi', 'Làm tại Hà Nội,'.normalize('NFD'), 'Làm tại đây,');
    expect(check(noHanoi).filter((i) => i.number === 15)).toMatchObject([{ kind: 'anchor', anchorKind: 'name', absentFrom: ['vi'] }]);
  });

  it('runs in a few milliseconds', () => {
    const started = performance.now();
    check(ASSISES);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

/** A declaration from `[lang, paragraph]` rows, all agreed. */
function declaration(languages: readonly string[], texts: readonly (readonly string[])[]): ConcordanceRow[] {
  return texts.map((cells, i) => ({
    id: `r${i + 1}`,
    number: i + 1,
    status: 'agreed',
    staleLanguages: [],
    text: Object.fromEntries(languages.map((lang, j) => [lang, cells[j] === undefined ? [] : [cells[j]!]])),
  }));
}

describe('numbering', () => {
  const numberingIssues = (languages: string[], texts: string[][]): ConcordanceIssue[] =>
    check(declaration(languages, texts), languages).filter((i) => i.kind === 'numbering');

  it('accepts the same number written in each language’s convention', () => {
    const texts = [
      ['Article 5 Les parties conviennent.', 'Điều 5. Các bên thống nhất.'],
      ['3.1. Conscientes des enjeux.', '3.1 Ý thức rõ.'],
      ['a) la coopération ;', '(a) hợp tác;'],
      ['II. Objectifs', '2. Mục tiêu'],
      ['e) le tourisme.', 'đ) du lịch.'],
    ];
    expect(numberingIssues(['fr', 'vi'], texts)).toEqual([]);
  });

  it('matches Japanese 第5条 with Điều 5 and 一、 with I.', () => {
    expect(
      numberingIssues(
        ['ja', 'vi'],
        [
          ['第5条 締約国は合意する。', 'Điều 5. Các bên thống nhất.'],
          ['一、目的', 'I. Mục tiêu'],
        ],
      ),
    ).toEqual([]);
  });

  it('tells apart different numbers, letters and units', () => {
    const texts = [
      ['Article 5 Les parties.', 'Điều 6. Các bên.'],
      ['b) la culture.', 'a) văn hóa.'],
      ['Chapitre 2 Objectifs', 'Điều 2. Mục tiêu'],
    ];
    expect(numberingIssues(['fr', 'vi'], texts).map((i) => i.kind === 'numbering' && i.labels)).toEqual([
      { fr: 'Article 5', vi: 'Điều 6.' },
      { fr: 'b)', vi: 'a)' },
      { fr: 'Chapitre 2', vi: 'Điều 2.' },
    ]);
  });
});

describe('anchors in other scripts and spellings', () => {
  it('sees the same article, date and amount in Japanese and Vietnamese', () => {
    const rows = declaration(
      ['ja', 'vi'],
      [
        ['第5条 本宣言は2023年4月13日に東京で署名された。', 'Điều 5. Tuyên bố này được ký tại Tokyo ngày 13/04/2023.'],
        ['予算は1,000,000円とし、詳細はinfo@example.orgまで。', 'Ngân sách là 1.000.000 yên; chi tiết: info@example.org.'],
      ],
    );
    expect(check(rows, ['ja', 'vi'])).toEqual([]);
    const changed = declaration(['ja', 'vi'], [['第5条 本宣言は2023年4月13日に署名された。', 'Điều 5. Tuyên bố được ký ngày 14/04/2023.']]);
    expect(check(changed, ['ja', 'vi']).map((i) => i.kind === 'anchor' && [i.anchorKind, i.value, i.presentIn])).toEqual([
      ['date', '2023年4月13日', ['ja']],
      ['date', '14/04/2023', ['vi']],
    ]);
  });

  it('does not count a date’s day or year again as a number', () => {
    const rows = declaration(['fr', 'vi'], [['Du 13 au 16 avril 2023, à Hanoï.', 'Từ 13-16/4/2023, tại Hà Nội.']]);
    expect(check(rows)).toEqual([]);
  });

  it('reads a day written without its year as a date, the same in every language', () => {
    const rows = declaration(
      ['fr', 'vi', 'ja'],
      [['La séance d’ouverture aura lieu le 15 mai 2025.', 'Phiên khai mạc sẽ diễn ra vào ngày 15 tháng 5.', '開会セッションは5月15日に行われる。']],
    );
    expect(check(rows, ['fr', 'vi', 'ja'])).toEqual([]);
    const changed = declaration(['fr', 'vi'], [['La séance d’ouverture aura lieu le 15 mai.', 'Phiên khai mạc sẽ diễn ra vào ngày 16 tháng 5.']]);
    expect(check(changed).map((i) => i.kind === 'anchor' && [i.anchorKind, i.value, i.presentIn])).toEqual([
      ['date', '15 mai', ['fr']],
      ['date', 'ngày 16 tháng 5', ['vi']],
    ]);
  });

  it('reports e-mail addresses and links missing from a language', () => {
    const rows = declaration(['fr', 'vi'], [['Écrire à contact@cites-unies.fr ou voir www.cites-unies-france.org.', 'Liên hệ qua trang web.']]);
    expect(check(rows).map((i) => i.kind === 'anchor' && [i.anchorKind, i.value])).toEqual([
      ['email', 'contact@cites-unies.fr'],
      ['url', 'www.cites-unies-france.org'],
    ]);
  });

  it('names a person once, not once per syllable', () => {
    const rows = declaration(
      ['fr', 'vi'],
      [
        ['M. Nguyễn Văn An ouvre la séance.', 'Ông Nguyễn Văn An khai mạc phiên họp.'],
        ['Le président Nguyễn Văn An remercie les participants.', 'Chủ tịch cảm ơn các đại biểu.'],
      ],
    );
    expect(check(rows)).toEqual([{ row: 'r2', number: 2, kind: 'anchor', anchorKind: 'name', value: 'Nguyễn Văn An', presentIn: ['fr'], absentFrom: ['vi'] }]);
  });
});

describe('balanced brackets and quotes', () => {
  it.each([
    ['l’Europe et l’Asie, aujourd’hui', undefined],
    ['« Coopération décentralisée »', undefined],
    ['les points a) et b) ci-dessus', undefined],
    ['‘quoted’ and the members’ rights', undefined],
    ['「東京」で『宣言』', undefined],
    ['il a dit "oui" puis "non"', undefined],
    ['« Coopération décentralisée', '«'],
    ['Coopération » décentralisée', '»'],
    ['( [ ) ]', '['],
    ['il a dit "oui', '"'],
    ['‘quoted and l’Europe', '‘'],
    ['texte (voir annexe', '('],
    ['texte, voir annexe)', ')'],
    ['『本', '『'],
    ['“open ( quote”', '('],
  ])('%s → %s', (text, mark) => {
    expect(findUnbalancedMark(text)).toBe(mark);
  });

  it('reports each unpartnered mark once per language and row', () => {
    const rows: ConcordanceRow[] = [
      { id: 'x', number: 1, status: 'agreed', staleLanguages: [], text: { fr: ['« un', '« deux', 'trois ]'], vi: ['một', 'hai'] } },
    ];
    expect(check(rows).map(concordanceIssueKey)).toEqual(['x:unbalanced:fr:«', 'x:unbalanced:fr:]']);
  });
});

describe('wording', () => {
  const names: Record<string, Record<string, string>> = {
    en: { fr: 'French', vi: 'Vietnamese', ja: 'Japanese' },
    fr: { fr: 'français', vi: 'vietnamien', ja: 'japonais' },
    vi: { fr: 'Tiếng Pháp', vi: 'Tiếng Việt', ja: 'Tiếng Nhật' },
  };
  const say = (issue: ConcordanceIssue, ui: 'en' | 'fr' | 'vi'): string => describeConcordanceIssue(issue, ui, (l) => names[ui]![l] ?? l);
  const ref = { row: 'r', number: 7 };

  it('says each kind of issue in one sentence per interface language', () => {
    const anchor: ConcordanceIssue = { ...ref, kind: 'anchor', anchorKind: 'number', value: '2030', presentIn: ['fr'], absentFrom: ['vi'] };
    expect(say(anchor, 'en')).toBe('Row 7: the number 2030 is in French but not in Vietnamese.');
    expect(say(anchor, 'fr')).toBe('Ligne 7\u00a0: le nombre 2030 figure en français mais pas en vietnamien.');
    expect(say(anchor, 'vi')).toBe('Hàng 7: số 2030 có trong bản tiếng Pháp nhưng không có trong bản tiếng Việt.');
    const numbering: ConcordanceIssue = { ...ref, kind: 'numbering', labels: { fr: '3.', vi: null } };
    expect(say(numbering, 'en')).toBe('Row 7: numbering differs (French 3., Vietnamese none).');
    const draft: ConcordanceIssue = { ...ref, kind: 'not-agreed', status: 'draft' };
    expect(say(draft, 'en')).toBe('Row 7: status is “draft”, not agreed.');
    expect(say(draft, 'fr')).toBe('Ligne 7\u00a0: statut «\u00a0brouillon\u00a0», non adoptée.');
    expect(say(draft, 'vi')).toBe('Hàng 7: trạng thái “dự thảo”, chưa thống nhất.');
    const missing: ConcordanceIssue = { ...ref, kind: 'missing-counterpart', missing: ['vi', 'ja'] };
    expect(say(missing, 'en')).toBe('Row 7: no Vietnamese or Japanese counterpart.');
    expect(say(missing, 'fr')).toBe('Ligne 7\u00a0: pas d’équivalent en vietnamien ni en japonais.');
    expect(say({ ...ref, kind: 'unbalanced', lang: 'fr', mark: '«' }, 'en')).toBe('Row 7: unbalanced « in French.');
    expect(say({ ...ref, kind: 'stale', langs: ['fr', 'vi'] }, 'vi')).toBe('Hàng 7: bản tiếng Pháp và tiếng Việt đã thay đổi sau khi thống nhất.');
    const pending: ConcordanceIssue = { ...ref, kind: 'pending-suggestions', count: 2, langs: ['vi'] };
    expect(say(pending, 'en')).toBe('Row 7: 2 pending suggestions (Vietnamese).');
    expect(say({ ...pending, count: 1, langs: ['fr', 'vi'] }, 'en')).toBe('Row 7: 1 pending suggestion (French and Vietnamese).');
    expect(say(pending, 'fr')).toBe('Ligne 7\u00a0: 2 suggestions en attente (en vietnamien).');
    expect(say(pending, 'vi')).toBe('Hàng 7: 2 đề xuất đang chờ quyết định (bản tiếng Việt).');
    expect(CONCORDANCE_HEADINGS.fr.title).toBe('Contrôle de concordance');
  });

  it('describes every issue the Assises check finds, without placeholders', () => {
    const rows = replaceIn(replaceIn(ASSISES, 11, 'vi', '4. Qua', '5. Qua'), 5, 'fr', 'notoriété quand', 'notoriété (quand');
    for (const issue of check(rows.map((r) => (r.number === 2 ? { ...r, status: 'agreed-ad-referendum', staleLanguages: ['vi'] } : r)))) {
      for (const ui of ['en', 'fr', 'vi'] as const) expect(say(issue, ui)).toMatch(/^(Row|Ligne|Hàng) \d+(\u00a0)?: [^{}]+\.$/u);
    }
  });
});

describe('invariants', () => {
  const fragment = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '(',
      ')',
      '«',
      '»',
      '"',
      '’',
      '‘',
      '[',
      ']',
      '3.',
      '3.1. ',
      'a) ',
      'Điều 5 ',
      '第5条',
      '13/4/2023',
      '2030',
      'Hà Nội',
      'Hanoï',
      ' ',
      '\u0301',
      'www.x.org',
    ),
  );
  const paragraph = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(''));
  const languages = ['fr', 'vi', 'ja'];
  const row = fc.record({
    status: fc.constantFrom('draft', 'bracketed', 'agreed-ad-referendum', 'agreed', ''),
    staleLanguages: fc.subarray([...languages, 'xx']),
    text: fc.dictionary(fc.constantFrom(...languages), fc.array(paragraph, { maxLength: 3 })),
    pendingSuggestions: fc.dictionary(fc.constantFrom(...languages), fc.nat(3)),
  });

  it('never throws, and every issue belongs to a row of the input, with a distinct key', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.subarray(languages, { minLength: 1 }), (drafts, langs) => {
        const rows = drafts.map((r, i) => ({ ...r, id: `id-${i}`, number: drafts.length - i }));
        const issues = checkConcordance({ languages: langs, rows });
        for (const issue of issues) expect(rows.find((r) => r.id === issue.row)?.number).toBe(issue.number);
        expect(issues.map((i) => i.number)).toEqual(issues.map((i) => i.number).sort((a, b) => a - b));
        const keys = issues.map(concordanceIssueKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300, seed: 20230415 },
    );
  });
});
