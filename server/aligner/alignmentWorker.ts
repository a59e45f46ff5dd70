import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { AlignmentChanges } from '../../shared/model/autoAlign.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { findProjectRoot } from '../projectRoot.js';

/** Aligns one room's document away from the event loop. */
export interface DocumentAligner {
  /** How many updates the document has had since it was attached: any change, text, rows or statuses. */
  readonly version: number;
  /** The alignment's changes (null: nothing to align, frozen or one language), and the `version` they were computed from. */
  align(languages: readonly LanguageCode[]): Promise<AlignedVersion>;
  /** Forgets the document. */
  detach(): void;
}

export interface AlignedVersion {
  readonly changes: AlignmentChanges | null;
  readonly version: number;
}

/**
 * Hands `use` the whole document as one update, synchronously at a moment it is exactly the
 * document (a room's cached answer to a client that holds nothing, say).
 */
export type FullState = (use: (state: Uint8Array) => void) => Promise<void>;

/** Where documents are aligned: one worker thread per server (`AlignmentWorker`), or a test's wrapper around it. */
export interface AlignmentComputer {
  /** `fullState` spares encoding the document for the thread's first copy; without it, it is encoded here. */
  attach(doc: Y.Doc, fullState?: FullState): DocumentAligner;
  /** Ends what it started; a later `align` starts again. */
  close(): Promise<void>;
}

export type AlignmentRequest =
  | { readonly kind: 'open'; readonly mirror: number; readonly state: Uint8Array; readonly version: number }
  | { readonly kind: 'updates'; readonly mirror: number; readonly updates: readonly Uint8Array[]; readonly version: number }
  | { readonly kind: 'close'; readonly mirror: number }
  | { readonly kind: 'align'; readonly id: number; readonly mirror: number; readonly languages: readonly LanguageCode[] };

export type AlignmentReply =
  | { readonly id: number; readonly ok: true; readonly version: number; readonly changes: AlignmentChanges | null }
  | { readonly id: number; readonly ok: false; readonly error: string };

// As for the .docx worker (server/docxReading/isolatedDocx.ts): TypeScript under tsx or a test
// runner, which the thread needs the loader for; compiled, an entry point of dist/node.
const RUNS_AS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const THREAD_ENTRY = RUNS_AS_TYPESCRIPT
  ? new URL('./alignmentThread.ts', import.meta.url)
  : pathToFileURL(join(findProjectRoot(), 'dist', 'node', 'server', 'aligner', 'alignmentThread.js'));
const TYPESCRIPT_LOADER = new URL('../typeScriptWorker.mjs', import.meta.url);
/** A copy's updates are sent at the next alignment, or sooner once this many bytes or updates wait. */
const MIRROR_BATCH_BYTES = 1024 * 1024;
const MIRROR_BATCH_UPDATES = 2_000;
/** A thread that takes longer than this to answer is taken as stuck: ended, and the alignment done on the event loop. */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * One long-lived worker thread that aligns the server's documents, so that a long declaration's
 * alignment (hundreds of milliseconds) never holds the event loop. Sending a 2 MB text each time
 * would itself take tens of milliseconds here: the thread keeps a copy of each document instead,
 * sent whole once (at its first alignment, as already encoded for clients when it can) and then
 * kept up to date with the updates the document emits anyway, in batches. Started on the first alignment; never keeps the process alive. A thread
 * that fails or exits fails what it was asked, and the next alignment starts a fresh one.
 */
export class AlignmentWorker implements AlignmentComputer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (answer: AlignedVersion) => void; reject: (error: Error) => void }>();

  attach(doc: Y.Doc, fullState?: FullState): DocumentAligner {
    const mirror = this.nextId++;
    let version = 0;
    // The thread the copy lives in; null until the first alignment, or after that thread ended.
    let holder: Worker | null = null;
    // Updates for the copy go in batches (one message per alignment, or per MIRROR_BATCH_BYTES):
    // a message per keystroke would cost more than the copy saves.
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    const flush = () => {
      if (batch.length > 0 && holder && holder === this.worker) this.send({ kind: 'updates', mirror, updates: batch, version });
      batch = [];
      batchBytes = 0;
    };
    const onUpdate = (update: Uint8Array) => {
      version++;
      if (!holder || holder !== this.worker) return;
      batch.push(update);
      batchBytes += update.byteLength;
      if (batchBytes > MIRROR_BATCH_BYTES || batch.length > MIRROR_BATCH_UPDATES) flush();
    };
    doc.on('update', onUpdate);
    const detach = () => {
      doc.off('update', onUpdate);
      batch = [];
      if (holder && holder === this.worker) this.send({ kind: 'close', mirror });
      holder = null;
    };
    doc.once('destroy', detach);
    return {
      get version() {
        return version;
      },
      align: async (languages) => {
        const worker = this.start();
        if (holder !== worker) {
          const open = (state: Uint8Array, owned: boolean) => {
            if (this.worker !== worker) return;
            holder = worker;
            this.send({ kind: 'open', mirror, state, version }, owned);
          };
          // Encoding a long declaration takes a while (80 ms for 2.5 MB): a room usually has it encoded already.
          if (fullState) await fullState((state) => open(state, false));
          else open(Y.encodeStateAsUpdate(doc), true);
          if (holder !== worker) throw new Error('the alignment worker ended before it had the document');
        }
        flush();
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            this.fail(worker, new Error(`the alignment worker did not answer in ${ANSWER_TIMEOUT_MS} ms`));
            void worker.terminate();
          }, ANSWER_TIMEOUT_MS);
          timer.unref();
          const settle = () => clearTimeout(timer);
          this.waiting.set(id, {
            resolve: (answer) => {
              settle();
              resolve(answer);
            },
            reject: (error) => {
              settle();
              reject(error);
            },
          });
          this.send({ kind: 'align', id, mirror, languages: [...languages] });
        });
      },
      detach,
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.fail(worker, new Error('the alignment worker was closed'));
    await worker.terminate();
  }

  /** `owned`: the state's buffer is this worker's alone, and moved to the thread rather than copied. */
  private send(request: AlignmentRequest, owned = false): void {
    this.worker?.postMessage(request, owned && request.kind === 'open' ? [request.state.buffer as ArrayBuffer] : []);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(RUNS_AS_TYPESCRIPT ? TYPESCRIPT_LOADER : THREAD_ENTRY, { workerData: { entry: THREAD_ENTRY.href } });
    worker.unref();
    worker.on('message', (reply: AlignmentReply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve({ changes: reply.changes, version: reply.version });
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
