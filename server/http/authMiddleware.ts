import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../auth/authenticator.js';
import { ApiError } from './errors.js';
import { clientAddress, type AppContext, type AppDeps, type Env } from './context.js';

/** The http-only cookie a browser holds after exchanging an invitation link for it. */
export const SESSION_COOKIE = 'accord_session';

/**
 * The token of a request: `Authorization: Bearer`, else (sockets) an explicit `?token=`, else
 * the session cookie. An explicit token wins over a cookie left by another invitation.
 */
export function requestToken(c: AppContext, allowQuery: boolean): string | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const query = allowQuery ? c.req.query('token') : undefined;
  if (query) return query;
  return getCookie(c, SESSION_COOKIE) ?? null;
}

/**
 * Resolves the caller, counting failures per address: past the limit every attempt is
 * refused for a while, so that tokens cannot be guessed by brute force.
 */
export async function authenticate(deps: AppDeps, c: AppContext, token: string | null): Promise<Principal | null> {
  const address = clientAddress(c);
  if (deps.failures.blocked(address)) throw new ApiError('too_many', 'too many failed attempts; try again later');
  const principal = await deps.auth.authenticate(token);
  if (!principal && token) deps.failures.fail(address);
  return principal;
}

export function requireAuth(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const principal = await authenticate(deps, c, requestToken(c, false));
    if (!principal) throw new ApiError('unauthorized', 'a valid token is required');
    c.set('principal', principal);
    await next();
  };
}
