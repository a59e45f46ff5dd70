import type { Context } from 'hono';
import type { Principal } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { FailureLimiter } from '../auth/failureLimiter.js';
import type { ConnectionDirectory } from '../collab/connectionDirectory.js';
import type { ConnectionLimits } from '../collab/connection.js';
import type { RoomRegistry } from '../collab/roomRegistry.js';
import type { Logger } from '../log.js';
import type { AttributionLog } from '../storage/attribution.js';
import type { VersionService } from '../versions/versionService.js';
import type { CirculationService } from '../negotiation/circulationService.js';
import type { PublicationService } from '../publish/publicationService.js';
import type { Catalog } from '../storage/catalog.js';
import type { DocumentStore } from '../storage/documentStore.js';
import { ApiError } from './errors.js';
import type { DeclarationSummary } from '../../shared/model/declaration.js';
import { parseDeclarationId } from '../../shared/model/ids.js';
import { mayOpen } from '../auth/authenticator.js';
import type { ReadinessCheck } from '../readiness.js';
import type { HistoryDamage } from '../collab/historyDamage.js';

export interface AppDeps {
  readonly catalog: Catalog;
  readonly documents: DocumentStore;
  readonly attribution: AttributionLog;
  readonly versions: VersionService;
  readonly circulations: CirculationService;
  readonly publications: PublicationService;
  readonly auth: Authenticator;
  readonly rooms: RoomRegistry;
  readonly connections: ConnectionDirectory;
  readonly failures: FailureLimiter;
  /** How many reverse proxies in front of us to believe about the client's address (0: none, use the socket's). */
  readonly trustedProxies: number;
  readonly log: Logger;
  readonly limits: ConnectionLimits & { readonly maxMessageBytes: number; readonly maxConnectionsPerGrant: number };
  /** When set, WebSocket upgrades must come from this origin, and links use it. */
  readonly publicUrl: string | null;
  /** The built client, or null to serve the API only (under `npm run dev`, Vite serves it). */
  readonly clientDir: string | null;
  /** What `GET /api/ready` checks (the store, Redis): this instance should get traffic only when all pass. */
  readonly readiness: readonly ReadinessCheck[];
  /** Declarations found with damaged stored history: `/api/ready` says degraded, the secretariat sees a banner. */
  readonly historyDamage: HistoryDamage;
  /** When set, `GET /metrics` requires it as a bearer token; otherwise it answers loopback callers only. */
  readonly metricsToken: string | null;
}

export type Env = { Variables: { principal: Principal } };
export type AppContext = Context<Env>;

export function requireSecretariat(principal: Principal): void {
  if (principal.role.kind !== 'secretariat') throw new ApiError('forbidden', 'only the secretariat may do this');
}

/**
 * Creating a declaration is for the secretariat token that opens every declaration: a
 * secretariat invitation belongs to one declaration (DESIGN.md) and must not reach past it.
 */
export function requireUnscopedSecretariat(principal: Principal): void {
  requireSecretariat(principal);
  if (principal.declarationId !== null) throw new ApiError('forbidden', 'this invitation belongs to one declaration and cannot create others');
}

/** The declaration named in the path, if this principal may open it; refusals as API errors. */
export async function openableDeclaration(deps: AppDeps, principal: Principal, raw: string): Promise<DeclarationSummary> {
  const id = parseDeclarationId(raw);
  if (!id.ok) throw new ApiError('not_found', 'no such declaration');
  if (!mayOpen(principal, id.value)) throw new ApiError('forbidden', 'this token does not open this declaration');
  const declaration = await deps.catalog.getDeclaration(id.value);
  if (!declaration) throw new ApiError('not_found', 'no such declaration');
  return declaration;
}

/** The JSON body of a request; refused unless declared `application/json` (a form or `text/plain` post is not one of ours). */
export async function readJson(c: Context): Promise<unknown> {
  requireJsonContentType(c);
  try {
    return await c.req.json();
  } catch {
    throw new ApiError('bad_request', 'the body is not valid JSON');
  }
}

/** Like `readJson`, but an empty body means `{}` (and needs no content type). */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  requireJsonContentType(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'the body is not valid JSON');
  }
}

/**
 * Browsers let any site post `text/plain`, form and multipart bodies cross-origin without asking;
 * `application/json` needs our consent (a CORS preflight we never grant). Requiring it keeps
 * forged posts out even where an Origin check cannot tell.
 */
function requireJsonContentType(c: Context): void {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError('unsupported_media_type', 'the body must be sent as application/json');
}

/** The address a link should point to: the configured public one, else the one the caller used. */
export function publicBase(deps: AppDeps, c: Context): string {
  if (deps.publicUrl) return deps.publicUrl;
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  return `${url.protocol}//${host}`;
}

/** The address of the socket the request arrived on (the proxy's, behind one); see `requesterAddress`. */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
