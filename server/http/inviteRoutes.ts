import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { parseInviteRequest } from '../../shared/model/access.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { InviteResponse, InviteSummary } from '../../shared/protocol/api.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import { ApiError } from './errors.js';
import { openableDeclaration, publicBase, readJson, requireSecretariat, type AppDeps, type Env } from './context.js';

const DAY_MS = 86_400_000;

/**
 * `/api/declarations/:id/invites`: the secretariat invites, lists and revokes. (Each handler
 * checks the role itself: a `use('*')` here would also guard every other declarations route.)
 */
export function inviteRoutes(deps: AppDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.post('/:id/invites', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const parsed = parseInviteRequest(await readJson(c), declaration.languages);
    if (!parsed.ok) throw new ApiError('bad_request', parsed.reason);
    const token = generateToken();
    const now = Date.now();
    const grant = {
      id: randomBytes(9).toString('base64url'),
      declarationId: declaration.id,
      role: parsed.value.role,
      name: parsed.value.name,
      revoked: false,
      createdAt: now,
      expiresAt: parsed.value.expiresInDays === null ? null : now + parsed.value.expiresInDays * DAY_MS,
    };
    await deps.catalog.addGrant(grant, hashToken(token));
    deps.log.info('invite.created', { declaration: declaration.id, grant: grant.id, role: grant.role.kind });
    const url = `${publicBase(deps, c)}/d/${declaration.id}?token=${encodeURIComponent(token)}`;
    return c.json({ id: grant.id, token, url } satisfies InviteResponse, 201);
  });

  routes.get('/:id/invites', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const grants = await deps.catalog.listGrants(declaration.id);
    return c.json(
      grants.map(
        (g): InviteSummary => ({
          id: g.id,
          name: g.name,
          role: g.role,
          createdAt: g.createdAt,
          expiresAt: g.expiresAt,
          revoked: g.revoked,
          connected: deps.connections.count(g.id),
        }),
      ),
    );
  });

  routes.delete('/:id/invites/:grantId', async (c) => {
    requireSecretariat(c.get('principal'));
    const declaration = await openableDeclaration(deps, c.get('principal'), c.req.param('id'));
    const grantId = c.req.param('grantId');
    if (!(await deps.catalog.revokeGrant(declaration.id, grantId))) throw new ApiError('not_found', 'no such invitation');
    // Revocation takes effect on open sockets at once, not at their next reconnect.
    const closed = deps.connections.closeGrant(grantId, CloseCode.Unauthorized, 'your invitation was revoked');
    deps.log.info('invite.revoked', { declaration: declaration.id, grant: grantId, socketsClosed: closed });
    return c.json({ revoked: true, socketsClosed: closed });
  });

  return routes;
}
