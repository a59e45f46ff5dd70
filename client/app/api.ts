import type { DeclarationSummary } from '../../shared/model/declaration';
import type { CanonicalText } from '../../shared/compare/canonical';
import type { Comparison } from '../../shared/compare/compare';
import type { ConcordanceIssue } from '../../shared/publish/concordance';
import type { HistoryDamageResponse, PublicationStatusResponse, RestoreFromCopyRequest, RestoreFromCopyResponse } from '../../shared/protocol/api';
import type { DeclarationExport } from '../../shared/publish/declarationExport';
import type {
  ApiErrorBody,
  CreateDeclarationResponse,
  InviteResponse,
  InviteSummary,
  MeResponse,
  ParagraphEditResponse,
  ImportPreviewResponse,
  Objection,
  ObjectionRequest,
} from '../../shared/protocol/api';

/** A draft to import (see server/importing). */
export interface ImportSourceInput {
  readonly lang?: string;
  readonly fileName?: string;
  readonly text?: string;
  readonly docxBase64?: string;
}

export type Me = MeResponse;

import type { VersionEntry } from '../../shared/protocol/api';

export type { VersionEntry };

/** How far an import request has got: bytes sent, then the server at work. */
export interface ImportProgress {
  readonly phase: 'sending' | 'working';
  readonly sent: number;
  /** 0 when the size is not known. */
  readonly total: number;
}

/** A refusal from the server, with its stable code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP API, authenticated by the session cookie. */
export function createApi() {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      const err = (await res.json().catch(() => null)) as ApiErrorBody | null;
      throw new ApiFailure(res.status, err?.reason ?? err?.error ?? 'internal', err?.message ?? res.statusText);
    }
    return (await res.json()) as T;
  }
  /**
   * The same call through XMLHttpRequest, whose upload reports its progress (fetch's does not):
   * a 5 MB import takes a while to send on a slow line.
   */
  function callWithProgress<T>(method: string, path: string, body: unknown, onProgress: (progress: ImportProgress) => void): Promise<T> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.upload.onprogress = (e) => onProgress({ phase: 'sending', sent: e.loaded, total: e.lengthComputable ? e.total : 0 });
      // Everything is sent: the server is reading, aligning (and, on create, storing).
      xhr.upload.onload = () => onProgress({ phase: 'working', sent: 0, total: 0 });
      xhr.onerror = () => reject(new ApiFailure(0, 'internal', 'the server could not be reached'));
      xhr.onload = () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          parsed = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
        const err = parsed as ApiErrorBody | null;
        reject(new ApiFailure(xhr.status, err?.reason ?? err?.error ?? 'internal', err?.message ?? xhr.statusText));
      };
      xhr.send(JSON.stringify(body));
    });
  }
  const callImport = <T>(path: string, body: unknown, onProgress?: (progress: ImportProgress) => void): Promise<T> =>
    onProgress ? callWithProgress<T>('POST', path, body, onProgress) : call<T>('POST', path, body);
  return {
    me: () => call<Me>('GET', '/api/me'),
    listDeclarations: () => call<DeclarationSummary[]>('GET', '/api/declarations'),
    getDeclaration: (id: string) => call<DeclarationSummary>('GET', `/api/declarations/${encodeURIComponent(id)}`),
    createDeclaration: (title: string, languages: string[]) => call<CreateDeclarationResponse>('POST', '/api/declarations', { title, languages }),
    listInvites: (id: string) => call<InviteSummary[]>('GET', `/api/declarations/${encodeURIComponent(id)}/invites`),
    invite: (id: string, body: { role: string; lang?: string; name: string; expiresInDays?: number | null }) =>
      call<InviteResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/invites`, body),
    revokeInvite: (id: string, grantId: string) =>
      call<{ revoked: boolean }>('DELETE', `/api/declarations/${encodeURIComponent(id)}/invites/${encodeURIComponent(grantId)}`),
    listVersions: (id: string) => call<VersionEntry[]>('GET', `/api/declarations/${encodeURIComponent(id)}/versions`),
    nameVersion: (id: string, label: string, note: string) =>
      call<{ version: number }>('POST', `/api/declarations/${encodeURIComponent(id)}/versions`, { label, note }),
    readVersion: (id: string, version: number) =>
      call<{ meta: VersionEntry; text: CanonicalText }>('GET', `/api/declarations/${encodeURIComponent(id)}/versions/${version}`),
    restoreVersion: (id: string, version: number, languages: string[]) =>
      call<{ restored: boolean }>('POST', `/api/declarations/${encodeURIComponent(id)}/versions/${version}/restore`, { languages }),
    /** `withSuggestions`: the live text's pending suggestions laid over the comparison (marked `suggestion`). */
    compare: (id: string, from: string, to: string, withId: string | null = null, withSuggestions = false) =>
      call<Comparison>(
        'GET',
        `/api/declarations/${encodeURIComponent(id)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${withId ? `&toDeclaration=${encodeURIComponent(withId)}` : ''}${withSuggestions ? '&suggestions=1' : ''}`,
      ),
    changesSince: (id: string, since: number) =>
      call<{ pid: string; name: string; at: number }[]>('GET', `/api/declarations/${encodeURIComponent(id)}/changes?since=${since}`),
    circulate: (id: string, version: number, deadline: number) =>
      call<{ id: string }>('POST', `/api/declarations/${encodeURIComponent(id)}/circulations`, { version, deadline }),
    raiseObjection: (id: string, body: ObjectionRequest) => call<Objection>('POST', `/api/declarations/${encodeURIComponent(id)}/objections`, body),
    addLanguage: (id: string, language: string) => call<{ languages: string[] }>('POST', `/api/declarations/${encodeURIComponent(id)}/languages`, { language }),
    previewImport: (languages: string[], sources: ImportSourceInput[], onProgress?: (progress: ImportProgress) => void) =>
      callImport<ImportPreviewResponse>('/api/imports/preview', { languages, sources }, onProgress),
    importDeclaration: (title: string, languages: string[], sources: ImportSourceInput[], onProgress?: (progress: ImportProgress) => void) =>
      callImport<{ id: string; url: string }>('/api/declarations/import', { title, languages, sources }, onProgress),
    /** The declaration as exported (the frozen text once frozen): what a signatory reads before signing. */
    exportJson: (id: string) => call<DeclarationExport>('GET', `/api/declarations/${encodeURIComponent(id)}/export?format=json`),
    publication: (id: string) => call<PublicationStatusResponse>('GET', `/api/declarations/${encodeURIComponent(id)}/publication`),
    concordance: (id: string) => call<{ issues: ConcordanceIssue[] }>('GET', `/api/declarations/${encodeURIComponent(id)}/concordance`),
    freeze: (id: string, override?: string) =>
      call<PublicationStatusResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/freeze`, override ? { override } : {}),
    unfreeze: (id: string, reason: string) => call<PublicationStatusResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/unfreeze`, { reason }),
    registerSigningKey: (id: string, publicKey: string) =>
      call<{ publicKey: string }>('POST', `/api/declarations/${encodeURIComponent(id)}/signing-key`, { publicKey }),
    sign: (id: string, signature: string, sha256: string) =>
      call<PublicationStatusResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/signatures`, { signature, sha256 }),
    publish: (id: string) => call<PublicationStatusResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/publish`),
    openCorrection: (id: string) => call<{ id: string }>('POST', `/api/declarations/${encodeURIComponent(id)}/correction`),
    historyDamage: (id: string) => call<HistoryDamageResponse>('GET', `/api/declarations/${encodeURIComponent(id)}/damage`),
    restoreHistory: (id: string, update: string) =>
      call<RestoreFromCopyResponse>('POST', `/api/declarations/${encodeURIComponent(id)}/damage/restore`, { update } satisfies RestoreFromCopyRequest),
    paragraphHistory: (id: string, pid: string) =>
      call<ParagraphEditResponse[]>('GET', `/api/declarations/${encodeURIComponent(id)}/paragraphs/${encodeURIComponent(pid)}/history`),
  };
}

export type Api = ReturnType<typeof createApi>;
