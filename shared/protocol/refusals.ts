import { parseLanguageCode, type LanguageCode } from '../model/ids.js';

/**
 * Why the server refused a change, as its permission-denied message and close reason carry it:
 * a topic that programs branch on, then words for people (`column vi: writes to "text:vi"`).
 * Encoded and decoded here only, so that no client reads the server's prose.
 */
export type RefusalTopic =
  /** The declaration is frozen: nobody changes its text. */
  | { readonly kind: 'frozen' }
  /** The change writes a language column the writer may not write. */
  | { readonly kind: 'column'; readonly lang: LanguageCode }
  /** Anything else: the words say what. */
  | { readonly kind: 'other' };

const TEXT_ROOT = /^text:(.+)$/;
const ENCODED = /^(frozen|column ([^:]+)): /;

export function encodeRefusal(topic: RefusalTopic, words: string): string {
  switch (topic.kind) {
    case 'frozen':
      return `frozen: ${words}`;
    case 'column':
      return `column ${topic.lang}: ${words}`;
    case 'other':
      return words;
  }
}

export function decodeRefusal(reason: string): { readonly topic: RefusalTopic; readonly words: string } {
  const match = ENCODED.exec(reason);
  if (!match) return { topic: { kind: 'other' }, words: reason };
  const words = reason.slice(match[0].length);
  if (match[1] === 'frozen') return { topic: { kind: 'frozen' }, words };
  const lang = parseLanguageCode(match[2]);
  return lang.ok ? { topic: { kind: 'column', lang: lang.value }, words } : { topic: { kind: 'other' }, words: reason };
}

/** The topic of a refused write to the shared type named `root`: a language column, or other. */
export function topicOfRoot(root: string): RefusalTopic {
  const text = TEXT_ROOT.exec(root);
  const lang = text ? parseLanguageCode(text[1]) : null;
  return lang?.ok ? { kind: 'column', lang: lang.value } : { kind: 'other' };
}
