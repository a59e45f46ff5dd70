import type { ReadyResponse, ReadinessState } from '../shared/protocol/api.js';

/** Something this instance needs to serve (the store, Redis); `check` rejects when it is not usable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** Checks every answer shows, as `not configured` when no check of that name was given. */
const ALWAYS_SHOWN = ['store', 'redis'] as const;

/** A check that has not answered by then counts as failing: a hung database must not hang the probe. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * Runs every check at once; ready only if each one answers in time. Failures are returned, with
 * the error for the log. `degradedBecause` (e.g. damaged stored history) is shown as `degraded`
 * with its reasons without making the instance unready: it serves, but an operator is needed.
 */
export async function runReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_TIMEOUT_MS,
  degradedBecause: readonly string[] = [],
): Promise<{ response: ReadyResponse; failures: { name: string; error: string }[] }> {
  const failures: { name: string; error: string }[] = [];
  const states: Record<string, ReadinessState> = {};
  for (const name of ALWAYS_SHOWN) states[name] = 'not configured';
  await Promise.all(
    checks.map(async ({ name, check }) => {
      const outcome = await withTimeout(check, timeoutMs);
      states[name] = outcome.state;
      if (outcome.state !== 'ok') failures.push({ name, error: outcome.error });
    }),
  );
  const degraded = degradedBecause.length > 0 ? { degraded: true as const, reasons: [...degradedBecause] } : {};
  return { response: { ready: failures.length === 0, ...states, ...degraded } as ReadyResponse, failures };
}

async function withTimeout(check: () => Promise<void>, timeoutMs: number): Promise<{ state: 'ok' } | { state: 'failed' | 'timed out'; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([check().then(() => 'ok' as const), timeout]);
    return result === 'ok' ? { state: 'ok' } : { state: 'timed out', error: `no answer within ${timeoutMs} ms` };
  } catch (error) {
    return { state: 'failed', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
