import { carriedOver, type Anchor } from './anchors.js';
import type { PreparedDocument, PreparedSide } from './document.js';
import { lengthDelta } from './lengthCost.js';
import { shareNumber } from './numbering.js';
import type { Evidence } from './types.js';

/**
 * Explains a link in words a reviewer can check against the text: which numbers, dates and
 * names it rests on, how well the lengths fit, why a lead-in went where it did.
 */
export function explainLink(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence[] {
  if (source.length === 0 || target.length === 0) return explainUnmatched(doc, source, target);
  return [
    ...explainNumbering(doc, source, target),
    ...explainAnchors(doc, source, target),
    explainLength(doc, source, target),
    ...explainLeadIn(doc, source, target),
  ];
}

function explainNumbering(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence[] {
  const s = doc.source.features[source[0]!]!.numbering;
  const t = doc.target.features[target[0]!]!.numbering;
  const sKeys = doc.source.labelKeys[source[0]!];
  const tKeys = doc.target.labelKeys[target[0]!];
  if (s && t && sKeys && tKeys) {
    const detail = shareNumber(sKeys, tKeys) ? `same number: ${s.label} ↔ ${t.label}` : `different numbers: ${s.label} ↔ ${t.label}`;
    return [{ kind: 'numbering', detail }];
  }
  if (s) return [{ kind: 'numbering', detail: `numbered ${s.label} in the source only` }];
  if (t) return [{ kind: 'numbering', detail: `numbered ${t.label} in the target only` }];
  return [];
}

function explainAnchors(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence[] {
  const sourceAnchors = collectAnchors(doc.source, source);
  const targetAnchors = collectAnchors(doc.target, target);
  const shared = [...sourceAnchors.values()].filter((a) => targetAnchors.has(a.key));
  const evidence: Evidence[] = [];
  if (shared.length > 0) {
    // The days of one range share its spelling: `13 au 16 avril 2023` is said once.
    const names = new Set(shared.map((a) => `${a.display}${describeCounterpart(targetAnchors.get(a.key)!, a)}`));
    evidence.push({ kind: 'anchor', detail: `shared: ${[...names].join(', ')}` });
  }
  const missing = new Set([
    ...findMissing(sourceAnchors, targetAnchors).map((a) => `${a.display} (source)`),
    ...findMissing(targetAnchors, sourceAnchors).map((a) => `${a.display} (target)`),
  ]);
  if (missing.size > 0) evidence.push({ kind: 'anchor', detail: `on one side only: ${[...missing].join(', ')}` });
  return evidence;
}

function explainLength(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence {
  const sourceChars = countChars(doc.source, source);
  const targetChars = countChars(doc.target, target);
  const delta = lengthDelta(sourceChars, targetChars, doc.length);
  const ratio = sourceChars > 0 ? (targetChars / sourceChars).toFixed(2) : '∞';
  return {
    kind: 'length',
    detail: `${sourceChars} ↔ ${targetChars} characters: ratio ${ratio} against ${doc.length.ratio.toFixed(2)} for the document (${delta.toFixed(1)} σ)`,
  };
}

function explainLeadIn(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence[] {
  const evidence: Evidence[] = [];
  if (doc.source.leadIn[source[0]!] === doc.target.leadIn[target[0]!]) return evidence;
  if (source.length > 1 && doc.source.leadIn[source[0]!]) {
    evidence.push({ kind: 'lead-in', detail: `“${doc.source.paras[source[0]!]!.text.trim()}” introduces the paragraph after it` });
  }
  if (target.length > 1 && doc.target.leadIn[target[0]!]) {
    evidence.push({ kind: 'lead-in', detail: `“${doc.target.paras[target[0]!]!.text.trim()}” introduces the paragraph after it` });
  }
  return evidence;
}

function explainUnmatched(doc: PreparedDocument, source: readonly number[], target: readonly number[]): Evidence[] {
  const [side, other, indices, name] =
    source.length > 0 ? ([doc.source, doc.target, source, 'target'] as const) : ([doc.target, doc.source, target, 'source'] as const);
  const first = indices[0]!;
  const label = side.features[first]!.numbering;
  const keys = side.labelKeys[first];
  if (label && keys && !other.labelKeys.some((k) => k !== undefined && shareNumber(k, keys))) {
    return [{ kind: 'numbering', detail: `no paragraph numbered ${label.label} in the ${name}` }];
  }
  return [{ kind: 'length', detail: `${countChars(side, indices)} characters that fit no ${name} paragraph nearby` }];
}

function collectAnchors(side: PreparedSide, indices: readonly number[]): Map<string, Anchor> {
  const anchors = new Map<string, Anchor>();
  for (const i of indices) for (const a of side.features[i]!.anchors) if (!anchors.has(a.key)) anchors.set(a.key, a);
  return anchors;
}

function findMissing(here: ReadonlyMap<string, Anchor>, there: ReadonlyMap<string, Anchor>): Anchor[] {
  return [...here.values()].filter((a) => carriedOver(a.kind) > 0 && !there.has(a.key));
}

function describeCounterpart(other: Anchor, mine: Anchor): string {
  return other.display === mine.display ? '' : ` ↔ ${other.display}`;
}

function countChars(side: PreparedSide, indices: readonly number[]): number {
  let chars = 0;
  for (const i of indices) chars += side.features[i]!.chars;
  return chars;
}
