import type { RowChange } from './comparison.js';

/** What a circulated comparison says around the text, so a caller can render it in any language. */
export interface ComparisonUiStrings {
  /** BCP 47 code of these strings (the document's `lang`). */
  readonly lang: string;
  /** `{from}`, `{to}`: the version labels. */
  readonly versions: string;
  readonly summaryHeading: string;
  readonly rowsAdded: string;
  readonly rowsRemoved: string;
  readonly rowsChanged: string;
  readonly rowsMoved: string;
  readonly rowsEqual: string;
  readonly language: string;
  readonly languageAdded: string;
  readonly languageRemoved: string;
  readonly languageChanged: string;
  readonly outOfStepHeading: string;
  /** `{row}`, `{changed}`, `{unchanged}`: row number and language lists. */
  readonly outOfStepItem: string;
  readonly noOutOfStep: string;
  readonly outOfStepBadge: string;
  readonly legend: string;
  readonly row: string;
  readonly changes: Readonly<Record<RowChange, string>>;
  /** Read out by screen readers before an insertion or a deletion. */
  readonly insertedMarker: string;
  readonly deletedMarker: string;
  /** Shown in HTML where a paragraph break itself was inserted or deleted. */
  readonly paragraphBreak: string;
  /** Read out after the marker of a change of superscripts alone (1er → 1ᵉʳ), which sounds unchanged. */
  readonly formattingMarker: string;
}

/** The English wording, the reference for translations. */
export const COMPARISON_STRINGS_EN: ComparisonUiStrings = {
  lang: 'en',
  versions: 'Changes from {from} to {to}',
  summaryHeading: 'Summary',
  rowsAdded: 'Rows added',
  rowsRemoved: 'Rows removed',
  rowsChanged: 'Rows changed',
  rowsMoved: 'Rows moved',
  rowsEqual: 'Rows unchanged',
  language: 'Language',
  languageAdded: 'Rows where its text was added',
  languageRemoved: 'Rows where its text was removed',
  languageChanged: 'Rows where its text changed',
  outOfStepHeading: 'Translation may be out of date',
  outOfStepItem: 'Row {row}: changed in {changed}, not in {unchanged}: translation may be out of date',
  noOutOfStep: 'No row changed in one language only.',
  outOfStepBadge: 'translation may be out of date',
  legend: 'Inserted text is underlined, deleted text is struck through.',
  row: 'Row',
  changes: { equal: 'Unchanged', changed: 'Changed', added: 'Added', removed: 'Removed', moved: 'Moved' },
  insertedMarker: '+',
  deletedMarker: '−',
  paragraphBreak: '¶',
  formattingMarker: 'superscript changed',
};

export const COMPARISON_STRINGS_FR: ComparisonUiStrings = {
  lang: 'fr',
  versions: 'Modifications de {from} à {to}',
  summaryHeading: 'Résumé',
  rowsAdded: 'Lignes ajoutées',
  rowsRemoved: 'Lignes supprimées',
  rowsChanged: 'Lignes modifiées',
  rowsMoved: 'Lignes déplacées',
  rowsEqual: 'Lignes inchangées',
  language: 'Langue',
  languageAdded: 'Lignes où son texte a été ajouté',
  languageRemoved: 'Lignes où son texte a été supprimé',
  languageChanged: 'Lignes où son texte a changé',
  outOfStepHeading: 'La traduction n’est peut-être plus à jour',
  outOfStepItem: 'Ligne {row} : modifiée en {changed}, pas en {unchanged} : la traduction n’est peut-être plus à jour',
  noOutOfStep: 'Aucune ligne modifiée dans une seule langue.',
  outOfStepBadge: 'la traduction n’est peut-être plus à jour',
  legend: 'Le texte ajouté est souligné, le texte supprimé est barré.',
  row: 'Ligne',
  changes: { equal: 'Inchangée', changed: 'Modifiée', added: 'Ajoutée', removed: 'Supprimée', moved: 'Déplacée' },
  insertedMarker: '+',
  deletedMarker: '−',
  paragraphBreak: '¶',
  formattingMarker: 'exposant modifié',
};

export const COMPARISON_STRINGS_VI: ComparisonUiStrings = {
  lang: 'vi',
  versions: 'Thay đổi từ {from} đến {to}',
  summaryHeading: 'Tóm tắt',
  rowsAdded: 'Hàng được thêm',
  rowsRemoved: 'Hàng bị xóa',
  rowsChanged: 'Hàng được sửa',
  rowsMoved: 'Hàng được di chuyển',
  rowsEqual: 'Hàng không đổi',
  language: 'Ngôn ngữ',
  languageAdded: 'Hàng có văn bản được thêm',
  languageRemoved: 'Hàng có văn bản bị xóa',
  languageChanged: 'Hàng có văn bản được sửa',
  outOfStepHeading: 'Bản dịch có thể đã lỗi thời',
  outOfStepItem: 'Hàng {row}: sửa ở bản {changed}, không sửa ở bản {unchanged}: bản dịch có thể đã lỗi thời',
  noOutOfStep: 'Không có hàng nào chỉ sửa ở một ngôn ngữ.',
  outOfStepBadge: 'bản dịch có thể đã lỗi thời',
  legend: 'Văn bản thêm được gạch dưới, văn bản xóa bị gạch ngang.',
  row: 'Hàng',
  changes: { equal: 'Không đổi', changed: 'Đã sửa', added: 'Đã thêm', removed: 'Đã xóa', moved: 'Đã di chuyển' },
  insertedMarker: '+',
  deletedMarker: '−',
  paragraphBreak: '¶',
  formattingMarker: 'đổi chỉ số trên',
};

/** The wording of a circulated comparison in each interface language. */
export const COMPARISON_STRINGS: Readonly<Record<string, ComparisonUiStrings>> = {
  en: COMPARISON_STRINGS_EN,
  fr: COMPARISON_STRINGS_FR,
  vi: COMPARISON_STRINGS_VI,
};

/** What the HTML and DOCX renderings of a comparison are told about it. */
export interface ComparisonMeta {
  readonly title: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  /** Column order; languages found in the rows but missing here are added after them. */
  readonly languages: readonly string[];
  /** Display names by code (`{ fr: 'Français' }`); the code is shown when absent. */
  readonly languageNames?: Readonly<Record<string, string>>;
  readonly uiStrings?: Partial<ComparisonUiStrings>;
}

/** The UI strings to use: the caller's, completed with the English ones. */
export function resolveUiStrings(meta: ComparisonMeta): ComparisonUiStrings {
  const given = meta.uiStrings ?? {};
  return { ...COMPARISON_STRINGS_EN, ...given, changes: { ...COMPARISON_STRINGS_EN.changes, ...given.changes } };
}

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}

/** The columns to render: the meta's languages, then any other language the rows carry. */
export function columnLanguages(meta: ComparisonMeta, rows: readonly { readonly words: Readonly<Record<string, unknown>> }[]): string[] {
  const languages = [...meta.languages];
  for (const row of rows) for (const lang of Object.keys(row.words)) if (!languages.includes(lang)) languages.push(lang);
  return languages;
}

/** A language's display name, e.g. `Français (fr)`, or just the code. */
export function languageLabel(meta: ComparisonMeta, lang: string): string {
  const name = meta.languageNames?.[lang];
  return name === undefined || name === lang ? lang : `${name} (${lang})`;
}
