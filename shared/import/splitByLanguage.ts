import { detectLanguage, type DetectedLanguage } from './language.js';
import { importFailure, type ImportResult } from './limits.js';
import type { ImportedBlock } from './types.js';

type KnownLanguage = Exclude<DetectedLanguage, 'unknown'>;

const LANGUAGE_NAMES: Record<KnownLanguage, string> = { fr: 'French', vi: 'Vietnamese', ja: 'Japanese', en: 'English' };
// Below this a guess ("Fait à Hanoï", "TUYÊN BỐ CHUNG") is only a hint; the neighbours decide.
const STRONG_CONFIDENCE = 0.3;
const QUOTE_LENGTH = 40;

/**
 * Splits a document that holds its languages one after the other (French text, then Vietnamese)
 * into one list of blocks per expected language, keyed as given (`['fr', 'vi']` → `{ fr, vi }`).
 */
export function splitByLanguage(blocks: readonly ImportedBlock[], expected: readonly string[]): ImportResult<Record<string, ImportedBlock[]>> {
  const wanted = [...new Set(expected)];
  if (wanted.length === 0) return importFailure('wrong-language', 'the declaration has no language to import into');
  const onlyLanguage = wanted[0] as string;
  // With a single column nothing needs telling apart, even in a language we cannot recognise.
  if (wanted.length === 1 && !isKnownLanguage(primaryTag(onlyLanguage))) return { ok: true, value: { [onlyLanguage]: [...blocks] } };
  const unknown = wanted.find((tag) => !isKnownLanguage(primaryTag(tag)));
  if (unknown !== undefined) {
    return importFailure('unsupported', `text in "${unknown}" cannot be recognised automatically; import each language on its own`);
  }
  const languages = assignLanguages(blocks, wanted.map(primaryTag));
  const foreign = findForeignBlocks(blocks, languages, wanted.map(primaryTag));
  if (foreign !== undefined) return foreign;
  return groupByLanguage(blocks, languages, wanted);
}

/** "fr-CA" and "FR" both mean French to the detector. */
function primaryTag(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}

function isKnownLanguage(tag: string): tag is KnownLanguage {
  return tag in LANGUAGE_NAMES;
}

/** Gives every block a language: its own when sure, otherwise borrowed from its neighbours. */
function assignLanguages(blocks: readonly ImportedBlock[], wanted: readonly string[]): (KnownLanguage | undefined)[] {
  const guesses = blocks.map((block) => detectLanguage(block.text));
  const strong = guesses.map((guess) => (guess.lang !== 'unknown' && guess.confidence >= STRONG_CONFIDENCE ? guess.lang : undefined));
  const absorbed = absorbIsolatedBlocks(strong, wanted);
  return absorbed.map((lang, index) => {
    if (lang !== undefined) return lang;
    const before = findLanguage(absorbed, index, -1);
    const after = findLanguage(absorbed, index, +1);
    const hint = guesses[index]?.lang;
    // A weak guess that matches one side settles which side the block belongs to.
    if (hint !== undefined && (hint === before || hint === after)) return hint;
    if (before === undefined || after === undefined) return before ?? after;
    // At a switch, a title belongs to the text it announces, anything else to the text it ends.
    return blocks[index]?.kind === 'heading' ? after : before;
  });
}

/**
 * A lone block in a language the declaration does not have, between two blocks of the same
 * language, is a quotation inside that text (an English motto), not a switch. A lone block in an
 * expected language is kept: paragraph-by-paragraph bilingual layouts alternate like that.
 */
function absorbIsolatedBlocks(languages: readonly (KnownLanguage | undefined)[], wanted: readonly string[]): (KnownLanguage | undefined)[] {
  return languages.map((lang, index) => {
    if (lang === undefined || wanted.includes(lang)) return lang;
    const before = findLanguage(languages, index, -1);
    const after = findLanguage(languages, index, +1);
    return before !== undefined && before === after ? before : lang;
  });
}

function findLanguage(languages: readonly (KnownLanguage | undefined)[], from: number, step: 1 | -1): KnownLanguage | undefined {
  for (let index = from + step; index >= 0 && index < languages.length; index += step) {
    const lang = languages[index];
    if (lang !== undefined) return lang;
  }
  return undefined;
}

function findForeignBlocks(
  blocks: readonly ImportedBlock[],
  languages: readonly (KnownLanguage | undefined)[],
  wanted: readonly string[],
): ImportResult<never> | undefined {
  const foreign = languages.findIndex((lang) => lang !== undefined && !wanted.includes(lang));
  if (foreign < 0) return undefined;
  const lang = languages[foreign] as KnownLanguage;
  const count = languages.filter((other) => other === lang).length;
  return importFailure(
    'wrong-language',
    `found ${count} paragraph${count === 1 ? '' : 's'} in ${LANGUAGE_NAMES[lang]}, a language this declaration does not have ` +
      `(first: "${quote(blocks[foreign]?.text ?? '')}")`,
  );
}

function groupByLanguage(
  blocks: readonly ImportedBlock[],
  languages: readonly (KnownLanguage | undefined)[],
  wanted: readonly string[],
): ImportResult<Record<string, ImportedBlock[]>> {
  const groups: Record<string, ImportedBlock[]> = Object.fromEntries(wanted.map((tag) => [tag, []]));
  blocks.forEach((block, index) => {
    // Nothing recognisable anywhere and a single column: the blocks can only be meant for it.
    const tag = wanted.length === 1 ? wanted[0] : wanted.find((candidate) => primaryTag(candidate) === languages[index]);
    if (tag !== undefined) groups[tag]?.push(block);
  });
  const missing = wanted.find((tag) => groups[tag]?.length === 0);
  if (missing !== undefined) {
    return importFailure('wrong-language', `no ${LANGUAGE_NAMES[primaryTag(missing) as KnownLanguage]} text was found in the file`);
  }
  return { ok: true, value: groups };
}

function quote(text: string): string {
  return text.length <= QUOTE_LENGTH ? text : `${text.slice(0, QUOTE_LENGTH)}…`;
}
