import { Hono } from 'hono';
import { parseNewDeclaration } from '../../shared/model/declaration.js';
import { parseLanguageCode, type LanguageCode } from '../../shared/model/ids.js';
import type { ImportFailure } from '../../shared/import/limits.js';
import { findUnsureRows } from '../../shared/import/unsureRows.js';
import type { CreateDeclarationResponse, ImportPreviewResponse } from '../../shared/protocol/api.js';
import { importDeclaration, readSources, type ImportSource } from '../importing/importDeclaration.js';
import { ApiError } from './errors.js';
import { publicBase, readJson, requireUnscopedSecretariat, type AppDeps, type Env } from './context.js';

/** Import: preview the paragraphs found, then create a declaration from the drafts (the secretariat token that opens every declaration only). */
export function importRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/imports/preview', async (c) => {
    requireUnscopedSecretariat(c.get('principal'));
    const body = (await readJson(c)) as { languages?: unknown; sources?: unknown };
    const languages = parseLanguages(body.languages);
    const read = await readSources(parseSources(body.sources), languages);
    if (!read.ok) throw importRefusal(read);
    const blocks = Object.fromEntries(languages.map((l) => [l, read.value[l] ?? []]));
    const unsure = findUnsureRows(Object.fromEntries(languages.map((l) => [l, (read.value[l] ?? []).map((b) => b.text)])), languages);
    return c.json({ blocks, unsure } satisfies ImportPreviewResponse);
  });

  routes.post('/declarations/import', async (c) => {
    requireUnscopedSecretariat(c.get('principal'));
    const body = (await readJson(c)) as { title?: unknown; languages?: unknown; sources?: unknown };
    const declaration = parseNewDeclaration({ title: body.title, languages: body.languages });
    if (!declaration.ok) throw new ApiError('bad_request', declaration.reason);
    const created = await importDeclaration(deps, declaration.value, parseSources(body.sources), c.get('principal').grantId);
    if (!created.ok) throw importRefusal(created);
    deps.log.info('declaration.imported', { declaration: created.value.id, languages: created.value.languages });
    return c.json({ id: created.value.id, url: `${publicBase(deps, c)}/d/${created.value.id}` } satisfies CreateDeclarationResponse & { url: string }, 201);
  });

  return routes;
}

/** A file that is, or unpacks to, too much is 413; every other bad source is 400; both name the reason. */
function importRefusal(failure: ImportFailure): ApiError {
  return new ApiError(failure.code === 'too-large' ? 'too_large' : 'bad_request', failure.reason, failure.code);
}

function parseLanguages(raw: unknown): LanguageCode[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ApiError('bad_request', 'languages must be a non-empty array');
  return raw.map((l) => {
    const code = parseLanguageCode(l);
    if (!code.ok) throw new ApiError('bad_request', code.reason);
    return code.value;
  });
}

function parseSources(raw: unknown): ImportSource[] {
  if (!Array.isArray(raw)) throw new ApiError('bad_request', 'sources must be an array');
  return raw.map((s) => {
    if (typeof s !== 'object' || s === null) throw new ApiError('bad_request', 'each source is an object');
    const { lang, fileName, text, docxBase64 } = s as Record<string, unknown>;
    const str = (v: unknown, name: string) => {
      if (v !== undefined && typeof v !== 'string') throw new ApiError('bad_request', `${name} must be a string`);
      return v as string | undefined;
    };
    return {
      ...(str(lang, 'lang') !== undefined ? { lang: lang as string } : {}),
      ...(str(fileName, 'fileName') !== undefined ? { fileName: fileName as string } : {}),
      ...(str(text, 'text') !== undefined ? { text: text as string } : {}),
      ...(str(docxBase64, 'docxBase64') !== undefined ? { docxBase64: docxBase64 as string } : {}),
    };
  });
}
