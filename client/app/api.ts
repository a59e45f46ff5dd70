import type { DeclarationSummary } from '../../shared/model/declaration';
import type { ApiErrorBody, CreateDeclarationResponse } from '../../shared/protocol/api';
import type { Role } from '../../shared/model/access';

export interface Me {
  readonly name: string;
  readonly role: Role;
  readonly declarationId: string | null;
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

export function createApi(token: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      const err = (await res.json().catch(() => null)) as ApiErrorBody | null;
      throw new ApiFailure(res.status, err?.error ?? 'internal', err?.message ?? res.statusText);
    }
    return (await res.json()) as T;
  }
  return {
    me: () => call<Me>('GET', '/api/me'),
    listDeclarations: () => call<DeclarationSummary[]>('GET', '/api/declarations'),
    getDeclaration: (id: string) => call<DeclarationSummary>('GET', `/api/declarations/${encodeURIComponent(id)}`),
    createDeclaration: (title: string, languages: string[]) =>
      call<CreateDeclarationResponse>('POST', '/api/declarations', { title, languages }),
  };
}

export type Api = ReturnType<typeof createApi>;
