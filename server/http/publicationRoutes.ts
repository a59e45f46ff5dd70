import { Hono, type Context } from 'hono';
import type { DeclarationSummary } from '../../shared/model/declaration.js';
import { renderAkomaNtoso } from '../../shared/publish/akomaNtoso.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { renderPublicationPage } from '../../shared/publish/renderPublication.js';
import { verifyExport } from '../../shared/publish/verify.js';
import type { PublicationResult } from '../publish/publicationService.js';
import { ApiError } from './errors.js';
import { openableDeclaration, readJson, readOptionalJson, requireSecretariat, type AppDeps, type Env } from './context.js';

export const EXPORT_FORMATS = ['json', 'html', 'docx', 'pdf', 'xml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `/api/declarations/:id/…`: concordance, freeze, unfreeze, signing keys, signatures, publication, export. */
export function publicationRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();
  const service = deps.publications;

  routes.get('/:id/concordance', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    return c.json({ issues: await service.concordance(declaration) });
  });

  routes.get('/:id/publication', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    return c.json(await service.status(declaration));
  });

  routes.post('/:id/freeze', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readOptionalJson(c)) as { override?: unknown };
    const result = await service.freeze(declaration, { override: body?.override }, c.get('principal'));
    if (!result.ok && result.kind === 'concordance') {
      return c.json({ error: 'conflict', reason: 'concordance', message: result.reason, issues: result.issues }, 409);
    }
    return c.json(unwrap(result));
  });

  routes.post('/:id/unfreeze', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { reason?: unknown };
    return c.json(unwrap(await service.unfreeze(declaration, { reason: body?.reason }, c.get('principal'))));
  });

  routes.post('/:id/signing-key', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { publicKey?: unknown };
    return c.json(unwrap(await service.registerKey(declaration, body?.publicKey, c.get('principal'))), 201);
  });

  routes.post('/:id/signatures', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { signature?: unknown; sha256?: unknown };
    return c.json(unwrap(await service.sign(declaration, { signature: body?.signature, sha256: body?.sha256 }, c.get('principal'))), 201);
  });

  routes.post('/:id/publish', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    return c.json(unwrap(await service.publish(declaration, c.get('principal'))));
  });

  routes.post('/:id/correction', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    return c.json(unwrap(await service.openCorrection(declaration)), 201);
  });

  routes.get('/:id/export', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const format = parseFormat(c.req.query('format'));
    const rawVersion = c.req.query('version');
    const version = rawVersion === undefined ? null : Number(rawVersion);
    if (version !== null && !(Number.isInteger(version) && version > 0)) throw new ApiError('bad_request', 'version must be a version number');
    const withSuggestions = wantsSuggestions(c.req.query('suggestions'));
    if (withSuggestions && (format !== 'docx' || version !== null)) {
      throw new ApiError('bad_request', 'suggestions are shown as tracked changes in the DOCX of the live text only');
    }
    const exp = unwrap(await service.exportOf(declaration, version));
    if (withSuggestions) {
      const suggestions = { tracks: await service.suggestionTracks(declaration), ui: uiOf(c.req.query('ui')) };
      return sendDocx(
        c,
        await (await import('../publish/declarationDocx.js')).renderDeclarationDocx(exp, suggestions),
        `${fileStem(declaration, version)}-suggestions.docx`,
      );
    }
    return sendExport(c, exp, format, fileStem(declaration, version), c.req.query('ui'));
  });

  return routes;
}

/** Renders an export in one of its formats as a download. */
export async function sendExport(c: Context, exp: DeclarationExport, format: ExportFormat, stem: string, ui?: string): Promise<Response> {
  const disposition = (ext: string) => `attachment; filename="${stem}.${ext}"`;
  switch (format) {
    case 'json':
      return c.body(JSON.stringify(exp, null, 2), 200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': disposition('json') });
    case 'html':
      return c.body(renderPublicationPage(exp, { ui: uiOf(ui), layout: 'side-by-side', report: verifyExport(exp) }), 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': disposition('html'),
      });
    case 'docx':
      return c.body(bytesOf(await (await import('../publish/declarationDocx.js')).renderDeclarationDocx(exp)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': disposition('docx'),
      });
    case 'pdf':
      return c.body(bytesOf(await (await import('../publish/pdfExport.js')).renderDeclarationPdf(exp)), 200, {
        'content-type': 'application/pdf',
        'content-disposition': disposition('pdf'),
      });
    case 'xml':
      return c.body(renderAkomaNtoso(exp), 200, { 'content-type': 'application/akn+xml; charset=utf-8', 'content-disposition': disposition('akn.xml') });
  }
}

function sendDocx(c: Context, bytes: Uint8Array, file: string): Response {
  return c.body(bytesOf(bytes), 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'content-disposition': `attachment; filename="${file}"`,
  });
}

/** `suggestions=1` opts in to pending suggestions as tracked changes; absent, the authentic text only. */
export function wantsSuggestions(raw: string | undefined): boolean {
  if (raw === undefined || raw === '0') return false;
  if (raw === '1') return true;
  throw new ApiError('bad_request', 'suggestions is 0 or 1');
}

function bytesOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function parseFormat(raw: string | undefined): ExportFormat {
  const format = raw ?? 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ApiError('bad_request', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  return format as ExportFormat;
}

export function uiOf(raw: string | undefined): 'en' | 'fr' | 'vi' {
  return raw === 'fr' || raw === 'vi' ? raw : 'en';
}

function fileStem(declaration: DeclarationSummary, version: number | null): string {
  return `declaration-${declaration.id}${version === null ? '' : `-v${version}`}`;
}

/** A refusal of the publication flow as an API error; concordance lists are answered by the route. */
function unwrap<T>(result: PublicationResult<T>): T {
  if (result.ok) return result.value;
  if (result.kind === 'concordance') throw new ApiError('conflict', result.reason, 'concordance');
  throw new ApiError(result.kind, result.reason, result.code);
}
