import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from './errors.js';
import { SESSION_COOKIE } from './authMiddleware.js';
import type { AppDeps, Env } from './context.js';

/** Methods that read: a forged one can make the browser fetch, but the page that forged it cannot read the answer. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * DESIGN.md: without a public address, the app's origin is the one whose host the request was
 * sent to (`Host`); with one, only that origin. An absent Origin is judged by the caller.
 */
export function isAppOrigin(origin: string, host: string | undefined, publicUrl: string | null): boolean {
  if (publicUrl !== null) return origin === new URL(publicUrl).origin;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Refuses writes another site could make a browser send on its user's behalf (cross-site
 * request forgery; SameSite=Strict alone leaves older browsers and same-site hosts open). A
 * request with `Authorization: Bearer` cannot be forged (a foreign page may not set that header
 * without our consent), so API clients such as the CLI pass as before. Every other write must
 * name the app's origin in `Origin`, which browsers send with every POST, PUT, PATCH and DELETE;
 * without an Origin, only a request without the session cookie passes: a program, not a
 * browser, and with nothing a forgery could ride on. This covers `/api/session` too, so another
 * site cannot sign a browser in with a token of its choosing.
 */
export function refuseCrossSiteWrites(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization')?.startsWith('Bearer ')) return next();
    const origin = c.req.header('origin');
    if (origin === undefined) {
      if (getCookie(c, SESSION_COOKIE) !== undefined)
        throw new ApiError('forbidden', 'a request signed in by cookie must come from the app (no Origin)', 'origin');
      return next();
    }
    if (!isAppOrigin(origin, c.req.header('host'), deps.publicUrl)) {
      deps.log.warn('http.origin_refused', { origin, method: c.req.method, path: c.req.path });
      throw new ApiError('forbidden', 'this request comes from another site', 'origin');
    }
    return next();
  };
}
