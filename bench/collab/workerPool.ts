/** The bench process's side of the workers: fork one per job, wait until all are ready, start them together. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FromWorker, Job, ResultOf } from './jobs.js';
import { PROJECT_ROOT, trackChild } from './processes.js';
import { wallClock } from './samples.js';

const WORKER = join(PROJECT_ROOT, 'bench/collab/worker.ts');
const READY_TIMEOUT_MS = 120_000;

interface Handle {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  next(): Promise<FromWorker>;
}

/** Worker processes running one job each; `end()` them in a `finally`. */
export class WorkerPool<J extends Job> {
  private constructor(private readonly handles: readonly Handle[]) {}

  /** Forks a worker per job and resolves once every one has connected its clients. */
  static async start<J extends Job>(jobs: readonly J[]): Promise<WorkerPool<J>> {
    const pool = new WorkerPool<J>(jobs.map(() => forkWorker()));
    try {
      pool.handles.forEach((h, i) => h.child.send({ type: 'job', job: jobs[i]! }));
      await Promise.all(pool.handles.map((h) => expect(h, 'ready', READY_TIMEOUT_MS)));
      return pool;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Worker pids, for their CPU time. */
  get pids(): number[] {
    return this.handles.map((h) => h.child.pid!);
  }

  /** Starts every worker at wall-clock `at` and collects the results. */
  async run(at: number, timeoutMs: number): Promise<ResultOf<J>[]> {
    for (const h of this.handles) h.child.send({ type: 'go', at });
    const budget = at - wallClock() + timeoutMs;
    const messages = await Promise.all(this.handles.map((h) => expect(h, 'result', budget)));
    return messages.map((m) => (m as Extract<FromWorker, { type: 'result' }>).result as ResultOf<J>);
  }

  /** Disconnects every worker (it then closes its clients and exits); kills those that linger. */
  async end(): Promise<void> {
    await Promise.all(
      this.handles.map(async (h) => {
        if (h.child.connected) h.child.disconnect();
        const timer = setTimeout(() => h.child.kill('SIGKILL'), 5_000);
        await h.exited;
        clearTimeout(timer);
      }),
    );
  }
}

function forkWorker(): Handle {
  const child = fork(WORKER, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = trackChild(child);
  const inbox: FromWorker[] = [];
  let waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  child.on('message', (message: FromWorker) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve(message);
    } else inbox.push(message);
  });
  void exited.then(() => {
    if (waiting) waiting.reject(new Error(`a worker exited (code ${child.exitCode}, signal ${child.signalCode})`));
    waiting = null;
  });
  return {
    child,
    exited,
    next: () => {
      const queued = inbox.shift();
      if (queued) return Promise.resolve(queued);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error('the worker has exited'));
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
  };
}

async function expect(handle: Handle, type: 'ready' | 'result', timeoutMs: number): Promise<FromWorker> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a worker did not report '${type}' within ${Math.round(timeoutMs)} ms`)), timeoutMs);
  });
  try {
    const message = await Promise.race([handle.next(), timeout]);
    if (message.type === 'error') throw new Error(`worker failed: ${message.message}`);
    if (message.type !== type) throw new Error(`expected '${type}' from a worker, got '${message.type}'`);
    return message;
  } finally {
    clearTimeout(timer);
  }
}

/** Splits `count` clients into groups of at most `perWorker` consecutive indices. */
export function splitClients(count: number, perWorker = 100): number[][] {
  return splitEvenly(count, Math.max(1, Math.ceil(count / perWorker)));
}

/** Splits indices 0 … count − 1 into `groups` runs of consecutive indices, as even as can be (some may be empty). */
export function splitEvenly(count: number, groups: number): number[][] {
  return Array.from({ length: groups }, (_, w) => {
    const from = Math.floor((w * count) / groups);
    const to = Math.floor(((w + 1) * count) / groups);
    return Array.from({ length: to - from }, (_, i) => from + i);
  });
}
