import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AlignmentChanges, AlignmentInput } from '../../shared/model/autoAlign.js';
import { findProjectRoot } from '../projectRoot.js';

/** Computes the automatic alignment's changes somewhere other than the caller's event loop. */
export interface AlignmentComputer {
  compute(input: AlignmentInput): Promise<AlignmentChanges>;
  /** Ends what it started; a later `compute` may start again. */
  close(): Promise<void>;
}

export interface AlignmentRequest {
  readonly id: number;
  readonly input: AlignmentInput;
}

export type AlignmentReply = { readonly id: number; readonly ok: true; readonly changes: AlignmentChanges } | { readonly id: number; readonly ok: false; readonly error: string };

// As for the .docx worker (server/docxReading/isolatedDocx.ts): TypeScript under tsx or a test
// runner, which the thread needs the loader for; compiled, an entry point of dist/node.
const RUNS_AS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const THREAD_ENTRY = RUNS_AS_TYPESCRIPT
  ? new URL('./alignmentThread.ts', import.meta.url)
  : pathToFileURL(join(findProjectRoot(), 'dist', 'node', 'server', 'aligner', 'alignmentThread.js'));
const TYPESCRIPT_LOADER = new URL('../typeScriptWorker.mjs', import.meta.url);

/**
 * One long-lived worker thread that aligns declarations, one input after another, so that a long
 * declaration's alignment (hundreds of milliseconds) never holds the server's event loop. Started
 * on the first request; never keeps the process alive. A thread that fails or exits fails what it
 * was asked, and the next request starts a fresh one.
 */
export class AlignmentWorker implements AlignmentComputer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (changes: AlignmentChanges) => void; reject: (error: Error) => void }>();

  compute(input: AlignmentInput): Promise<AlignmentChanges> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        worker.postMessage({ id, input } satisfies AlignmentRequest);
      } catch (error) {
        this.waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.fail(worker, new Error('the alignment worker was closed'));
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(RUNS_AS_TYPESCRIPT ? TYPESCRIPT_LOADER : THREAD_ENTRY, { workerData: { entry: THREAD_ENTRY.href } });
    worker.unref();
    worker.on('message', (reply: AlignmentReply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.changes);
      else waiter.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the alignment worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Drops `worker` and fails everything it was asked. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
