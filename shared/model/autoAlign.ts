import type * as Y from 'yjs';
import { alignParagraphs } from '../align/align.js';
import type { Link, Para } from '../align/types.js';
import { ALIGNMENT_MAP, readAlignment, readRowStates, type StoredRow } from './alignment.js';
import { textFragmentName } from './declaration.js';
import { readUnits, type Unit } from './documentText.js';
import { composeRows } from './rowComposition.js';
import { applyCounterpartHints, readCounterpartHints, type CounterpartHint } from './counterparts.js';
import type { LanguageCode } from './ids.js';

/**
 * What the automatic alignment reads from the document, as plain data (structured-cloneable):
 * it can be computed in another thread and applied later, if the document did not change since.
 */
export interface AlignmentInput {
  readonly languages: readonly LanguageCode[];
  /** Each language's paragraphs (id and NFC text), in reading order. */
  readonly units: Readonly<Record<string, readonly Para[]>>;
  /** The rows as stored. */
  readonly original: readonly (readonly [string, StoredRow])[];
  /** The paragraphs typed as the counterpart of another. */
  readonly hints: readonly CounterpartHint[];
  /** Rows people confirmed: fixed whatever their shape. */
  readonly confirmed: readonly string[];
}

/** What the alignment writes: automatic rows to remove, rows to set (each differs from the stored one). */
export interface AlignmentChanges {
  readonly removed: readonly string[];
  readonly written: readonly (readonly [string, StoredRow])[];
}

/**
 * Brings the automatic rows of the `alignment` map up to date with the text. Fixed, and so
 * never re-wired by the engine, are: rows a person drew (`manual`) or confirmed, and automatic
 * rows that are complete (a paragraph in every language). The engine aligns only what lies
 * between them: paragraphs no row holds yet and rows that lack a counterpart. So editing text
 * never re-wires rows, a new paragraph stands in a row of its own until its counterpart
 * arrives, and a person merges or splits rows where the text was restructured. Each other
 * language is aligned against the first (the pivot). Only rows that differ are written; an
 * unchanged row keeps its id, and so its status. Returns rows written or removed.
 *
 * In one go: `readAlignmentInput`, `computeAlignmentChanges` (the costly part), `applyAlignmentChanges`.
 */
export function updateAutomaticAlignment(doc: Y.Doc, languages: readonly LanguageCode[], origin: unknown): number {
  const input = readAlignmentInput(doc, languages);
  if (!input) return 0;
  return applyAlignmentChanges(doc, computeAlignmentChanges(input), origin);
}

/** What `computeAlignmentChanges` needs from the document; null when there is nothing to align (fewer than two languages). */
export function readAlignmentInput(doc: Y.Doc, languages: readonly LanguageCode[]): AlignmentInput | null {
  if (languages.length < 2) return null;
  const units: Record<string, Para[]> = {};
  for (const l of languages) units[l] = readUnits(doc.getXmlFragment(textFragmentName(l))).map(asPara);
  const confirmed: string[] = [];
  for (const [key, state] of readRowStates(doc)) if (state.confirmed) confirmed.push(key);
  return { languages: [...languages], units, original: [...readAlignment(doc)], hints: readCounterpartHints(doc, languages), confirmed };
}

/** The rows to write for `input`: pure, and the part that takes time on a long declaration. */
export function computeAlignmentChanges(input: AlignmentInput): AlignmentChanges {
  const { languages } = input;
  const units = new Map(languages.map((l) => [l as string, input.units[l] ?? []]));
  const original = new Map(input.original);
  const confirmed = new Set(input.confirmed);
  const present = new Set([...units.values()].flat().map((u) => u.id));
  // A paragraph typed into a row's empty slot belongs to that row: the rows see it there first.
  const langOf = new Map([...units].flatMap(([lang, us]) => us.map((u) => [u.id, lang] as const)));
  const stored = applyCounterpartHints(original, input.hints, langOf);
  const complete = (row: StoredRow) => languages.every((l) => (row.cells[l] ?? []).some((p) => present.has(p)));
  const fixedRows = [...stored].filter(([key, row]) => row.origin === 'manual' || confirmed.has(key) || complete(row));
  const pivot = languages[0]!;
  const pivotUnits = units.get(pivot)!;

  const rows: Record<string, string[]>[] = [];
  const meta: { score: number; evidence: StoredRow['evidence'] }[] = [];
  // Per language, the links against the pivot.
  const perLanguage = languages.slice(1).map((lang) => {
    const target = units.get(lang)!;
    const links = alignParagraphs({
      source: pivotUnits,
      target,
      fixed: fixedLinks(
        fixedRows.map(([, r]) => r),
        pivot,
        lang,
        pivotUnits,
        target,
      ),
    });
    return { lang, target, links };
  });
  if (perLanguage.length === 1) {
    const { lang, target, links } = perLanguage[0]!;
    for (const link of links) {
      rows.push({ [pivot]: link.source.map((i) => pivotUnits[i]!.id), [lang]: link.target.map((j) => target[j]!.id) });
      meta.push({ score: link.score, evidence: link.evidence });
    }
  } else {
    const unitsOf = new Map<string, readonly Para[]>([[pivot, pivotUnits], ...perLanguage.map(({ lang, target }) => [lang as string, target] as const)]);
    for (const row of composeRows(pivot, pivotUnits.length, perLanguage)) {
      rows.push(Object.fromEntries(Object.entries(row.cells).map(([lang, indices]) => [lang, indices.map((i) => unitsOf.get(lang)![i]!.id)])));
      meta.push({ score: row.score, evidence: [...row.evidence] });
    }
  }

  // Keep ids of rows that did not change; name new rows after their first paragraph.
  const byShape = new Map<string, string>();
  for (const [key, row] of stored) byShape.set(shapeOf(row.cells, languages), key);
  const next = new Map<string, StoredRow>();
  rows.forEach((cells, i) => {
    const shape = shapeOf(cells, languages);
    let key = byShape.get(shape) ?? `r:${languages.map((l) => cells[l]?.[0]).find(Boolean)}`;
    for (let n = 1; next.has(key); n++) key = `r:${languages.map((l) => cells[l]?.[0]).find(Boolean)}:${n}`;
    const prior = stored.get(key);
    // A row that keeps its shape keeps everything (a fixed row comes back from the engine as "fixed").
    if (prior && (prior.origin === 'manual' || shapeOf(prior.cells, languages) === shape)) {
      next.set(key, prior);
      return;
    }
    next.set(key, { cells, origin: 'auto', score: round(meta[i]!.score), evidence: meta[i]!.evidence });
  });

  const removed = [...original].filter(([key, row]) => row.origin === 'auto' && !next.has(key)).map(([key]) => key);
  const written = [...next].filter(([key, row]) => {
    const prior = original.get(key);
    return !(prior && sameRow(prior, row));
  });
  return { removed, written };
}

/** Writes `changes` in one transaction with `origin`; returns rows written or removed. */
export function applyAlignmentChanges(doc: Y.Doc, changes: AlignmentChanges, origin: unknown): number {
  if (changes.removed.length + changes.written.length === 0) return 0;
  const map = doc.getMap(ALIGNMENT_MAP);
  doc.transact(() => {
    for (const key of changes.removed) map.delete(key);
    for (const [key, row] of changes.written) map.set(key, row);
  }, origin);
  return changes.removed.length + changes.written.length;
}

function asPara(u: Unit): Para {
  return { id: u.pid, text: u.text };
}

/** Fixed rows as engine links between the pivot and one language (skipped if not contiguous). */
function fixedLinks(rows: readonly StoredRow[], pivot: string, lang: string, source: readonly Para[], target: readonly Para[]): Link[] {
  const si = new Map(source.map((u, i) => [u.id, i]));
  const ti = new Map(target.map((u, i) => [u.id, i]));
  const links: Link[] = [];
  for (const row of rows) {
    const s = (row.cells[pivot] ?? []).map((p) => si.get(p)).filter((i): i is number => i !== undefined);
    const t = (row.cells[lang] ?? []).map((p) => ti.get(p)).filter((i): i is number => i !== undefined);
    if (s.length + t.length === 0 || !contiguous(s) || !contiguous(t)) continue;
    // A kept row keeps its own score and evidence; the engine only has to leave it alone.
    links.push({ source: s, target: t, score: row.score, evidence: row.evidence as Link['evidence'] });
  }
  links.sort((a, b) => (a.source[0] ?? Infinity) - (b.source[0] ?? Infinity) || (a.target[0] ?? Infinity) - (b.target[0] ?? Infinity));
  // Fixed links must not cross one another: keep the ones that read in order on both sides.
  const kept: Link[] = [];
  let lastS = -1;
  let lastT = -1;
  for (const l of links) {
    const s0 = l.source[0] ?? lastS + 0.5;
    const t0 = l.target[0] ?? lastT + 0.5;
    if (s0 <= lastS || t0 <= lastT) continue;
    kept.push(l);
    lastS = l.source[l.source.length - 1] ?? lastS;
    lastT = l.target[l.target.length - 1] ?? lastT;
  }
  return kept;
}

function contiguous(xs: readonly number[]): boolean {
  return xs.every((x, i) => i === 0 || x === xs[i - 1]! + 1);
}

function shapeOf(cells: Readonly<Record<string, readonly string[]>>, languages: readonly string[]): string {
  return languages.map((l) => (cells[l] ?? []).join(',')).join('|');
}

function sameRow(a: StoredRow, b: StoredRow): boolean {
  return (
    a.origin === b.origin &&
    a.score === b.score &&
    JSON.stringify(a.cells) === JSON.stringify(b.cells) &&
    JSON.stringify(a.evidence) === JSON.stringify(b.evidence)
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
