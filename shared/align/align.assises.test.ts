import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignParagraphs } from './align.js';
import { compareLinks } from './linkMetrics.js';
import { deleteParagraph, insertParagraph, mergeParagraphs, paragraphsOf, splitParagraph, stripNumbering, type Bitext } from './testing/perturb.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');

/** The French and Vietnamese final declarations of the 12th Assises (Hanoi, 2023) and their gold alignment. */
const assises: Bitext = {
  source: paragraphsOf(read('final-declaration.fr.txt'), 'fr'),
  target: paragraphsOf(read('final-declaration.vi.txt'), 'vi'),
  gold: (JSON.parse(read('final-declaration.gold.json')) as { links: Bitext['gold'] }).links,
};

const NEW_FR = {
  id: 'fr-new',
  text: 'Nous saluons également la participation des jeunes, des universités et des associations, dont l’engagement a enrichi les débats de ces journées et ouvert de nouvelles pistes de coopération.',
};
const NEW_VI = {
  id: 'vi-new',
  text: 'Chúng tôi cũng hoan nghênh sự tham gia của thanh niên, các trường đại học và các hiệp hội, những người đã góp phần làm phong phú các cuộc thảo luận trong những ngày qua và mở ra những hướng hợp tác mới.',
};

function measureF1(doc: Bitext): number {
  return compareLinks(alignParagraphs({ source: doc.source, target: doc.target }), doc.gold).f1;
}

describe('the Assises declaration (French ↔ Vietnamese)', () => {
  it('has 17 paragraphs on each side', () => {
    expect(assises.source).toHaveLength(17);
    expect(assises.target).toHaveLength(17);
  });

  it('aligns exactly to the gold alignment', () => {
    const links = alignParagraphs({ source: assises.source, target: assises.target });
    expect(links.map(({ source, target }) => ({ source, target }))).toEqual(assises.gold);
  });

  it('aligns exactly to the gold alignment once all numbering is removed from both sides', () => {
    const bare = stripNumbering(assises);
    expect(bare.source.some((p) => /^\d/u.test(p.text))).toBe(false);
    const links = alignParagraphs({ source: bare.source, target: bare.target });
    expect(links.map(({ source, target }) => ({ source, target }))).toEqual(assises.gold);
  });

  it('still aligns by text when one side was renumbered throughout (numbers then disagree everywhere)', () => {
    const renumbered = assises.source.map((p) => ({ ...p, text: p.text.replace(/^(\d+)/u, (n) => String(Number(n) + 1)) }));
    const links = alignParagraphs({ source: renumbered, target: assises.target });
    expect(links.map(({ source, target }) => ({ source, target }))).toEqual(assises.gold);
  });

  it('explains its links: numbers, shared dates and names, lengths', () => {
    const links = alignParagraphs({ source: assises.source, target: assises.target });
    const first = links[2]!;
    expect(first.evidence).toContainEqual({ kind: 'numbering', detail: 'same number: 1. ↔ 1.' });
    const anchors = first.evidence
      .filter((e) => e.kind === 'anchor')
      .map((e) => e.detail)
      .join(' ');
    expect(anchors).toContain('shared: 13 au 16 avril 2023 ↔ ngày 13 đến ngày 16 tháng 4 năm 2023, Hanoï ↔ Hà Nội');
    expect(anchors).toContain('Hanoï ↔ Hà Nội');
    expect(first.evidence.some((e) => e.kind === 'length')).toBe(true);
    for (const link of links) expect(link.score).toBeGreaterThan(0.5);
  });

  it('leaves the Vietnamese subtitle unmatched when the French one is gone, though its dates are also in the next paragraph', () => {
    // `(Hanoï, du 13 au 16 avril 2023)` is in the subtitle and in paragraph 1 of both languages:
    // with the French subtitle deleted, the Vietnamese one must not ride into paragraph 1's row
    // on dates that paragraph 1 already matches.
    const doc = deleteParagraph(stripNumbering(assises), 'source', 1);
    const links = alignParagraphs({ source: doc.source, target: doc.target });
    expect(links.map(({ source, target }) => ({ source, target }))).toEqual(doc.gold);
  });

  it('is not disturbed by French typography (non-breaking spaces before ; : ! ? and inside « »)', () => {
    const typeset = assises.source.map((p) => ({
      ...p,
      text: p.text
        .replace(/ ([;:!?])/gu, '\u202f$1')
        .replace(/« /gu, '«\u00a0')
        .replace(/ »/gu, '\u00a0»'),
    }));
    expect(typeset.some((p) => p.text.includes('\u202f'))).toBe(true);
    const plain = alignParagraphs({ source: assises.source, target: assises.target });
    const fancy = alignParagraphs({ source: typeset, target: assises.target });
    expect(fancy).toEqual(plain);
  });
});

/**
 * Drafting perturbations of the Assises declaration, with and without numbering, and the
 * lowest F1 (links against the correspondingly adjusted gold) each must keep. Below 1.0 the
 * engine is honestly wrong, and the comment says why.
 */
const PERTURBATIONS: readonly { name: string; edit: (doc: Bitext) => Bitext; numbered: number; unnumbered: number }[] = [
  { name: 'as published', edit: (d) => d, numbered: 1, unnumbered: 1 },
  { name: 'two paragraphs merged in the target (3.1 + 3.2)', edit: (d) => mergeParagraphs(d, 'target', 6), numbered: 1, unnumbered: 1 },
  { name: 'two paragraphs merged in the source (closing thanks)', edit: (d) => mergeParagraphs(d, 'source', 12), numbered: 1, unnumbered: 1 },
  // Without numbers, the French paragraph after the deleted one (769 characters) fits the
  // lonely Vietnamese 3.3 (566) better by length than its true translation (618) does.
  { name: 'one paragraph deleted from the target (3.3)', edit: (d) => deleteParagraph(d, 'target', 8), numbered: 1, unnumbered: 0.88 },
  // Without numbers, the Vietnamese paragraph left alone fits the next link's length about as
  // well as standing alone (it shares only Hà Nội and Việt Nam, which half the text mentions).
  { name: 'one paragraph deleted from the source (unnumbered one)', edit: (d) => deleteParagraph(d, 'source', 3), numbered: 1, unnumbered: 0.9 },
  { name: 'one paragraph inserted in the target', edit: (d) => insertParagraph(d, 'target', 10, NEW_VI), numbered: 1, unnumbered: 1 },
  { name: 'one paragraph inserted in the source', edit: (d) => insertParagraph(d, 'source', 12, NEW_FR), numbered: 1, unnumbered: 1 },
  { name: 'one paragraph split in two in the source (3.3)', edit: (d) => splitParagraph(d, 'source', 8), numbered: 1, unnumbered: 1 },
  { name: 'one paragraph split in two in the target (3.4)', edit: (d) => splitParagraph(d, 'target', 9), numbered: 1, unnumbered: 1 },
  // The inserted Vietnamese paragraph sits next to the unnumbered closing thanks and fits the
  // French thanks better by length than its true translation does: one swap (two wrong links).
  // Without numbers the deletion above and a shifted run around the split add up.
  {
    name: 'all four at once (merge, delete, insert, split)',
    edit: (d) => splitParagraph(insertParagraph(deleteParagraph(mergeParagraphs(d, 'target', 6), 'source', 3), 'target', 11, NEW_VI), 'source', 8),
    numbered: 0.88,
    unnumbered: 0.68,
  },
];

describe('drafting perturbations of the Assises declaration (F1 of links against the adjusted gold)', () => {
  for (const { name, edit, numbered, unnumbered } of PERTURBATIONS) {
    it(`${name}: F1 ≥ ${numbered} with numbering, ≥ ${unnumbered} without`, () => {
      expect(measureF1(edit(assises))).toBeGreaterThanOrEqual(numbered);
      expect(measureF1(edit(stripNumbering(assises)))).toBeGreaterThanOrEqual(unnumbered);
    });
  }
});
