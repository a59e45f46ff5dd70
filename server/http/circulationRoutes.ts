import { Hono } from 'hono';
import { ApiError } from './errors.js';
import { openableDeclaration, readJson, requireSecretariat, type AppDeps, type Env } from './context.js';
import { parseObjectionRequest, type ObjectionRefusal } from '../../shared/negotiation/circulation.js';
import type { ApiErrorCode } from '../../shared/protocol/api.js';

const OBJECTION_REFUSALS: Record<ObjectionRefusal['code'], ApiErrorCode> = { 'no-circulation': 'not_found', closed: 'conflict', 'too-many': 'too_many' };

/**
 * `POST /api/declarations/:id/circulations` `{"version","deadline"}`: starts the silence procedure (secretariat).
 * `POST /api/declarations/:id/objections` `{"circulationId","rowKey","pids","text"}`: a delegation objects
 * (→ 201 the recorded `Objection`, in the token's delegation and name, at the server's time).
 */
export function circulationRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();
  routes.post('/:id/objections', async (c) => {
    const principal = c.get('principal');
    const declaration = await openableDeclaration(deps, principal, c.req.param('id'));
    if (principal.role.kind !== 'delegation' && principal.role.kind !== 'signatory') throw new ApiError('forbidden', 'only a delegation objects');
    const request = parseObjectionRequest(await readJson(c), declaration.languages);
    if (!request.ok) throw new ApiError('bad_request', request.reason);
    const raised = await deps.circulations.object(declaration, { lang: principal.role.lang, name: principal.name }, request.value);
    if (!raised.ok) throw new ApiError(OBJECTION_REFUSALS[raised.code], raised.reason, raised.code);
    return c.json(raised.value, 201);
  });
  routes.post('/:id/circulations', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const body = (await readJson(c)) as { version?: unknown; deadline?: unknown };
    const deadline = typeof body?.deadline === 'string' ? Date.parse(body.deadline) : Number(body?.deadline);
    if (!Number.isInteger(body?.version)) throw new ApiError('bad_request', 'version must be a version number');
    const started = await deps.circulations.circulate(declaration, body.version as number, deadline, c.get('principal').name);
    if (!started.ok) throw new ApiError('bad_request', started.reason);
    return c.json(started.value, 201);
  });
  return routes;
}
