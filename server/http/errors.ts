import type { Failure, FailureCode } from '../../shared/model/result.js';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/protocol/api.js';

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500;

const STATUS: Record<ApiErrorCode, Status> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unsupported_media_type: 415,
  conflict: 409,
  too_many: 429,
  internal: 500,
};

const FAILURE_STATUS: Record<FailureCode, ApiErrorCode> = { invalid: 'bad_request', not_found: 'not_found', conflict: 'conflict' };

/** The HTTP refusal for an expected failure of the domain, by its code. */
export function apiFailure(failure: Failure): ApiError {
  return new ApiError(FAILURE_STATUS[failure.code], failure.reason);
}

/** A refusal of the HTTP API; the app's error handler turns it into a JSON response. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** A finer, stable reason a client can translate (e.g. an import failure's code). */
    readonly reason?: string,
  ) {
    super(message);
  }

  get status(): Status {
    return STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return this.reason === undefined ? { error: this.code, message: this.message } : { error: this.code, message: this.message, reason: this.reason };
  }
}
