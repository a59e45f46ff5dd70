import type { Link } from './types.js';

/** How a predicted alignment compares with a reference one, link by link. */
export interface LinkMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly correct: number;
  readonly predicted: number;
  readonly expected: number;
}

/**
 * Scores predicted links against reference links: a link counts as correct only when both of
 * its sides are exactly those of a reference link (links without counterpart included).
 */
export function compareLinks(predicted: readonly Pick<Link, 'source' | 'target'>[], expected: readonly Pick<Link, 'source' | 'target'>[]): LinkMetrics {
  const reference = new Set(expected.map(signLink));
  const correct = new Set(predicted.map(signLink).filter((s) => reference.has(s))).size;
  const precision = predicted.length === 0 ? (expected.length === 0 ? 1 : 0) : correct / predicted.length;
  const recall = expected.length === 0 ? 1 : correct / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, correct, predicted: predicted.length, expected: expected.length };
}

function signLink(link: Pick<Link, 'source' | 'target'>): string {
  return `${[...link.source].sort((a, b) => a - b).join(',')}|${[...link.target].sort((a, b) => a - b).join(',')}`;
}
