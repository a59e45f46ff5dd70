import type { CanonicalRow, CanonicalText } from '../canonical.js';

/** Per language, one paragraph's text or several paragraphs' texts. */
export type RowTexts = Readonly<Record<string, string | readonly string[]>>;

/**
 * A test row: its paragraphs get pids `<id>.<lang>.<n>` unless `pids` says otherwise, so that
 * the same row id in two versions shares its pids, as a row that survived editing does.
 */
export function buildRow(id: string, texts: RowTexts, pids: Readonly<Record<string, readonly string[]>> = {}): CanonicalRow {
  const cells = Object.fromEntries(
    Object.entries(texts).map(([lang, value]) => {
      const paragraphs = typeof value === 'string' ? [value] : value;
      return [lang, paragraphs.map((text, n) => ({ pid: pids[lang]?.[n] ?? `${id}.${lang}.${n}`, text }))];
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
