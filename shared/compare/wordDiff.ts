import { diffArrays } from 'diff';
import type { WordChange, WordOp } from './comparison.js';
import { concatSpans, isSameRaise, joinRaises, type TokenRaise } from './raisedTokens.js';
import { comparisonKey, isWhitespaceToken } from './tokenize.js';

/**
 * Beyond this many inserted plus deleted tokens in one row, Myers' diff (O(N·D)) would take
 * seconds; such a row is a rewrite anyway and is shown as one replacement between its common ends.
 */
export const MAX_EDIT_LENGTH = 2000;

/** Consecutive tokens of one version, `end` exclusive. */
interface Range {
  start: number;
  end: number;
}

/**
 * A stretch of the diff: tokens both versions share, or tokens one version replaced; each
 * side's tokens are consecutive, even once stretches are folded together. `formatting`: an edit
 * whose words are the same on both sides, only raised differently.
 */
interface Stretch {
  readonly kind: 'same' | 'edit';
  readonly from: Range;
  readonly to: Range;
  formatting: boolean;
}

/** Which characters of each token are raised, per side; a side without superscripts is absent. */
export interface TokenRaises {
  readonly from?: readonly TokenRaise[];
  readonly to?: readonly TokenRaise[];
}

/** Both versions' tokens and what each side's raised characters are. */
interface Sides {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly raises: TokenRaises;
}

/**
 * Word-by-word difference of two token lists: every token of both versions in order, runs of one
 * op merged, deletions before insertions. Equal runs show the newer text. Words are compared as
 * plain text; a word whose superscripts alone changed (`raises`) is shown deleted and inserted.
 */
export function diffTokens(from: readonly string[], to: readonly string[], raises: TokenRaises = {}): WordChange[] {
  const sides: Sides = { from, to, raises };
  const reraised = raises.from !== undefined || raises.to !== undefined;
  // Most rows of a new version are untouched: skip the diff for them.
  if (haveSameTokens(from, to) && !reraised) return to.length === 0 ? [] : [{ op: 'equal', text: to.join('') }];
  const fromKeys = from.map(comparisonKey);
  const toKeys = to.map(comparisonKey);
  let stretches = haveSameTokens(fromKeys, toKeys)
    ? [{ kind: 'same' as const, from: { start: 0, end: from.length }, to: { start: 0, end: to.length }, formatting: false }]
    : collectStretches(fromKeys, toKeys);
  if (reraised) stretches = splitReformatted(stretches, sides);
  return mergeRuns(absorbLoneSpaces(stretches, to).flatMap((stretch) => renderStretch(stretch, sides)));
}

/** Whether two word lists show any insertion or deletion. */
export function hasWordChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal');
}

function haveSameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Walks the diff of the keys into stretches of token ranges of each side. */
function collectStretches(fromKeys: string[], toKeys: string[]): Stretch[] {
  const stretches: Stretch[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffKeys(fromKeys, toKeys)) {
    const count = change.count;
    const removed = change.removed ? count : 0;
    const added = change.added ? count : 0;
    const same = removed === 0 && added === 0 ? count : 0;
    appendStretch(stretches, {
      kind: same > 0 ? 'same' : 'edit',
      from: { start: i, end: i + same + removed },
      to: { start: j, end: j + same + added },
      formatting: false,
    });
    i += same + removed;
    j += same + added;
  }
  return stretches;
}

/**
 * Cuts out of the shared stretches the tokens whose superscripts changed, as edits marked
 * `formatting`; one next to a real edit joins it.
 */
function splitReformatted(stretches: readonly Stretch[], sides: Sides): Stretch[] {
  const result: Stretch[] = [];
  for (const stretch of stretches) {
    if (stretch.kind === 'edit') {
      appendStretch(result, stretch);
      continue;
    }
    for (let k = 0; k < stretch.from.end - stretch.from.start; k++) {
      const i = stretch.from.start + k;
      const j = stretch.to.start + k;
      const same = isSameRaise(sides.to[j]!, sides.raises.from?.[i], sides.raises.to?.[j]);
      appendStretch(result, { kind: same ? 'same' : 'edit', from: { start: i, end: i + 1 }, to: { start: j, end: j + 1 }, formatting: !same });
    }
  }
  return result;
}

/** Appends a stretch, extending the last one instead when both are of the same kind. */
function appendStretch(stretches: Stretch[], stretch: Stretch): void {
  const last = stretches.at(-1);
  if (last?.kind !== stretch.kind) {
    stretches.push({ ...stretch, from: { ...stretch.from }, to: { ...stretch.to } });
    return;
  }
  last.from.end = stretch.from.end;
  last.to.end = stretch.to.end;
  last.formatting &&= stretch.formatting;
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

/**
 * A lone space kept "equal" between two replaced words reads as noise
 * (`−a +b · −c +d`); folding it into the edit gives `−a c +b d`, as a reader marks a text.
 */
function absorbLoneSpaces(stretches: readonly Stretch[], to: readonly string[]): Stretch[] {
  const result: Stretch[] = [];
  for (let k = 0; k < stretches.length; k++) {
    const stretch = stretches[k]!;
    const previous = result.at(-1);
    const next = stretches[k + 1];
    if (stretch.kind === 'same' && previous?.kind === 'edit' && next?.kind === 'edit' && to.slice(stretch.to.start, stretch.to.end).every(isWhitespaceToken)) {
      previous.from.end = next.from.end;
      previous.to.end = next.to.end;
      previous.formatting &&= next.formatting;
      k++;
    } else {
      result.push(stretch);
    }
  }
  return result;
}

function renderStretch(stretch: Stretch, sides: Sides): WordChange[] {
  if (stretch.kind === 'same') return [wordOf('equal', sides.to, sides.raises.to, stretch.to, false)];
  const words: WordChange[] = [];
  if (stretch.from.end > stretch.from.start) words.push(wordOf('delete', sides.from, sides.raises.from, stretch.from, stretch.formatting));
  if (stretch.to.end > stretch.to.start) words.push(wordOf('insert', sides.to, sides.raises.to, stretch.to, stretch.formatting));
  return words;
}

function wordOf(op: WordOp, tokens: readonly string[], raises: readonly TokenRaise[] | undefined, range: Range, formatting: boolean): WordChange {
  const slice = tokens.slice(range.start, range.end);
  const superscripts = raises === undefined ? [] : joinRaises(slice, raises.slice(range.start, range.end));
  return { op, text: slice.join(''), ...(superscripts.length > 0 ? { superscripts } : {}), ...(formatting ? { formatting: true as const } : {}) };
}

function mergeRuns(words: readonly WordChange[]): WordChange[] {
  const merged: WordChange[] = [];
  for (const word of words) {
    const last = merged.at(-1);
    if (last === undefined || last.op !== word.op) {
      merged.push(word);
      continue;
    }
    const superscripts = concatSpans(last.superscripts, last.text.length, word.superscripts);
    merged[merged.length - 1] = {
      op: word.op,
      text: last.text + word.text,
      ...(superscripts.length > 0 ? { superscripts } : {}),
      ...(last.formatting && word.formatting ? { formatting: true as const } : {}),
    };
  }
  return merged;
}
