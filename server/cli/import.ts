import { parseArgs } from 'node:util';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseNewDeclaration } from '../../shared/model/declaration.js';
import { validateDocxSize } from '../../shared/import/limits.js';
import type { ImportSource } from '../importing/importDeclaration.js';
import { importDeclaration } from '../importing/importDeclaration.js';
import { readConfig } from '../config.js';
import { openStores } from '../storage/openStores.js';
import { call, remoteFrom } from './remote.js';

/**
 * `accord import --title "…" --lang fr=FILE --lang vi=FILE [--server URL --token T]`: prints the
 * new declaration's id and address. Without --server, writes into the local DATA_DIR.
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
    },
  });
  if (!values.title) throw new Error('--title is required');
  const pairs = (values.lang ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--lang takes CODE=FILE, not "${spec}"`);
    return { lang: checkLanguageCode(spec.slice(0, eq), '--lang'), file: spec.slice(eq + 1) };
  });
  // `--both FILE` holds the languages one after the other; they are named by --lang files or by --languages.
  const listed = (values.languages ?? '').split(',').map((code) => code.trim()).filter(Boolean).map((code) => checkLanguageCode(code, '--languages'));
  const languages = [...new Set([...pairs.map((p) => p.lang), ...listed])];
  const sources: ImportSource[] = pairs.map(({ lang, file }) => ({ lang, ...readSourceFile(file) }));
  if (values.both) sources.push(readSourceFile(values.both));
  if (languages.length === 0) {
    throw new Error(values.both ? 'name the languages of --both FILE with --languages fr,vi' : 'give each language as --lang CODE=FILE (or one bilingual file as --both FILE --languages fr,vi)');
  }

  if (values.server || process.env.ACCORD_SERVER) {
    const remote = remoteFrom(values);
    const created = await call<{ id: string; url: string }>(remote, 'POST', '/api/declarations/import', { title: values.title, languages, sources });
    process.stdout.write(`${created.id}\n${created.url}\n`);
    return 0;
  }
  const declaration = parseNewDeclaration({ title: values.title, languages });
  if (!declaration.ok) throw new Error(declaration.reason);
  const stores = await openStores(readConfig());
  try {
    const created = await importDeclaration(stores, declaration.value, sources, null);
    if (!created.ok) throw new Error(`${created.code}: ${created.reason}`);
    process.stdout.write(`${created.value.id}\n/d/${created.value.id}\n`);
  } finally {
    await stores.close();
  }
  return 0;
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
