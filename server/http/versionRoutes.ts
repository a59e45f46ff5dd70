import { Hono } from 'hono';
import { parseLanguageCode, type LanguageCode } from '../../shared/model/ids.js';
import { renderComparisonHtml } from '../../shared/compare/renderHtml.js';
import { COMPARISON_STRINGS } from '../../shared/compare/labels.js';
import type { VersionRef } from '../versions/versionService.js';
import { ApiError, apiFailure } from './errors.js';
import { uiOf, wantsSuggestions } from './publicationRoutes.js';
import { openableDeclaration, readJson, requireSecretariat, type AppDeps, type Env } from './context.js';

const MAX_LABEL = 200;
const MAX_NOTE = 2000;

/** `/api/declarations/:id/versions` and `/compare`: name, list, open, restore, compare, export a comparison. */
export function versionRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/:id/versions', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { label?: unknown; note?: unknown };
    const label = typeof body?.label === 'string' ? body.label.trim().normalize('NFC') : '';
    const note = typeof body?.note === 'string' ? body.note.trim().normalize('NFC') : '';
    if (!label || label.length > MAX_LABEL) throw new ApiError('bad_request', `label must be 1 to ${MAX_LABEL} characters`);
    if (note.length > MAX_NOTE) throw new ApiError('bad_request', `note must be at most ${MAX_NOTE} characters`);
    const version = await deps.versions.create(declaration, { kind: 'named', label, note, by: c.get('principal').name });
    return c.json({ version }, 201);
  });

  routes.get('/:id/versions', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    return c.json(await deps.versions.list(declaration.id));
  });

  routes.get('/:id/versions/:version', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const read = await deps.versions.read(declaration, parseRef(c.req.param('version'), false));
    if (!read.ok) throw apiFailure(read);
    return c.json(read.value);
  });

  routes.post('/:id/versions/:version/restore', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { languages?: unknown };
    const languages = (Array.isArray(body?.languages) ? body.languages : declaration.languages).map((l: unknown) => {
      const code = parseLanguageCode(l);
      if (!code.ok) throw new ApiError('bad_request', code.reason);
      return code.value;
    }) as LanguageCode[];
    const restored = await deps.versions.restore(declaration, parseRef(c.req.param('version'), false) as number, languages);
    if (!restored.ok) throw apiFailure(restored);
    return c.json({ restored: true });
  });

  routes.get('/:id/compare', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const from = parseRef(c.req.query('from'), true);
    const to = parseRef(c.req.query('to') ?? 'live', true);
    // `toDeclaration`: compare with another declaration (last edition's text against this one's draft).
    const other = c.req.query('toDeclaration');
    const target = other ? await openableDeclaration(deps, c.get('principal'), other) : declaration;
    // `suggestions=1`: the newer text's pending suggestions as tracked changes by their delegations (live text only).
    const withSuggestions = wantsSuggestions(c.req.query('suggestions'));
    if (withSuggestions && to !== 'live') throw new ApiError('bad_request', 'suggestions are shown over the live text only');
    const comparison = await deps.versions.compare(declaration, from, to, target, { withSuggestions });
    if (!comparison.ok) throw apiFailure(comparison);
    const name = (ref: VersionRef) => (ref === 'live' ? 'live' : `v${ref}`);
    // The circulated file speaks the asker's interface language (`ui`), with language names in it.
    const asked = c.req.query('ui') ?? 'en';
    const ui = (Object.hasOwn(COMPARISON_STRINGS, asked) ? COMPARISON_STRINGS[asked] : undefined) ?? COMPARISON_STRINGS.en!;
    const displayNames = new Intl.DisplayNames([ui.lang], { type: 'language' });
    const meta = {
      uiStrings: ui,
      languageNames: Object.fromEntries([...declaration.languages, ...target.languages].map((l) => [l, displayNames.of(l) ?? l])),
      title: declaration.title,
      fromLabel: await labelOf(deps, declaration.id, from),
      toLabel: `${other ? `${target.title} · ` : ''}${await labelOf(deps, target.id, to)}`,
      languages: [...declaration.languages],
      authorLanguage: uiOf(asked),
    };
    const file = `comparison-${name(from)}-${name(to)}`;
    switch (c.req.query('format') ?? 'json') {
      case 'json':
        return c.json(comparison.value);
      case 'html':
        c.header('content-disposition', `attachment; filename="${file}.html"`);
        return c.html(renderComparisonHtml(comparison.value, meta));
      case 'docx': {
        const bytes = await (await import('../compareExport/comparisonDocx.js')).renderComparisonDocx(comparison.value, meta);
        return c.body(bytes as unknown as ArrayBuffer, 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'content-disposition': `attachment; filename="${file}.docx"`,
        });
      }
      default:
        throw new ApiError('bad_request', 'format is json, html or docx');
    }
  });

  return routes;
}

function parseRef(raw: string | undefined, allowLive: boolean): VersionRef {
  if (allowLive && raw === 'live') return 'live';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ApiError('bad_request', `not a version: "${raw ?? ''}"`);
  return n;
}

async function labelOf(deps: AppDeps, id: Parameters<AppDeps['versions']['list']>[0], ref: VersionRef): Promise<string> {
  if (ref === 'live') return 'live';
  const meta = (await deps.versions.list(id)).find((v) => v.version === ref);
  return meta ? `v${ref} — ${meta.label}` : `v${ref}`;
}
