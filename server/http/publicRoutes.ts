import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { parseDeclarationId } from '../../shared/model/ids.js';
import { renderPublicationPage } from '../../shared/publish/renderPublication.js';
import { verifyExport } from '../../shared/publish/verify.js';
import { ApiError } from './errors.js';
import { parseFormat, sendExport, uiOf } from './publicationRoutes.js';
import type { AppDeps, Env } from './context.js';

const DOWNLOAD = /^declaration\.(json|pdf|docx|xml|html)$/u;

/**
 * `/p/<id>`: the public page of a published declaration, and its downloads. No login: what was
 * published is public. The page is rendered here (readable without script); a small script,
 * when present, verifies the fingerprint and the signatures again in the reader's browser.
 */
export function publicRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();
  const scripts = verifierScripts(deps.clientDir);

  routes.get('/:id', async (c) => {
    const id = parseDeclarationId(c.req.param('id'));
    const exp = id.ok ? await deps.publications.publishedExport(id.value) : null;
    if (!id.ok || !exp) return c.html(notPublished(), 404);
    const base = `/p/${encodeURIComponent(exp.id)}`;
    const ui = uiOf(c.req.query('ui') ?? preferredUi(c.req.header('accept-language')));
    const correction = await deps.publications.correctionOf(id.value);
    const replaced = exp.publication?.replaces ? await deps.publications.publishedExport(exp.publication.replaces as typeof id.value) : null;
    const html = renderPublicationPage(exp, {
      ui,
      layout: c.req.query('layout') === 'sequential' ? 'sequential' : 'side-by-side',
      report: verifyExport(exp),
      downloads: {
        json: `${base}/declaration.json`,
        pdf: `${base}/declaration.pdf`,
        docx: `${base}/declaration.docx`,
        xml: `${base}/declaration.xml`,
        html: `${base}/declaration.html`,
      },
      layoutLinks: { sideBySide: `${base}?ui=${ui}`, sequential: `${base}?layout=sequential&ui=${ui}` },
      supersededBy: correction
        ? {
            id: correction.declarationId,
            url: `/p/${encodeURIComponent(correction.declarationId)}`,
            title: (JSON.parse(correction.exportJson) as { title: string }).title,
          }
        : null,
      replaces: replaced ? { url: `/p/${encodeURIComponent(replaced.id)}`, title: replaced.title } : null,
      scripts,
    });
    return c.html(html, 200, {
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });

  routes.get('/:id/:file', async (c) => {
    const id = parseDeclarationId(c.req.param('id'));
    const match = DOWNLOAD.exec(c.req.param('file'));
    const exp = id.ok && match ? await deps.publications.publishedExport(id.value) : null;
    if (!exp || !match) throw new ApiError('not_found', 'no such published declaration');
    c.header('x-content-type-options', 'nosniff');
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return sendExport(c, exp, parseFormat(match[1]), `declaration-${exp.id}`, c.req.query('ui'));
  });

  return routes;
}

/** The built verifier's script URL, from Vite's manifest; none when the client is not built here. */
function verifierScripts(clientDir: string | null): string[] {
  if (!clientDir) return [];
  const manifestPath = join(clientDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; name?: string; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((e) => e.isEntry && e.name === 'verify');
  return entry ? [`/${entry.file}`] : [];
}

function preferredUi(acceptLanguage: string | undefined): string {
  const first = (acceptLanguage ?? '').split(',').map((p) => p.trim().slice(0, 2).toLowerCase());
  return first.find((l) => l === 'fr' || l === 'vi' || l === 'en') ?? 'en';
}

function notPublished(): string {
  return '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Not published</title><h1>No published declaration at this address</h1><p lang="fr">Aucune déclaration publiée à cette adresse.</p><p lang="vi">Không có tuyên bố nào được công bố tại địa chỉ này.</p></html>';
}
