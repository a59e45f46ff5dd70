import type { ConcordanceAnchorKind, ConcordanceIssue } from './concordance.js';

/** Interface languages the concordance check is worded in. */
export type ConcordanceUi = 'en' | 'fr' | 'vi';

// French typography: a no-break space before `:` and inside « ».
const NBSP = '\u00a0';

/** Title of the check's list and what it says when the list is empty. */
export const CONCORDANCE_HEADINGS: Readonly<Record<ConcordanceUi, { readonly title: string; readonly noIssues: string }>> = {
  en: { title: 'Concordance check', noIssues: 'No issues: the language versions agree.' },
  fr: { title: 'Contrôle de concordance', noIssues: `Aucun problème${NBSP}: les versions linguistiques concordent.` },
  vi: { title: 'Kiểm tra sự thống nhất', noIssues: 'Không có vấn đề nào: các bản ngôn ngữ thống nhất với nhau.' },
};

const STATUS_NAMES: Readonly<Record<ConcordanceUi, Readonly<Record<string, string>>>> = {
  en: { draft: 'draft', bracketed: 'bracketed', 'agreed-ad-referendum': 'agreed ad referendum', agreed: 'agreed' },
  fr: { draft: 'brouillon', bracketed: 'entre crochets', 'agreed-ad-referendum': 'adoptée ad referendum', agreed: 'adoptée' },
  vi: { draft: 'dự thảo', bracketed: 'trong ngoặc', 'agreed-ad-referendum': 'thống nhất ad referendum', agreed: 'đã thống nhất' },
};

const ANCHOR_NOUNS: Readonly<Record<ConcordanceUi, Readonly<Record<ConcordanceAnchorKind, string>>>> = {
  en: { number: 'the number', date: 'the date', email: 'the e-mail address', url: 'the link', name: 'the name' },
  fr: { number: 'le nombre', date: 'la date', email: 'l’adresse électronique', url: 'le lien', name: 'le nom' },
  vi: { number: 'số', date: 'ngày', email: 'địa chỉ email', url: 'đường dẫn', name: 'tên' },
};

type Name = (lang: string) => string;

/** One sentence saying what is wrong with a row, in the interface language. */
export function describeConcordanceIssue(issue: ConcordanceIssue, ui: ConcordanceUi, languageName: Name): string {
  if (ui === 'en') return describeEn(issue, languageName);
  if (ui === 'fr') return describeFr(issue, languageName);
  // Intl.DisplayNames gives `Tiếng Pháp`, capitalised as if it opened a sentence.
  return describeVi(issue, (lang) => languageName(lang).replace(/^Tiếng /u, 'tiếng '));
}

function describeEn(issue: ConcordanceIssue, name: Name): string {
  const row = `Row ${issue.number}: `;
  switch (issue.kind) {
    case 'missing-counterpart':
      return `${row}no ${list(issue.missing.map(name), 'or')} counterpart.`;
    case 'stale':
      return issue.langs.length === 1
        ? `${row}the ${name(issue.langs[0]!)} text changed after it was agreed.`
        : `${row}the ${list(issue.langs.map(name), 'and')} texts changed after they were agreed.`;
    case 'not-agreed':
      return `${row}status is “${statusName(issue.status, 'en')}”, not agreed.`;
    case 'numbering':
      return `${row}numbering differs (${numberingLabels(issue.labels, name, 'none')}).`;
    case 'anchor':
      return `${row}${ANCHOR_NOUNS.en[issue.anchorKind]} ${issue.value} is in ${list(issue.presentIn.map(name), 'and')} but not in ${list(issue.absentFrom.map(name), 'or')}.`;
    case 'unbalanced':
      return `${row}unbalanced ${issue.mark} in ${name(issue.lang)}.`;
    case 'pending-suggestions':
      return `${row}${issue.count} pending ${issue.count === 1 ? 'suggestion' : 'suggestions'} (${list(issue.langs.map(name), 'and')}).`;
  }
}

function describeFr(issue: ConcordanceIssue, name: Name): string {
  const row = `Ligne ${issue.number}${NBSP}: `;
  // `en français et en vietnamien`, `en vietnamien ni en japonais`
  const inEach = (langs: readonly string[], joiner: string): string =>
    list(
      langs.map((l) => `en ${name(l)}`),
      joiner,
    );
  switch (issue.kind) {
    case 'missing-counterpart':
      return `${row}pas d’équivalent ${inEach(issue.missing, 'ni')}.`;
    case 'stale':
      return issue.langs.length === 1
        ? `${row}le texte ${inEach(issue.langs, 'et')} a changé depuis son adoption.`
        : `${row}les textes ${inEach(issue.langs, 'et')} ont changé depuis leur adoption.`;
    case 'not-agreed':
      return `${row}statut «${NBSP}${statusName(issue.status, 'fr')}${NBSP}», non adoptée.`;
    case 'numbering':
      return `${row}la numérotation diffère (${numberingLabels(issue.labels, name, 'aucune')}).`;
    case 'anchor':
      return `${row}${ANCHOR_NOUNS.fr[issue.anchorKind]} ${issue.value} figure ${inEach(issue.presentIn, 'et')} mais pas ${inEach(issue.absentFrom, 'ni')}.`;
    case 'unbalanced':
      return `${row}signe ${issue.mark} non apparié en ${name(issue.lang)}.`;
    case 'pending-suggestions':
      return `${row}${issue.count} ${issue.count === 1 ? 'suggestion en attente' : 'suggestions en attente'} (${inEach(issue.langs, 'et')}).`;
  }
}

function describeVi(issue: ConcordanceIssue, name: Name): string {
  const row = `Hàng ${issue.number}: `;
  switch (issue.kind) {
    case 'missing-counterpart':
      return `${row}thiếu bản ${list(issue.missing.map(name), 'và')}.`;
    case 'stale':
      return `${row}bản ${list(issue.langs.map(name), 'và')} đã thay đổi sau khi thống nhất.`;
    case 'not-agreed':
      return `${row}trạng thái “${statusName(issue.status, 'vi')}”, chưa thống nhất.`;
    case 'numbering':
      return `${row}số thứ tự không khớp (${numberingLabels(issue.labels, name, 'không có')}).`;
    case 'anchor':
      return `${row}${ANCHOR_NOUNS.vi[issue.anchorKind]} ${issue.value} có trong bản ${list(issue.presentIn.map(name), 'và')} nhưng không có trong bản ${list(issue.absentFrom.map(name), 'và')}.`;
    case 'unbalanced':
      return `${row}dấu ${issue.mark} không có dấu tương ứng trong bản ${name(issue.lang)}.`;
    case 'pending-suggestions':
      return `${row}${issue.count} đề xuất đang chờ quyết định (bản ${list(issue.langs.map(name), 'và')}).`;
  }
}

function statusName(status: string, ui: ConcordanceUi): string {
  return STATUS_NAMES[ui][status] ?? status;
}

/** `French 3., Vietnamese 4.` */
function numberingLabels(labels: Readonly<Record<string, string | null>>, name: Name, none: string): string {
  return Object.entries(labels)
    .map(([lang, label]) => `${name(lang)} ${label ?? none}`)
    .join(', ');
}

/** `A`, `A and B`, `A, B and C`. */
function list(items: readonly string[], joiner: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)!}`;
}
