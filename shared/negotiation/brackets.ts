import * as Y from 'yjs';
import { DEFAULT_ROW_STATE, ROW_STATE_MAP, ROW_STATUSES, readAlignment, rowsFromAlignment, type RowStatus } from '../model/alignment.js';
import { textFragmentName } from '../model/declaration.js';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import { isParagraphId, PID_ATTRIBUTE } from '../model/paragraphIds.js';
import { toNfc } from '../text/nfc.js';

/**
 * Bracketed text: a range a delegation marks as still under negotiation, shown between square
 * brackets in the editor and in every export, optionally with alternative wordings
 * (`[option A / option B]`). In the editor it is the ProseMirror mark `bracket`; through
 * y-prosemirror it is stored as the Y.XmlText formatting attribute `bracket` whose value is
 * the mark's attributes `{ id, options }`. A bracket is known by its id: every run carrying
 * the same id, in one or several paragraphs, is the same bracket.
 */
export const BRACKET_MARK = 'bracket';

/** Between the pieces of one bracket that other text interrupts, in `Bracket.text` and exports. */
export const BRACKET_PIECE_SEPARATOR = ' … ';

/** What the `bracket` mark carries. */
export interface BracketAttrs {
  readonly id: string;
  /** Alternative wordings a delegate can pick; empty for a plain bracket. */
  readonly options: readonly string[];
}

/** An open bracket, as it stands in one paragraph of one language. */
export interface Bracket {
  readonly id: string;
  readonly lang: string;
  readonly pid: ParagraphId;
  /** The bracketed text (NFC); pieces of it that other text interrupts are joined by `BRACKET_PIECE_SEPARATOR`. */
  readonly text: string;
  /** NFC, without empty or repeated options. */
  readonly options: readonly string[];
}

/** One run of a paragraph's delta, as `Y.XmlText.toDelta()` gives it. */
export interface DeltaRun {
  readonly insert: unknown;
  readonly attributes?: Readonly<Record<string, unknown>> | undefined;
}

const HASHED_MARK_KEY = /^bracket--[a-zA-Z0-9+/=]{8}$/;

/**
 * The cleaned attributes of a bracket mark, or null when the value is not one: the id must be
 * a non-empty string; options keep only non-blank strings, NFC, each once.
 */
export function normalizeBracketAttrs(value: unknown): BracketAttrs | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, options } = value as { id?: unknown; options?: unknown };
  if (typeof id !== 'string' || id === '') return null;
  const clean: string[] = [];
  if (Array.isArray(options)) {
    for (const option of options) {
      if (typeof option !== 'string' || option.trim() === '') continue;
      const nfc = toNfc(option);
      if (!clean.includes(nfc)) clean.push(nfc);
    }
  }
  return { id, options: clean };
}

/** The bracket a run carries, if any (y-prosemirror may store the mark under `bracket--<hash>`). */
export function bracketOfRun(attributes: Readonly<Record<string, unknown>> | undefined): BracketAttrs | null {
  if (!attributes) return null;
  if (BRACKET_MARK in attributes) return normalizeBracketAttrs(attributes[BRACKET_MARK]);
  for (const key of Object.keys(attributes)) if (HASHED_MARK_KEY.test(key)) return normalizeBracketAttrs(attributes[key]);
  return null;
}

interface FlatRun {
  insert: string;
  attributes?: Record<string, unknown>;
  /** A hard break or the space between blocks, which carries no formatting of its own in Yjs. */
  structural?: boolean;
}

/**
 * The delta of a whole block (paragraph, heading or list item), as one list of runs: a hard
 * break is `\n`, the blocks inside a list item are separated by a space (as `plainText` reads
 * them). A break or space between two runs of the same bracket belongs to that bracket (Yjs
 * keeps no mark on a hard break).
 */
export function blockDelta(element: Y.XmlElement): DeltaRun[] {
  const runs: FlatRun[] = [];
  flatten(element, runs);
  const out: FlatRun[] = runs.filter((r) => r.insert !== '');
  for (let i = 0; i < out.length; i++) {
    const run = out[i]!;
    if (!run.structural) continue;
    let before: FlatRun | undefined;
    for (let j = i - 1; j >= 0 && !before; j--) if (!out[j]!.structural) before = out[j];
    let after: FlatRun | undefined;
    for (let j = i + 1; j < out.length && !after; j++) if (!out[j]!.structural) after = out[j];
    const a = bracketOfRun(before?.attributes);
    const b = bracketOfRun(after?.attributes);
    if (a && b && a.id === b.id) out[i] = { insert: run.insert, attributes: { [BRACKET_MARK]: { id: a.id, options: a.options } } };
    else out[i] = { insert: run.insert };
  }
  return out.map((r) => (r.attributes ? { insert: r.insert, attributes: r.attributes } : { insert: r.insert }));
}

function flatten(node: Y.XmlElement | Y.XmlText | Y.XmlHook, into: FlatRun[]): void {
  if (node instanceof Y.XmlText) {
    for (const d of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof d.insert !== 'string') continue;
      into.push(d.attributes ? { insert: d.insert, attributes: d.attributes } : { insert: d.insert });
    }
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  if (node.nodeName === 'hardBreak') {
    into.push({ insert: '\n', structural: true });
    return;
  }
  const children = node.toArray() as (Y.XmlElement | Y.XmlText | Y.XmlHook)[];
  // Same separator rule as `plainText`.
  const spaced = children.some((c) => c instanceof Y.XmlElement && c.nodeName === 'paragraph');
  children.forEach((child, i) => {
    if (i > 0 && spaced) into.push({ insert: ' ', structural: true });
    flatten(child, into);
  });
}

/** The alignment units of a fragment with their elements, walked as `readUnits` walks them. */
function unitElements(fragment: Y.XmlFragment): { pid: ParagraphId; element: Y.XmlElement }[] {
  const units: { pid: ParagraphId; element: Y.XmlElement }[] = [];
  const add = (element: Y.XmlElement) => {
    const pid = element.getAttribute(PID_ATTRIBUTE);
    if (isParagraphId(pid)) units.push({ pid, element });
  };
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'paragraph' || child.nodeName === 'heading') add(child);
    else if (child.nodeName === 'bulletList' || child.nodeName === 'orderedList') {
      for (const item of child.toArray()) if (item instanceof Y.XmlElement && item.nodeName === 'listItem') add(item);
    }
  }
  return units;
}

interface Piece {
  readonly bracket: BracketAttrs;
  readonly text: string;
}

/** Text and bracket pieces of a delta, in order: contiguous runs of the same bracket are one piece. */
function pieces(delta: readonly DeltaRun[]): (Piece | string)[] {
  const out: (Piece | string)[] = [];
  for (const run of delta) {
    if (typeof run.insert !== 'string' || run.insert === '') continue;
    const bracket = bracketOfRun(run.attributes);
    const last = out[out.length - 1];
    if (bracket) {
      if (last !== undefined && typeof last !== 'string' && last.bracket.id === bracket.id) {
        out[out.length - 1] = { bracket: last.bracket, text: last.text + run.insert };
      } else out.push({ bracket, text: run.insert });
    } else if (typeof last === 'string') out[out.length - 1] = last + run.insert;
    else out.push(run.insert);
  }
  return out;
}

/** Each bracket of a delta, once, in order of first appearance, with its whole text. */
function bracketsOfDelta(delta: readonly DeltaRun[]): { id: string; text: string; options: readonly string[] }[] {
  const byId = new Map<string, { texts: string[]; options: readonly string[] }>();
  for (const p of pieces(delta)) {
    if (typeof p === 'string') continue;
    const seen = byId.get(p.bracket.id);
    if (seen) seen.texts.push(p.text);
    else byId.set(p.bracket.id, { texts: [p.text], options: p.bracket.options });
  }
  return [...byId].map(([id, b]) => ({ id, text: toNfc(b.texts.join(BRACKET_PIECE_SEPARATOR)), options: b.options }));
}

/**
 * The open brackets of the given languages: one entry per bracket and paragraph (a bracket
 * drawn across two paragraphs gives two entries with the same id), in language order, then
 * reading order. Runs split by other formatting are one bracket.
 */
export function readBrackets(doc: Y.Doc, languages: readonly LanguageCode[]): Bracket[] {
  const out: Bracket[] = [];
  for (const lang of languages) {
    for (const { pid, element } of unitElements(doc.getXmlFragment(textFragmentName(lang)))) {
      for (const b of bracketsOfDelta(blockDelta(element))) out.push({ id: b.id, lang, pid, text: b.text, options: b.options });
    }
  }
  return out;
}

/** Open brackets per language (each id counted once, however many runs or paragraphs it spans). */
export function countOpenBrackets(doc: Y.Doc, languages: readonly LanguageCode[]): Record<string, number> {
  const ids = new Map<string, Set<string>>(languages.map((l) => [l as string, new Set<string>()]));
  for (const b of readBrackets(doc, languages)) ids.get(b.lang)!.add(b.id);
  return Object.fromEntries([...ids].map(([lang, set]) => [lang, set.size]));
}

/** The paragraphs (of any of the languages) holding at least one open bracket. */
export function bracketedPids(doc: Y.Doc, languages: readonly LanguageCode[]): Set<string> {
  return new Set(readBrackets(doc, languages).map((b) => b.pid as string));
}

/**
 * The status a row should have: any open bracket makes it `bracketed`, whatever it was; a
 * `bracketed` row without brackets (its last one lifted) goes back to `draft`; otherwise the
 * status stands.
 */
export function rowStatusWithBrackets(currentStatus: RowStatus, rowHasBracket: boolean): RowStatus {
  if (rowHasBracket) return 'bracketed';
  return currentStatus === 'bracketed' ? 'draft' : currentStatus;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}

/**
 * Brings every row's status in line with its brackets (`rowStatusWithBrackets`), over the rows
 * as the editor shows them (stored alignment plus rows of not yet aligned paragraphs, keyed
 * `u:<pid>`). Only entries whose status changes are written, keeping their other fields; in
 * one transaction with `origin`. Returns how many rows changed.
 */
export function applyBracketStatuses(doc: Y.Doc, languages: readonly LanguageCode[], origin: unknown): number {
  const columns = languages.map((lang) => ({ lang, pids: unitElements(doc.getXmlFragment(textFragmentName(lang))).map((u) => u.pid) }));
  const rows = rowsFromAlignment(readAlignment(doc), columns);
  const marked = bracketedPids(doc, languages);
  const states = doc.getMap<unknown>(ROW_STATE_MAP);
  const writes: [string, Record<string, unknown>][] = [];
  for (const row of rows) {
    const hasBracket = Object.values(row.cells).some((pids) => pids.some((p) => marked.has(p)));
    const raw = states.get(row.key);
    const entry = isPlainObject(raw) ? raw : null;
    const current: RowStatus = (ROW_STATUSES as readonly unknown[]).includes(entry?.status) ? (entry!.status as RowStatus) : 'draft';
    const next = rowStatusWithBrackets(current, hasBracket);
    if (next !== current) writes.push([row.key, { ...DEFAULT_ROW_STATE, ...entry, status: next }]);
  }
  if (writes.length > 0) {
    doc.transact(() => {
      for (const [key, value] of writes) states.set(key, value);
    }, origin);
  }
  return writes.length;
}

/**
 * The wordings a bracket offers besides its text, in order: the options that differ from the
 * bracketed text. `[A / B]` is the text A with the alternative B, wherever a bracket is shown
 * (the editor, exports, the fingerprinted canonical text).
 */
export function bracketAlternatives(text: string, options: readonly string[]): string[] {
  const nfc = toNfc(text);
  return options.filter((option) => option !== nfc);
}

/** What stands before a bracket's closing `]`: ` / B / C` for its alternatives, nothing without. */
export function bracketAlternativesSuffix(text: string, options: readonly string[]): string {
  return bracketAlternatives(text, options)
    .map((option) => ` / ${option}`)
    .join('');
}

/**
 * The plain text of a paragraph's delta with its brackets shown, for exports: `[text]`, or
 * `[text / option B / …]` with the options that differ from the text (after the last piece
 * of the bracket, when other text interrupts it). NFC.
 */
export function renderBracketsAsText(delta: readonly DeltaRun[]): string {
  const parts = pieces(delta);
  const whole = new Map(bracketsOfDelta(delta).map((b) => [b.id, b]));
  const lastPiece = new Map<string, number>();
  parts.forEach((p, i) => {
    if (typeof p !== 'string') lastPiece.set(p.bracket.id, i);
  });
  let out = '';
  parts.forEach((p, i) => {
    if (typeof p === 'string') {
      out += p;
      return;
    }
    let alternatives = '';
    if (lastPiece.get(p.bracket.id) === i) {
      const b = whole.get(p.bracket.id)!;
      alternatives = bracketAlternativesSuffix(b.text, b.options);
    }
    out += `[${p.text}${alternatives}]`;
  });
  return toNfc(out);
}
