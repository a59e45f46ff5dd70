import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../auth/authenticator.js';
import { ApiError } from './errors.js';
import type { AppContext, AppDeps, Env } from './context.js';
import { requesterAddress } from './requesterAddress.js';

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

/** How much of an unknown token names it in the failure count: enough to tell guesses apart, too little to replay. */
const TOKEN_PREFIX_LENGTH = 8;

/**
 * Resolves the caller. The token is checked first, and a valid one is always let in: a limit on
 * failures must never turn away the people who hold a real invitation because someone else, or
 * everyone behind the same proxy, tried bad ones. Unknown tokens are counted by the requester's
 * address and by the token's prefix; past the limit they are refused with 429 rather than 401.
 */
export async function authenticate(deps: AppDeps, c: AppContext, token: string | null): Promise<Principal | null> {
  const principal = await deps.auth.authenticate(token);
  if (principal || !token) return principal;
  const keys = [`address:${requesterAddress(c, deps.trustedProxies)}`, `token:${token.slice(0, TOKEN_PREFIX_LENGTH)}`];
  const blocked = keys.some((key) => deps.failures.blocked(key));
  for (const key of keys) deps.failures.fail(key);
  if (blocked) throw new ApiError('too_many', 'too many failed attempts; try again later');
  return null;
}

export function requireAuth(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const principal = await authenticate(deps, c, requestToken(c, false));
    if (!principal) throw new ApiError('unauthorized', 'a valid token is required');
    c.set('principal', principal);
    await next();
  };
}
