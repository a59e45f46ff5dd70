import { diffArrays } from 'diff';
import type { WordChange, WordOp } from './comparison.js';
import { comparisonKey, isWhitespaceToken } from './tokenize.js';

/**
 * Beyond this many inserted plus deleted tokens in one row, Myers' diff (O(N·D)) would take
 * seconds; such a row is a rewrite anyway and is shown as one replacement between its common ends.
 */
export const MAX_EDIT_LENGTH = 2000;

/** A stretch of the diff: tokens both versions share, or tokens one version replaced. */
type Stretch =
  | { readonly kind: 'same'; readonly from: string[]; readonly to: string[] }
  | { readonly kind: 'edit'; readonly deleted: string[]; readonly inserted: string[] };

/**
 * Word-by-word difference of two token lists: every token of both versions in order, runs of one
 * op merged, deletions before insertions. Equal runs show the newer text.
 */
export function diffTokens(from: readonly string[], to: readonly string[]): WordChange[] {
  // Most rows of a new version are untouched: skip the diff for them.
  if (haveSameTokens(from, to)) return to.length === 0 ? [] : [{ op: 'equal', text: to.join('') }];
  const fromKeys = from.map(comparisonKey);
  const toKeys = to.map(comparisonKey);
  if (haveSameTokens(fromKeys, toKeys)) return [{ op: 'equal', text: to.join('') }];
  const stretches = absorbLoneSpaces(collectStretches(fromKeys, toKeys, from, to));
  return mergeRuns(stretches.flatMap(renderStretch));
}

/** Whether two word lists show any insertion or deletion. */
export function hasWordChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal');
}

function haveSameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Walks the diff of the keys, carrying the original tokens of each side along. */
function collectStretches(fromKeys: string[], toKeys: string[], from: readonly string[], to: readonly string[]): Stretch[] {
  const stretches: Stretch[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffKeys(fromKeys, toKeys)) {
    const count = change.count;
    if (!change.added && !change.removed) {
      stretches.push({ kind: 'same', from: from.slice(i, i + count), to: to.slice(j, j + count) });
      i += count;
      j += count;
      continue;
    }
    const edit = lastEdit(stretches);
    if (change.removed) {
      appendAll(edit.deleted, from.slice(i, i + count));
      i += count;
    } else {
      appendAll(edit.inserted, to.slice(j, j + count));
      j += count;
    }
  }
  return stretches;
}

/** Token counts of the diff of two key lists, bounded in time by MAX_EDIT_LENGTH. */
function diffKeys(fromKeys: string[], toKeys: string[]): { count: number; added: boolean; removed: boolean }[] {
  const changes = diffArrays(fromKeys, toKeys, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes !== undefined) return changes.map((change) => ({ count: change.value.length, added: change.added, removed: change.removed }));
  let prefix = 0;
  while (prefix < fromKeys.length && prefix < toKeys.length && fromKeys[prefix] === toKeys[prefix]) prefix++;
  let suffix = 0;
  while (suffix < fromKeys.length - prefix && suffix < toKeys.length - prefix && fromKeys.at(-1 - suffix) === toKeys.at(-1 - suffix)) suffix++;
  return [
    { count: prefix, added: false, removed: false },
    { count: fromKeys.length - prefix - suffix, added: false, removed: true },
    { count: toKeys.length - prefix - suffix, added: true, removed: false },
    { count: suffix, added: false, removed: false },
  ].filter((change) => change.count > 0);
}

// Spreading a huge token list into push() would overflow the call stack.
function appendAll(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

function lastEdit(stretches: Stretch[]): Extract<Stretch, { kind: 'edit' }> {
  const last = stretches.at(-1);
  if (last?.kind === 'edit') return last;
  const edit: Extract<Stretch, { kind: 'edit' }> = { kind: 'edit', deleted: [], inserted: [] };
  stretches.push(edit);
  return edit;
}

/**
 * A lone space kept "equal" between two replaced words reads as noise
 * (`−a +b · −c +d`); folding it into the edit gives `−a c +b d`, as a reader marks a text.
 */
function absorbLoneSpaces(stretches: Stretch[]): Stretch[] {
  const result: Stretch[] = [];
  for (let k = 0; k < stretches.length; k++) {
    const stretch = stretches[k]!;
    const previous = result.at(-1);
    const next = stretches[k + 1];
    if (stretch.kind === 'same' && previous?.kind === 'edit' && next?.kind === 'edit' && stretch.to.every(isWhitespaceToken)) {
      appendAll(previous.deleted, [...stretch.from, ...next.deleted]);
      appendAll(previous.inserted, [...stretch.to, ...next.inserted]);
      k++;
    } else {
      result.push(stretch);
    }
  }
  return result;
}

function renderStretch(stretch: Stretch): WordChange[] {
  if (stretch.kind === 'same') return [{ op: 'equal', text: stretch.to.join('') }];
  const words: WordChange[] = [];
  if (stretch.deleted.length > 0) words.push({ op: 'delete', text: stretch.deleted.join('') });
  if (stretch.inserted.length > 0) words.push({ op: 'insert', text: stretch.inserted.join('') });
  return words;
}

function mergeRuns(words: readonly WordChange[]): WordChange[] {
  const merged: { op: WordOp; text: string }[] = [];
  for (const word of words) {
    const last = merged.at(-1);
    if (last !== undefined && last.op === word.op) last.text += word.text;
    else merged.push({ ...word });
  }
  return merged;
}
