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
    },
  });
  if (!values.title) throw new Error('--title is required');
  const pairs = (values.lang ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--lang takes CODE=FILE, not "${spec}"`);
    return { lang: spec.slice(0, eq), file: spec.slice(eq + 1) };
  });
  const languages = pairs.map((p) => p.lang);
  const sources: ImportSource[] = pairs.map(({ lang, file }) => ({ lang, ...readSourceFile(file) }));
  if (values.both) sources.push(readSourceFile(values.both));
  if (languages.length === 0) throw new Error('give each language as --lang CODE=FILE');

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
