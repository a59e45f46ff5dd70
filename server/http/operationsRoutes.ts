import { Hono, type Context } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HealthResponse } from '../../shared/protocol/api.js';
import { EXPOSITION_CONTENT_TYPE, renderMetrics, startProcessMetrics } from '../metrics.js';
import { runReadiness } from '../readiness.js';
import { ApiError } from './errors.js';
import { clientAddress, type AppDeps, type Env } from './context.js';

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever socket it arrived on. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * What operators and load balancers call: `GET /api/health` (the process answers),
 * `GET /api/ready` (it can serve: store and Redis reachable) and `GET /metrics` (Prometheus).
 */
export function operationsRoutes(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  startProcessMetrics();

  app.get('/api/health', (c) => c.json({ ok: true } satisfies HealthResponse));

  app.get('/api/ready', async (c) => {
    const { response, failures } = await runReadiness(deps.readiness, undefined, deps.historyDamage.reasons());
    // What failed, and why, goes to the log; the public answer only names the dependency.
    for (const failure of failures) deps.log.warn('ready.check_failed', failure);
    c.header('cache-control', 'no-store');
    return c.json(response, response.ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    requireMetricsAccess(deps, c);
    c.header('cache-control', 'no-store');
    return c.body(await renderMetrics({ openRooms: deps.rooms.openRooms, damagedDeclarations: deps.historyDamage.size }), 200, {
      'content-type': EXPOSITION_CONTENT_TYPE,
    });
  });

  return app;
}

/** With a metrics token, the bearer token must match it; without one, only a direct loopback caller may scrape. */
function requireMetricsAccess(deps: AppDeps, c: Context<Env>): void {
  if (deps.metricsToken !== null) {
    const match = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match || !sameSecret(match[1]!, deps.metricsToken)) {
      c.header('www-authenticate', 'Bearer');
      throw new ApiError('unauthorized', 'metrics need the metrics token');
    }
    return;
  }
  const proxied = FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined);
  if (proxied || !isLoopback(clientAddress(c))) throw new ApiError('forbidden', 'metrics are served to this machine only (or set ACCORD_METRICS_TOKEN)');
}

/** Compares digests, so the time taken says nothing about the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** 127.0.0.0/8, ::1, and IPv4 loopback seen through an IPv6 socket. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}
