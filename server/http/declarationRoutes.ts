import { Hono } from 'hono';
import { newDeclarationId } from '../declarationIds.js';
import { MAX_LANGUAGES, META_MAP, parseNewDeclaration } from '../../shared/model/declaration.js';
import { parseLanguageCode } from '../../shared/model/ids.js';
import * as Y from 'yjs';
import type {
  CreateDeclarationResponse,
  HistoryDamageResponse,
  ParagraphEditResponse,
  RestoreFromCopyRequest,
  RestoreFromCopyResponse,
} from '../../shared/protocol/api.js';
import { fromBase64Url, toBase64Url } from '../../shared/publish/signature.js';
import { restoreFromCopy } from '../collab/historyRestore.js';
import { isParagraphId } from '../../shared/model/paragraphIds.js';
import { mayOpen } from '../auth/authenticator.js';
import { ApiError } from './errors.js';
import { openableDeclaration, readJson, requireSecretariat, requireUnscopedSecretariat, type AppDeps, type Env } from './context.js';

/** `/api/declarations`: create, list, read. */
export function declarationRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/', async (c) => {
    requireUnscopedSecretariat(c.get('principal'));
    const parsed = parseNewDeclaration(await readJson(c));
    if (!parsed.ok) throw new ApiError('bad_request', parsed.reason);
    const id = newDeclarationId();
    await deps.catalog.createDeclaration(parsed.value, id);
    deps.log.info('declaration.created', { declaration: id, languages: parsed.value.languages });
    return c.json({ id } satisfies CreateDeclarationResponse, 201);
  });

  routes.get('/', async (c) => {
    const principal = c.get('principal');
    const all = await deps.catalog.listDeclarations();
    return c.json(all.filter((d) => mayOpen(principal, d.id)));
  });

  routes.get('/:id', async (c) => c.json(await openableDeclaration(deps, c.get('principal'), c.req.param('id'))));

  // What the server found damaged in this declaration's stored history (loading it if needed), for the secretariat's banner.
  routes.get('/:id/damage', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const answer = await deps.rooms.using(declaration.id, async (room) => {
      const damage = deps.historyDamage.of(declaration.id);
      return { damage, stateVector: damage ? toBase64Url(room.peek((doc) => Y.encodeStateVector(doc))) : null } satisfies HistoryDamageResponse;
    });
    c.header('cache-control', 'no-store');
    return c.json(answer);
  });

  // A secretariat page's copy fills in what a damaged history lost (see historyRestore.ts for why not through its sync).
  routes.post('/:id/damage/restore', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as Partial<RestoreFromCopyRequest> | null;
    const update = typeof body?.update === 'string' ? fromBase64Url(body.update) : undefined;
    if (!update) throw new ApiError('bad_request', 'update must be a Yjs update in base64url');
    const report = deps.historyDamage.of(declaration.id);
    if (!report) throw new ApiError('conflict', 'the stored history of this declaration is not reported damaged', 'not-damaged');
    const outcome = await deps.rooms.using(declaration.id, (room) =>
      restoreFromCopy(room, update).catch((error: unknown) => ({ ok: false as const, reason: String(error) })),
    );
    if (!outcome.ok) throw new ApiError('bad_request', outcome.reason);
    deps.historyDamage.record(declaration.id, { ...report, waiting: outcome.waiting });
    deps.log.info('history.restored', { declaration: declaration.id, restored: outcome.restored, waiting: outcome.waiting, by: c.get('principal').grantId });
    return c.json({ restored: outcome.restored, waiting: outcome.waiting } satisfies RestoreFromCopyResponse);
  });

  routes.get('/:id/paragraphs/:pid/history', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const pid = c.req.param('pid');
    if (!isParagraphId(pid)) throw new ApiError('bad_request', 'not a paragraph id');
    const edits = await deps.attribution.history(declaration.id, pid, 50);
    return c.json(edits.map((e) => ({ name: e.name, at: e.at }) satisfies ParagraphEditResponse));
  });

  // What others changed since a moment (the caller's last visit): paragraphs, who, when.
  routes.get('/:id/changes', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const since = Number(c.req.query('since') ?? 0);
    if (!Number.isFinite(since) || since < 0) throw new ApiError('bad_request', 'since is a time in milliseconds');
    const edits = await deps.attribution.changedSince(declaration.id, since, c.get('principal').grantId, 200);
    return c.json(edits.map((e) => ({ pid: e.pid, name: e.name, at: e.at })));
  });

  // Adds a language column; open clients learn it from the document's meta map at once.
  routes.post('/:id/languages', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { language?: unknown };
    const code = parseLanguageCode(body?.language);
    if (!code.ok) throw new ApiError('bad_request', code.reason);
    if (declaration.languages.includes(code.value)) throw new ApiError('conflict', `the declaration already has "${code.value}"`);
    if (declaration.languages.length >= MAX_LANGUAGES) throw new ApiError('bad_request', `a declaration has at most ${MAX_LANGUAGES} languages`);
    if (await deps.publications.isFrozen(declaration.id)) throw new ApiError('conflict', 'the declaration is frozen: unfreeze it to add a language', 'frozen');
    const languages = [...declaration.languages, code.value];
    await deps.catalog.setLanguages(declaration.id, languages);
    await deps.rooms.using(declaration.id, (room) => room.change((doc) => doc.getMap(META_MAP).set('languages', languages)));
    deps.log.info('declaration.language_added', { declaration: declaration.id, language: code.value });
    return c.json({ ...declaration, languages }, 201);
  });

  return routes;
}
