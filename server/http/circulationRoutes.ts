import { Hono } from 'hono';
import { ApiError } from './errors.js';
import { openableDeclaration, readJson, requireSecretariat, type AppDeps, type Env } from './context.js';

/** `POST /api/declarations/:id/circulations` `{"version","deadline"}`: starts the silence procedure (secretariat). */
export function circulationRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();
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
