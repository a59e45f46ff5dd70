import type { DeclarationId } from '../model/ids.js';

/** Every refusal of the HTTP API has this body, with a stable code for programs. */
export interface ApiErrorBody {
  readonly error: ApiErrorCode;
  readonly message: string;
  /** A finer reason where one exists, e.g. an import failure: empty, too-large, unsupported, wrong-language, unreadable. */
  readonly reason?: string;
}

/** `POST /api/imports/preview` answers with the paragraphs found per language, before anything is created. */
export interface ImportPreviewResponse {
  readonly blocks: Readonly<Record<string, readonly import('../model/documentText.js').ImportableBlock[]>>;
  /** Each other language aligned against the first, as the import will: the rows the aligner is unsure of. */
  readonly unsure: readonly import('../import/unsureRows.js').UnsureRows[];
}
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'too_large'
  | 'unsupported_media_type'
  | 'conflict'
  | 'too_many'
  | 'internal';

export interface CreateDeclarationResponse {
  readonly id: DeclarationId;
}

export interface HealthResponse {
  readonly ok: true;
}

/** One dependency as `GET /api/ready` reports it. */
export type ReadinessState = 'ok' | 'failed' | 'timed out' | 'not configured';

/**
 * `GET /api/ready`: 200 when `ready`, else 503; one entry per dependency (`store`, `redis`, any
 * other check). `degraded` (with `reasons`) appears only when the instance serves but needs an
 * operator, e.g. a declaration's stored history was found damaged: it stays ready (taking it out
 * of rotation would hide the declaration from the secretariat that can restore it).
 */
export interface ReadyResponse {
  readonly ready: boolean;
  readonly store: ReadinessState;
  readonly redis: ReadinessState;
  readonly degraded?: true;
  readonly reasons?: readonly string[];
  readonly [dependency: string]: ReadinessState | boolean | readonly string[] | undefined;
}

/**
 * `GET /api/declarations/:id/damage` (secretariat): what the server found unreadable in the
 * declaration's stored history when it loaded it, and what it recovered; `damage` is null when
 * the history read whole.
 */
export interface HistoryDamageResponse {
  readonly damage: HistoryDamage | null;
  /** The server's Yjs state vector (base64url) while damaged: a page sends only what the server lacks. */
  readonly stateVector: string | null;
}

/**
 * `POST /api/declarations/:id/damage/restore` (secretariat, only while the history is reported
 * damaged): `update` is a Yjs update (base64url) from a page's copy; what the server lacks of it
 * is added, as the server, whoever first wrote it.
 */
export interface RestoreFromCopyRequest {
  readonly update: string;
}

export interface RestoreFromCopyResponse {
  /** Units of content (characters, elements, entries) that were missing from the server and are now stored. */
  readonly restored: number;
  /** Stored changes still waiting for lost content. */
  readonly waiting: number;
}

export interface HistoryDamage {
  /** When the damage was found (ISO 8601). */
  readonly foundAt: string;
  /** Why the first damaged part could not be read (e.g. `checksum mismatch`). */
  readonly reason: string;
  /** Damaged stored changes skipped (a stretch of unreadable bytes counts as one). */
  readonly lost: number;
  /** Intact stored changes loaded (the damaged ones skipped). */
  readonly recovered: number;
  /** The version whose full state filled in what the damaged part held, if there was one. */
  readonly filledFrom: { readonly version: number; readonly label: string; readonly at: number } | null;
  /** Stored changes that stay waiting for lost content; a fuller copy (a page that held the text) completes them. */
  readonly waiting: number;
  /** Name of the byte-identical copy of the damaged file the server kept (in its data directory), if any. */
  readonly keptAs: string | null;
}

/** Path of the collaboration socket; the y-websocket provider appends `/<id>?token=…`. */
export const COLLAB_PATH = '/collab';

/** Who the caller is (`GET /api/me`, `POST /api/session`). */
export interface MeResponse {
  readonly name: string;
  readonly role: import('../model/access.js').Role;
  /** The one declaration an invitation opens; null for the secretariat's bootstrap token. */
  readonly declarationId: DeclarationId | null;
}

/** `POST /api/declarations/:id/invites` answers with the secret once; it is never shown again. */
export interface InviteResponse {
  readonly id: string;
  readonly token: string;
  readonly url: string;
}

/** An entry of the invitations page (no token: it is stored only as a hash). */
export interface InviteSummary {
  readonly id: string;
  readonly name: string;
  readonly role: import('../model/access.js').Role;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revoked: boolean;
  /** Sockets open right now with this invitation. */
  readonly connected: number;
}

/** One line of a paragraph's authors (`GET /api/declarations/:id/paragraphs/:pid/history`). */
export interface ParagraphEditResponse {
  readonly name: string;
  readonly at: number;
}

/** How a version came to be: named by the secretariat, or taken by the server after a pause. */
export type VersionKind = 'named' | 'auto';

/** One entry of `GET /api/declarations/:id/versions` (and the `meta` of a version read). */
export interface VersionEntry {
  readonly version: number;
  readonly kind: VersionKind;
  readonly label: string;
  readonly note: string;
  readonly at: number;
  /** The name of whoever named it ("Accord" for automatic checkpoints). */
  readonly by: string;
  /** What changed since the previous version; null for versions stored before summaries existed. */
  readonly changeSummary: VersionSummary | null;
}

/** What a version records about itself besides its text (`changeSummary` of the version list). */
export interface VersionSummary {
  /** The comparison summary against the previous version; null for the first. */
  readonly changes: import('../compare/comparison.js').ComparisonSummary | null;
  /** Text still in brackets, per language. */
  readonly openBrackets: Readonly<Record<string, number>>;
}

/** `GET /api/declarations/:id/publication`: where a declaration stands between draft and publication. */
export interface PublicationStatusResponse {
  readonly frozen: null | {
    readonly at: number;
    readonly by: string;
    /** The freeze date in the fingerprint (YYYY-MM-DD). */
    readonly date: string;
    /** The version taken at the freeze. */
    readonly version: number;
    readonly sha256: string;
    readonly overrideReason: string | null;
  };
  readonly signatures: readonly import('../publish/declarationExport.js').SignatureRecord[];
  /** Languages still waiting for their signatory. */
  readonly awaiting: readonly string[];
  readonly published: null | { readonly at: number; readonly url: string };
  /** The published declaration this one corrects, if any. */
  readonly replaces: string | null;
  /** The declaration whose publication corrects this one, if any. */
  readonly correctedBy: string | null;
  /** Earlier freezes that were lifted, with why. */
  readonly unfreezes: readonly { readonly at: number; readonly by: string; readonly reason: string }[];
}

/** `POST /api/declarations/:id/objections`: what a delegation sends, and the objection recorded (201). */
export type { ObjectionRequest, Objection } from '../negotiation/circulation.js';
