import type { CanonicalRow, CanonicalText, TextSpan } from '../canonical.js';

/** A paragraph's text with its superscripts, as versions store it. */
export interface RaisedParagraph {
  readonly text: string;
  readonly superscripts: readonly TextSpan[];
}

/** One paragraph: plain text, or text with superscripts (see `raised`). */
export type ParagraphText = string | RaisedParagraph;

/** Per language, one paragraph's text or several paragraphs' texts. */
export type RowTexts = Readonly<Record<string, ParagraphText | readonly ParagraphText[]>>;

/** A paragraph written with its superscripts marked: `raised('Le 1<sup>er</sup> mai')`. */
export function raised(marked: string): RaisedParagraph {
  const superscripts: TextSpan[] = [];
  let text = '';
  for (const [k, piece] of marked.split(/<\/?sup>/u).entries()) {
    if (k % 2 === 1 && piece !== '') superscripts.push({ from: text.length, to: text.length + piece.length });
    text += piece;
  }
  return { text, superscripts };
}

/**
 * A test row: its paragraphs get pids `<id>.<lang>.<n>` unless `pids` says otherwise, so that
 * the same row id in two versions shares its pids, as a row that survived editing does.
 */
export function buildRow(id: string, texts: RowTexts, pids: Readonly<Record<string, readonly string[]>> = {}): CanonicalRow {
  const cells = Object.fromEntries(
    Object.entries(texts).map(([lang, value]) => {
      const paragraphs: readonly ParagraphText[] = typeof value === 'string' || !Array.isArray(value) ? [value as ParagraphText] : value;
      return [
        lang,
        paragraphs.map((paragraph, n) => {
          const pid = pids[lang]?.[n] ?? `${id}.${lang}.${n}`;
          return typeof paragraph === 'string' ? { pid, text: paragraph } : { pid, ...paragraph };
        }),
      ];
    }),
  );
  return { id, cells };
}

/** A test version from rows given as `[id, texts]` or as built rows. */
export function buildText(languages: readonly string[], rows: readonly (CanonicalRow | readonly [string, RowTexts])[]): CanonicalText {
  return {
    title: 'Déclaration finale',
    languages,
    rows: rows.map((row) => ('cells' in row ? row : buildRow(row[0], row[1]))),
  };
}
