/** An expected failure is a value: callers branch on `ok` instead of catching. */
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

/**
 * What kind of failure it is, for programs (an HTTP status, a translated message); the reason is
 * for people. `invalid`: the input is wrong; `not_found`: what it names does not exist;
 * `conflict`: the input is fine but the declaration's state refuses it now (frozen, say).
 */
export type FailureCode = 'invalid' | 'not_found' | 'conflict';

export type Failure = { readonly ok: false; readonly reason: string; readonly code: FailureCode };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (reason: string, code: FailureCode = 'invalid'): Failure => ({ ok: false, reason, code });
