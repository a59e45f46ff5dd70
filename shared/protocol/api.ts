import type { DeclarationId } from '../model/ids.js';

/** Every refusal of the HTTP API has this body, with a stable code for programs. */
export interface ApiErrorBody {
  readonly error: ApiErrorCode;
  readonly message: string;
}
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'too_large'
  | 'internal';

export interface CreateDeclarationResponse {
  readonly id: DeclarationId;
}

export interface HealthResponse {
  readonly ok: true;
}

/** Path of the collaboration socket; the y-websocket provider appends `/<id>?token=…`. */
export const COLLAB_PATH = '/collab';
