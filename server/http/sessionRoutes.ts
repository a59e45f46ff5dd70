import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { MeResponse } from '../../shared/protocol/api.js';
import type { Principal } from '../auth/authenticator.js';
import { ApiError } from './errors.js';
import { authenticate, requireAuth, SESSION_COOKIE } from './authMiddleware.js';
import { readJson, type AppDeps, type Env } from './context.js';

function me(principal: Principal): MeResponse {
  return { name: principal.name, role: principal.role, declarationId: principal.declarationId };
}

/**
 * `/api/session`: a browser exchanges the token of its invitation link for an http-only
 * cookie (so the token leaves the address bar and scripts never see it); `/api/me` says who.
 */
export function sessionRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/session', async (c) => {
    const body = (await readJson(c)) as { token?: unknown } | null;
    const token = typeof body?.token === 'string' ? body.token : null;
    const principal = await authenticate(deps, c, token);
    if (!principal || !token) throw new ApiError('unauthorized', 'this link is not valid (any more)');
    const secure = (deps.publicUrl ?? c.req.url).startsWith('https:');
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 60 * 60 * 24 * 365 });
    return c.json(me(principal));
  });

  routes.delete('/session', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  routes.get('/me', requireAuth(deps), (c) => c.json(me(c.get('principal'))));

  return routes;
}
