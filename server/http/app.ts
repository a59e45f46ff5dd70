import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createNodeWebSocket } from '@hono/node-ws';
import { serveStatic } from '@hono/node-server/serve-static';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { parseNewDeclaration } from '../../shared/model/declaration.js';
import { parseDeclarationId, type DeclarationId } from '../../shared/model/ids.js';
import { COLLAB_PATH, type CreateDeclarationResponse, type HealthResponse } from '../../shared/protocol/api.js';
import { mayOpen, type Authenticator, type Principal } from '../auth/authenticator.js';
import { Connection, type ConnectionLimits } from '../collab/connection.js';
import type { RoomRegistry } from '../collab/roomRegistry.js';
import type { Logger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import { ApiError } from './errors.js';

export interface AppDeps {
  readonly catalog: Catalog;
  readonly auth: Authenticator;
  readonly rooms: RoomRegistry;
  readonly log: Logger;
  readonly limits: ConnectionLimits & { readonly maxMessageBytes: number };
  /** When set, WebSocket upgrades must come from this origin. */
  readonly publicUrl: string | null;
  /** The built client, or null to serve the API only (under `npm run dev`, Vite serves it). */
  readonly clientDir: string | null;
}

type Env = { Variables: { principal: Principal } };

/** The Hono app: API, collaboration socket and the built client, with its WebSocket hook. */
export function createApp(deps: AppDeps) {
  const { catalog, auth, rooms, log } = deps;
  const app = new Hono<Env>();
  const ws = createNodeWebSocket({ app });
  // ws closes an oversized frame itself, with 1009 (message too big), before we see it.
  ws.wss.options.maxPayload = deps.limits.maxMessageBytes;

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status);
    log.error('http.error', { path: c.req.path, error: String(error) });
    return c.json(new ApiError('internal', 'internal error').toBody(), 500);
  });

  app.get('/api/health', (c) => c.json({ ok: true } satisfies HealthResponse));

  app.use('/api/*', bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new ApiError('too_large', 'request body too large'); } }));
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const principal = await auth.authenticate(token);
    if (!principal) throw new ApiError('unauthorized', 'a valid token is required');
    c.set('principal', principal);
    await next();
  });

  app.get('/api/me', (c) => {
    const p = c.get('principal');
    return c.json({ name: p.name, role: p.role, declarationId: p.declarationId });
  });

  app.post('/api/declarations', async (c) => {
    requireSecretariat(c.get('principal'));
    const parsed = parseNewDeclaration(await readJson(c));
    if (!parsed.ok) throw new ApiError('bad_request', parsed.reason);
    const id = randomBytes(12).toString('base64url') as DeclarationId;
    await catalog.createDeclaration(parsed.value, id);
    log.info('declaration.created', { declaration: id, languages: parsed.value.languages });
    return c.json({ id } satisfies CreateDeclarationResponse, 201);
  });

  app.get('/api/declarations', async (c) => {
    const p = c.get('principal');
    const all = await catalog.listDeclarations();
    return c.json(all.filter((d) => mayOpen(p, d.id)));
  });

  app.get('/api/declarations/:id', async (c) => {
    const id = await openableDeclaration(c.get('principal'), c.req.param('id'));
    return c.json(await catalog.getDeclaration(id));
  });

  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such endpoint');
  });

  app.get(
    `${COLLAB_PATH}/:id`,
    async (c, next) => {
      const origin = c.req.header('origin');
      if (!originAllowed(origin, c.req.header('host'), deps.publicUrl)) {
        log.warn('connection.origin_refused', { origin });
        return c.text('origin not allowed', 403);
      }
      const principal = await auth.authenticate(c.req.query('token'));
      if (!principal) return c.text('a valid token is required', 401);
      const id = parseDeclarationId(c.req.param('id'));
      if (!id.ok || !mayOpen(principal, id.value)) return c.text('this token does not open this declaration', 403);
      if (!(await catalog.getDeclaration(id.value))) return c.text('no such declaration', 404);
      c.set('principal', principal);
      await next();
    },
    ws.upgradeWebSocket((c) => {
      const principal = c.get('principal');
      const id = c.req.param('id') as DeclarationId;
      let connection: Connection | null = null;
      return {
        onOpen(_event, socket) {
          const raw = socket.raw as WebSocket;
          connection = new Connection(
            { send: (data) => raw.send(data), close: (code, reason) => raw.close(code, reason) },
            principal,
            id,
            rooms,
            deps.limits,
            log,
          );
          connection.open();
        },
        onMessage(event) {
          connection?.receive(event.data as ArrayBuffer | string);
        },
        onClose() {
          connection?.socketClosed();
        },
      };
    }),
  );

  if (deps.clientDir && existsSync(deps.clientDir)) {
    const root = deps.clientDir;
    app.use('/*', serveStatic({ root }));
    // Every other path is a page of the single-page app.
    app.get('/*', serveStatic({ path: join(root, 'index.html') }));
  }

  async function openableDeclaration(principal: Principal, raw: string): Promise<DeclarationId> {
    const id = parseDeclarationId(raw);
    if (!id.ok) throw new ApiError('not_found', 'no such declaration');
    if (!mayOpen(principal, id.value)) throw new ApiError('forbidden', 'this token does not open this declaration');
    if (!(await catalog.getDeclaration(id.value))) throw new ApiError('not_found', 'no such declaration');
    return id.value;
  }

  return { app, injectWebSocket: ws.injectWebSocket, wss: ws.wss };
}

function requireSecretariat(principal: Principal): void {
  if (principal.role.kind !== 'secretariat') throw new ApiError('forbidden', 'only the secretariat may do this');
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError('bad_request', 'the body is not valid JSON');
  }
}

/** DESIGN.md: without a public address, no Origin or Origin matching Host; with one, only it. */
function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string | null): boolean {
  if (publicUrl !== null) return origin !== undefined && origin === new URL(publicUrl).origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
