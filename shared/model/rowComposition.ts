import type { Evidence, Link } from '../align/types.js';

/** One row made from every language's links against the pivot; cells hold paragraph indices. */
export interface ComposedRow {
  /** Paragraph indices per language, in reading order (a language without any has no entry or an empty list). */
  readonly cells: Readonly<Record<string, readonly number[]>>;
  /** The lowest score of the links that made the row. */
  readonly score: number;
  /** Per language other than the pivot, the lowest score of its links in this row (absent when none went into it). */
  readonly scores: Readonly<Record<string, number>>;
  readonly evidence: readonly Evidence[];
}

/**
 * Composes the rows of a declaration in several languages from each language's links against
 * the pivot (the first language): pivot paragraphs that any language links together share a
 * row, each language's paragraphs join the row of their pivot paragraphs, and a paragraph with
 * no pivot counterpart gets a row of its own after the row its language reached last.
 */
export function composeRows(pivot: string, pivotCount: number, perLanguage: readonly { lang: string; links: readonly Link[] }[]): ComposedRow[] {
  // group[i]: the smallest pivot index in i's group
  const group = Array.from({ length: pivotCount }, (_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (const { links } of perLanguage) {
    for (const l of links) for (const i of l.source.slice(1)) group[find(i)] = find(l.source[0]!);
  }
  type Draft = { cells: Record<string, number[]>; score: number; scores: Record<string, number>; evidence: Evidence[]; at: number };
  const drafts = new Map<number, Draft>();
  const orphans: Draft[] = [];
  const draftFor = (g: number) => {
    let d = drafts.get(g);
    if (!d) drafts.set(g, (d = { cells: { [pivot]: [] }, score: 1, scores: {}, evidence: [], at: g }));
    return d;
  };
  for (let i = 0; i < pivotCount; i++) draftFor(find(i)).cells[pivot]!.push(i);
  for (const { lang, links } of perLanguage) {
    let lastGroup = -1;
    for (const l of links) {
      if (l.source.length === 0) {
        orphans.push({ cells: { [lang]: [...l.target] }, score: l.score, scores: { [lang]: l.score }, evidence: [...l.evidence], at: lastGroup + 0.5 });
        continue;
      }
      const d = draftFor(find(l.source[0]!));
      lastGroup = d.at;
      (d.cells[lang] ??= []).push(...l.target);
      d.score = Math.min(d.score, l.score);
      d.scores[lang] = Math.min(d.scores[lang] ?? 1, l.score);
      d.evidence.push(...l.evidence);
    }
  }
  // Stable: orphans placed at one spot keep their reading order.
  return [...drafts.values(), ...orphans].sort((a, b) => a.at - b.at).map(({ cells, score, scores, evidence }) => ({ cells, score, scores, evidence }));
}
