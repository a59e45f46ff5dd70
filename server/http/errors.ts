import type { ApiErrorBody, ApiErrorCode } from '../../shared/protocol/api.js';

const STATUS: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 413 | 500> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  internal: 500,
};

/** A refusal of the HTTP API; the app's error handler turns it into a JSON response. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): 400 | 401 | 403 | 404 | 413 | 500 {
    return STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return { error: this.code, message: this.message };
  }
}
