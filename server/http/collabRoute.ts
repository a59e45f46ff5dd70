import type { Hono } from 'hono';
import type { createNodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import { parseDeclarationId, type DeclarationId } from '../../shared/model/ids.js';
import { COLLAB_PATH } from '../../shared/protocol/api.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { mayOpen, type Principal } from '../auth/authenticator.js';
import { Connection, OVERSPENT_GRANT } from '../collab/connection.js';
import { ApiError } from './errors.js';
import { authenticate, requestToken } from './authMiddleware.js';
import { isAppOrigin } from './sameOrigin.js';
import { sendShared } from './sharedFrames.js';
import { pacedBytes } from './writePacing.js';
import type { AppDeps, Env } from './context.js';

/** Longest a timer can wait in Node; an invitation expiring later is checked at reconnect. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * `GET /collab/:id`: every refusal is an HTTP answer to the upgrade itself (no socket opens);
 * an accepted socket becomes a `Connection` on the declaration's room.
 */
export function mountCollabRoute(app: Hono<Env>, deps: AppDeps, ws: ReturnType<typeof createNodeWebSocket>): void {
  app.get(
    `${COLLAB_PATH}/:id`,
    async (c, next) => {
      const origin = c.req.header('origin');
      if (!originAllowed(origin, c.req.header('host'), deps.publicUrl)) {
        deps.log.warn('connection.origin_refused', { origin });
        return c.text('origin not allowed', 403);
      }
      let principal: Principal | null;
      try {
        principal = await authenticate(deps, c, requestToken(c, true));
      } catch (error) {
        if (error instanceof ApiError) return c.text(error.message, error.status);
        throw error;
      }
      if (!principal) return c.text('a valid token is required', 401);
      const id = parseDeclarationId(c.req.param('id'));
      if (!id.ok || !mayOpen(principal, id.value)) return c.text('this token does not open this declaration', 403);
      if (!(await deps.catalog.getDeclaration(id.value))) return c.text('no such declaration', 404);
      if (deps.connections.count(principal.grantId) >= deps.limits.maxConnectionsPerGrant) {
        return c.text('too many connections with this invitation', 429);
      }
      if (deps.connections.overspent(principal.grantId)) {
        return c.text(OVERSPENT_GRANT, 429);
      }
      c.set('principal', principal);
      await next();
    },
    ws.upgradeWebSocket((c) => {
      const principal = c.get('principal');
      const id = c.req.param('id') as DeclarationId;
      let connection: Connection | null = null;
      let expiry: NodeJS.Timeout | null = null;
      return {
        onOpen(_event, socket) {
          const raw = socket.raw as WebSocket;
          connection = new Connection(
            {
              send: (data) => sendShared(raw, data),
              close: (code, reason) => raw.close(code, reason),
              get bufferedAmount() {
                return raw.bufferedAmount + pacedBytes(raw);
              },
            },
            principal,
            id,
            deps.rooms,
            deps.limits,
            deps.log,
            deps.connections.budget(principal.grantId),
          );
          // Upgrades run concurrently: the cap is checked again now that this one is counted.
          if (deps.connections.count(principal.grantId) >= deps.limits.maxConnectionsPerGrant) {
            raw.close(CloseCode.RateLimited, 'too many connections with this invitation');
            connection = null;
            return;
          }
          deps.connections.add(connection);
          if (principal.expiresAt !== null) {
            const open = connection;
            const expiresAt = principal.expiresAt;
            // A timer waits at most ~24.8 days: re-arm until the real expiry.
            const arm = () => {
              expiry = setTimeout(
                () => {
                  if (Date.now() >= expiresAt) open.close(CloseCode.Unauthorized, 'your invitation has expired');
                  else arm();
                },
                Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())),
              );
            };
            arm();
          }
          connection.open();
        },
        onMessage(event) {
          connection?.receive(event.data as ArrayBuffer | string);
        },
        onClose() {
          if (expiry) clearTimeout(expiry);
          if (!connection) return;
          deps.connections.remove(connection);
          connection.socketClosed();
        },
      };
    }),
  );
}

/** DESIGN.md: without a public address, no Origin or Origin matching Host; with one, only it. */
function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string | null): boolean {
  if (origin === undefined) return publicUrl === null;
  return isAppOrigin(origin, host, publicUrl);
}
