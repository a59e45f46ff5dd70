import type { ComparedRow, Comparison, ComparisonSummary, WordChange } from './comparison.js';
import { columnLanguages, fillTemplate, languageLabel, resolveUiStrings, type ComparisonMeta, type ComparisonUiStrings } from './labels.js';
import { splitLanguagesByChange } from './languageChange.js';
import { raisedRuns } from '../text/raisedRuns.js';

export type { ComparisonMeta, ComparisonUiStrings } from './labels.js';

/** What every part of the page needs to know. */
interface Page {
  readonly meta: ComparisonMeta;
  readonly strings: ComparisonUiStrings;
  readonly languages: readonly string[];
}

// Changes are marked by underline / strike-through and a spoken marker, never by colour alone.
const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; vertical-align: top; text-align: start; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
th.row, td.row { width: 7rem; }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #d9f2d9; }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: #f8d7d7; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.badge { display: block; font-weight: bold; border: 1px solid currentColor; padding: 0 0.25rem; margin-top: 0.25rem; font-size: 0.85em; }
tr.removed td.text, tr.added td.text { font-style: italic; }
.summary dl { display: grid; grid-template-columns: max-content auto; gap: 0 1rem; }
.summary dd { margin: 0; }
@media print { body { margin: 0; } tr { break-inside: avoid; } }
`;

/** Renders a comparison as one self-contained HTML page (inline CSS, no script, nothing fetched). */
export function renderComparisonHtml(comparison: Comparison, meta: ComparisonMeta): string {
  const page: Page = { meta, strings: resolveUiStrings(meta), languages: columnLanguages(meta, comparison.rows) };
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(page.strings.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even if some text escaped escaping, nothing could run or load.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(meta.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(meta.title)}</h1>`,
    `<p>${fillEscaped(page.strings.versions, { from: meta.fromLabel, to: meta.toLabel })}</p>`,
    renderSummary(comparison, page),
    `<p>${escapeHtml(page.strings.legend)}</p>`,
    renderRows(comparison.rows, page),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Escapes text for HTML content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

function fillEscaped(template: string, values: Readonly<Record<string, string>>): string {
  const escaped = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeHtml(value)]));
  return fillTemplate(escapeHtml(template), escaped);
}

function renderSummary(comparison: Comparison, page: Page): string {
  const { strings } = page;
  const s: ComparisonSummary = comparison.summary;
  const counts: [string, number][] = [
    [strings.rowsChanged, s.rowsChanged],
    [strings.rowsAdded, s.rowsAdded],
    [strings.rowsRemoved, s.rowsRemoved],
    [strings.rowsMoved, s.rowsMoved],
    [strings.rowsEqual, s.rowsEqual],
  ];
  return [
    '<section class="summary">',
    `<h2>${escapeHtml(strings.summaryHeading)}</h2>`,
    `<dl>${counts.map(([label, n]) => `<dt>${escapeHtml(label)}</dt><dd>${n}</dd>`).join('')}</dl>`,
    renderLanguageTable(s, page),
    renderOutOfStep(comparison.rows, page),
    '</section>',
  ].join('\n');
}

function renderLanguageTable(summary: ComparisonSummary, page: Page): string {
  const { strings } = page;
  const head = [strings.language, strings.languageAdded, strings.languageRemoved, strings.languageChanged];
  const body = page.languages.map((lang) => {
    const tally = summary.perLanguage[lang] ?? { added: 0, removed: 0, changed: 0 };
    return `<tr><th scope="row">${escapeHtml(languageLabel(page.meta, lang))}</th><td>${tally.added}</td><td>${tally.removed}</td><td>${tally.changed}</td></tr>`;
  });
  return `<table class="languages"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function renderOutOfStep(rows: readonly ComparedRow[], page: Page): string {
  const { strings } = page;
  const names = (langs: readonly string[]): string => langs.map((lang) => languageLabel(page.meta, lang)).join(', ');
  const items = rows.flatMap((row, k) => {
    if (!row.outOfStep) return [];
    const { changed, unchanged } = splitLanguagesByChange(row.words);
    const text = fillEscaped(strings.outOfStepItem, { row: String(k + 1), changed: names(changed), unchanged: names(unchanged) });
    return [`<li><a href="#row-${k + 1}">${text}</a></li>`];
  });
  const body = items.length === 0 ? `<p>${escapeHtml(strings.noOutOfStep)}</p>` : `<ul>${items.join('')}</ul>`;
  return `<h3>${escapeHtml(strings.outOfStepHeading)}</h3>\n${body}`;
}

function renderRows(rows: readonly ComparedRow[], page: Page): string {
  const head = [`<th scope="col" class="row">${escapeHtml(page.strings.row)}</th>`];
  for (const lang of page.languages) head.push(`<th scope="col" lang="${escapeHtml(lang)}">${escapeHtml(languageLabel(page.meta, lang))}</th>`);
  const body = rows.map((row, k) => renderRow(row, k + 1, page));
  return `<table class="rows">\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function renderRow(row: ComparedRow, number: number, page: Page): string {
  const { strings } = page;
  const badge = row.outOfStep ? `<span class="badge">⚠ ${escapeHtml(strings.outOfStepBadge)}</span>` : '';
  const label = `<th scope="row" class="row">${number}. ${escapeHtml(strings.changes[row.change])}${badge}</th>`;
  const cells = page.languages.map((lang) => `<td class="text" lang="${escapeHtml(lang)}" dir="auto">${renderWords(row.words[lang] ?? [], strings)}</td>`);
  return `<tr id="row-${number}" class="${escapeHtml(row.change)}">${label}${cells.join('')}</tr>`;
}

function renderWords(words: readonly WordChange[], strings: ComparisonUiStrings): string {
  return words.map((word) => renderWord(word, strings)).join('');
}

function renderWord(word: WordChange, strings: ComparisonUiStrings): string {
  if (word.op === 'equal') return renderRaised(word, (text) => escapeHtml(text));
  // A paragraph break that was itself added or removed would be invisible: show a pilcrow.
  const text = renderRaised(word, (piece) => escapeHtml(piece).replace(/\n/gu, `${escapeHtml(strings.paragraphBreak)}\n`));
  const [tag, marker] = word.op === 'insert' ? ['ins', strings.insertedMarker] : ['del', strings.deletedMarker];
  // A change of superscripts alone reads aloud as no change at all: say what changed.
  const spoken = word.formatting ? `${marker} (${strings.formattingMarker})` : marker;
  // A pending suggestion ("with suggestions") names who proposed it.
  const by = word.suggestion
    ? ` data-suggestion-by="${escapeHtml(word.suggestion.author.delegation)}" title="${escapeHtml(`${word.suggestion.author.name} (${word.suggestion.author.delegation})`)}"`
    : '';
  return `<${tag}${by}><span class="sr-only">${escapeHtml(spoken)} </span>${text}</${tag}>`;
}

/** A word's text, each piece escaped by `escapePiece` and its raised pieces in <sup>. */
function renderRaised(word: WordChange, escapePiece: (text: string) => string): string {
  return raisedRuns(word.text, word.superscripts)
    .map((run) => (run.superscript ? `<sup>${escapePiece(run.text)}</sup>` : escapePiece(run.text)))
    .join('');
}
