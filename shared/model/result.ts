/** An expected failure is a value: callers branch on `ok` instead of catching. */
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;
export type Failure = { readonly ok: false; readonly reason: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (reason: string): Failure => ({ ok: false, reason });
