import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { parseNewDeclaration } from '../../shared/model/declaration.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { CreateDeclarationResponse, ParagraphEditResponse } from '../../shared/protocol/api.js';
import { isParagraphId } from '../../shared/model/paragraphIds.js';
import { mayOpen } from '../auth/authenticator.js';
import { ApiError } from './errors.js';
import { openableDeclaration, readJson, requireSecretariat, type AppDeps, type Env } from './context.js';

/** `/api/declarations`: create, list, read. */
export function declarationRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/', async (c) => {
    requireSecretariat(c.get('principal'));
    const parsed = parseNewDeclaration(await readJson(c));
    if (!parsed.ok) throw new ApiError('bad_request', parsed.reason);
    const id = randomBytes(12).toString('base64url') as DeclarationId;
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

  routes.get('/:id/paragraphs/:pid/history', async (c) => {
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const pid = c.req.param('pid');
    if (!isParagraphId(pid)) throw new ApiError('bad_request', 'not a paragraph id');
    const edits = await deps.attribution.history(declaration.id, pid, 50);
    return c.json(edits.map((e) => ({ name: e.name, at: e.at }) satisfies ParagraphEditResponse));
  });

  return routes;
}
