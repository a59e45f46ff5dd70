import { parseArgs } from 'node:util';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseNewDeclaration } from '../../shared/model/declaration.js';
import { validateDocxSize } from '../../shared/import/limits.js';
import type { ImportProgress, ImportSource } from '../importing/importDeclaration.js';
import { importDeclaration } from '../importing/importDeclaration.js';
import { readConfig } from '../config.js';
import { openStores } from '../storage/openStores.js';
import { call, remoteFrom } from './remote.js';

/**
 * `accord import --title "…" --lang fr=FILE --lang vi=FILE [--server URL --token T] [--progress]`:
 * prints the new declaration's id and address. Without --server, writes into the local DATA_DIR.
 * Imports of a megabyte or more (any with --progress) report their steps on stderr.
 */
export async function importCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      title: { type: 'string' },
      lang: { type: 'string', multiple: true },
      both: { type: 'string' },
      languages: { type: 'string' },
      progress: { type: 'boolean' },
    },
  });
  if (!values.title) throw new Error('--title is required');
  const pairs = (values.lang ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--lang takes CODE=FILE, not "${spec}"`);
    return { lang: checkLanguageCode(spec.slice(0, eq), '--lang'), file: spec.slice(eq + 1) };
  });
  // `--both FILE` holds the languages one after the other; they are named by --lang files or by --languages.
  const listed = (values.languages ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => checkLanguageCode(code, '--languages'));
  const languages = [...new Set([...pairs.map((p) => p.lang), ...listed])];
  const sources: ImportSource[] = pairs.map(({ lang, file }) => ({ lang, ...readSourceFile(file) }));
  if (values.both) sources.push(readSourceFile(values.both));
  if (languages.length === 0) {
    throw new Error(
      values.both
        ? 'name the languages of --both FILE with --languages fr,vi'
        : 'give each language as --lang CODE=FILE (or one bilingual file as --both FILE --languages fr,vi)',
    );
  }

  const report = values.progress || sourceBytes(sources) >= PROGRESS_FROM_BYTES ? progressReporter() : undefined;
  if (values.server || process.env.ACCORD_SERVER) {
    const remote = remoteFrom(values);
    report?.(`sending ${formatMegabytes(sourceBytes(sources))} to ${remote.server}; the server reads, aligns and stores it`);
    const created = await call<{ id: string; url: string }>(remote, 'POST', '/api/declarations/import', { title: values.title, languages, sources });
    report?.('created');
    process.stdout.write(`${created.id}\n${created.url}\n`);
    return 0;
  }
  const declaration = parseNewDeclaration({ title: values.title, languages });
  if (!declaration.ok) throw new Error(declaration.reason);
  const stores = await openStores(readConfig());
  try {
    report?.(`reading ${formatMegabytes(sourceBytes(sources))}`);
    const created = await importDeclaration(stores, declaration.value, sources, null, report && ((p) => report(describeProgress(p))));
    if (!created.ok) throw new Error(`${created.code}: ${created.reason}`);
    report?.('created');
    process.stdout.write(`${created.value.id}\n/d/${created.value.id}\n`);
  } finally {
    await stores.close();
  }
  return 0;
}

/** From this size on an import takes seconds: it reports its steps on stderr (always with --progress). */
const PROGRESS_FROM_BYTES = 1_000_000;

function sourceBytes(sources: readonly ImportSource[]): number {
  let bytes = 0;
  for (const s of sources) bytes += s.text !== undefined ? Buffer.byteLength(s.text) : Math.floor(((s.docxBase64?.length ?? 0) * 3) / 4);
  return bytes;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Prints each step on stderr with the seconds since the import began; stdout keeps the result alone. */
function progressReporter(): (message: string) => void {
  const start = performance.now();
  return (message) => process.stderr.write(`import: ${((performance.now() - start) / 1000).toFixed(1)} s: ${message}\n`);
}

function describeProgress(progress: ImportProgress): string {
  switch (progress.step) {
    case 'read':
      return `read ${Object.entries(progress.paragraphs)
        .map(([lang, n]) => `${n.toLocaleString('en')} paragraphs in ${lang}`)
        .join(', ')}`;
    case 'align':
      return 'aligning the paragraphs into rows';
    case 'store':
      return `storing the declaration (${formatMegabytes(progress.bytes)})`;
  }
}

function readSourceFile(file: string): Omit<ImportSource, 'lang'> {
  const path = resolve(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  if (size === 0) throw new Error(`${file} is empty`);
  const ext = extname(path).toLowerCase();
  if (ext === '.docx') {
    // Refused before it is read into memory; what it unpacks to is checked when it is parsed.
    const allowed = validateDocxSize(size);
    if (!allowed.ok) throw new Error(`${file}: ${allowed.reason}`);
    return { fileName: basename(path), docxBase64: readFileSync(path).toString('base64') };
  }
  if (ext !== '.txt' && ext !== '.md' && ext !== '.markdown') throw new Error(`${file}: unsupported type (use .docx, .md or .txt)`);
  return { fileName: basename(path), text: readFileSync(path, 'utf8') };
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language code the world knows (`fr`, `vi`, `ja`, `pt-BR`), or a one-line refusal naming it. */
export function checkLanguageCode(code: string, option: string): string {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(code)[0];
  } catch {
    canonical = undefined;
  }
  const primary = canonical?.split('-')[0];
  if (canonical === undefined || primary === undefined || languageNames.of(primary) === undefined || primary.length > 3) {
    throw new Error(`${option}: unknown language code "${code}" (use a code such as fr, vi, en or ja)`);
  }
  return canonical;
}
