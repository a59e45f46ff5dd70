import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createNodeWebSocket } from '@hono/node-ws';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './errors.js';
import { requireAuth } from './authMiddleware.js';
import { refuseCrossSiteWrites } from './sameOrigin.js';
import type { AppDeps, Env } from './context.js';
import { declarationRoutes } from './declarationRoutes.js';
import { inviteRoutes } from './inviteRoutes.js';
import { sessionRoutes } from './sessionRoutes.js';
import { mountCollabRoute } from './collabRoute.js';
import { importRoutes } from './importRoutes.js';
import { versionRoutes } from './versionRoutes.js';
import { circulationRoutes } from './circulationRoutes.js';
import { publicationRoutes } from './publicationRoutes.js';
import { publicRoutes } from './publicRoutes.js';
import { operationsRoutes } from './operationsRoutes.js';
import { countHttpResponse } from '../metrics.js';
import { upgradeQueue, type UpgradeListener } from './upgradeQueue.js';
import { COLLAB_PATH } from '../../shared/protocol/api.js';
import { EventEmitter } from 'node:events';

export type { AppDeps } from './context.js';

/** The Hono app: API, collaboration socket and the built client, with its WebSocket hook. */
export function createApp(deps: AppDeps) {
  const app = new Hono<Env>();
  const ws = createNodeWebSocket({ app });
  // ws closes an oversized frame itself, with 1009 (message too big), before we see it.
  ws.wss.options.maxPayload = deps.limits.maxMessageBytes;

  // One place turns failures into responses.
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status);
    deps.log.error('http.error', { path: c.req.path, error: String(error) });
    return c.json(new ApiError('internal', 'internal error').toBody(), 500);
  });

  // Outermost, so that it counts every answer, errors included (the error handler has run by then).
  app.use('*', async (c, next) => {
    await next();
    countHttpResponse(c.res.status);
  });
  app.route('/', operationsRoutes(deps));
  // Imports carry whole files (a .docx as base64); every other request is small.
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError('too_large', `request body larger than ${Math.round(maxSize / 1024 / 1024)} MB`, 'too-large');
      },
    });
  const small = limit(1024 * 1024);
  const large = limit(32 * 1024 * 1024);
  app.use('/api/*', refuseCrossSiteWrites(deps));
  app.use('/api/*', (c, next) => (c.req.path === '/api/declarations/import' || c.req.path === '/api/imports/preview' ? large(c, next) : small(c, next)));
  app.route('/api', sessionRoutes(deps));
  app.use('/api/declarations/*', requireAuth(deps));
  app.use('/api/declarations', requireAuth(deps));
  app.use('/api/imports/*', requireAuth(deps));
  app.route('/api', importRoutes(deps));
  app.route('/api/declarations', inviteRoutes(deps));
  app.route('/api/declarations', declarationRoutes(deps));
  app.route('/api/declarations', versionRoutes(deps));
  app.route('/api/declarations', circulationRoutes(deps));
  app.route('/api/declarations', publicationRoutes(deps));
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such endpoint');
  });

  mountCollabRoute(app, deps, ws);
  app.route('/p', publicRoutes(deps));

  if (deps.clientDir && existsSync(deps.clientDir)) {
    const root = deps.clientDir;
    app.use('/*', serveStatic({ root }));
    // Every other path is a page of the single-page app.
    app.get('/*', serveStatic({ path: join(root, 'index.html') }));
  }

  // Hono compiles its routes at the first match: now, rather than in the first request (after a
  // restart, often a collaboration socket waiting for its document). No route is added after this.
  app.router.match('GET', '/');
  return {
    app,
    injectWebSocket: (server: HookedServer) => {
      // The hook listens on an emitter of its own: the server's upgrades reach it through the queue.
      const hook = new EventEmitter();
      ws.injectWebSocket(hook as unknown as HookedServer);
      const listeners = hook.listeners('upgrade') as UpgradeListener[];
      const open: UpgradeListener = (request, socket, head) => Promise.all(listeners.map((listener) => listener(request, socket, head)));
      (server as EventEmitter).on(
        'upgrade',
        upgradeQueue(open, {
          ...UPGRADES,
          accepts: (path) => path.startsWith(`${COLLAB_PATH}/`),
          failed: (error) => deps.log.error('connection.upgrade_failed', { error: String(error) }),
        }),
      );
    },
    wss: ws.wss,
  };
}

type HookedServer = Parameters<ReturnType<typeof createNodeWebSocket>['injectWebSocket']>[0];

/** How sockets are opened (upgradeQueue.ts): four at a time, none holding its place over 10 s, 2,000 waiting at most. */
const UPGRADES = { inFlight: 4, holdMs: 10_000, maxWaiting: 2_000 } as const;
