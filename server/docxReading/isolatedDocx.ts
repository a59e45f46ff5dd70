import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findProjectRoot } from '../projectRoot.js';
import { importFailure, validateDocxSize, type ImportResult } from '../../shared/import/limits.js';
import type { ImportedDocument } from '../../shared/import/types.js';

/** What one .docx parse may use before it is stopped. */
export interface ParseBounds {
  /** Wall-clock time from handing the file over to the answer (a fresh worker's start-up included). */
  readonly timeoutMs: number;
  /** The worker's JavaScript heap; past it the worker dies, not the server. */
  readonly maxHeapMb: number;
}

export const DEFAULT_PARSE_BOUNDS: ParseBounds = { timeoutMs: 30_000, maxHeapMb: 512 };

/** Parses at once, at most; more wait their turn (imports are rare, and each may use a core). */
const CONCURRENT_PARSES = 2;
/** A worker left idle this long ends, giving its memory back; the next import starts a fresh one. */
const IDLE_MS = 30_000;

// Under a test runner or tsx this module is TypeScript and the worker needs the loader; compiled
// (npm start, the CLI) it is bundled into a chunk of dist/node, and the worker is an entry point
// of that build at the same path as its source (scripts/serverBuild.mjs).
const RUNS_AS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = RUNS_AS_TYPESCRIPT
  ? new URL('./docxWorker.ts', import.meta.url)
  : pathToFileURL(join(findProjectRoot(), 'dist', 'node', 'server', 'docxReading', 'docxWorker.js'));
const TYPESCRIPT_LOADER = new URL('../typeScriptWorker.mjs', import.meta.url);

interface IdleWorker {
  readonly worker: Worker;
  readonly bounds: ParseBounds;
  readonly timer: NodeJS.Timeout;
}

const idle: IdleWorker[] = [];
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Parses a .docx in a worker thread with a bounded heap and a time limit, so that a hostile file
 * (a zip bomb, a pathological document) costs that worker, never the server's event loop or
 * memory: other requests keep being answered while it runs, and a worker that runs out of
 * memory or time is ended and the file answered as too large. Workers that answered are kept
 * for the next import for a while (starting one loads the parser, which takes a moment).
 */
export async function parseDocxIsolated(bytes: Uint8Array, bounds: ParseBounds = DEFAULT_PARSE_BOUNDS): Promise<ImportResult<ImportedDocument>> {
  const size = validateDocxSize(bytes.byteLength);
  if (!size.ok) return size;
  if (running >= CONCURRENT_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await parseIn(takeWorker(bounds), bytes, bounds);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function takeWorker(bounds: ParseBounds): Worker {
  const index = idle.findIndex((w) => w.bounds.maxHeapMb === bounds.maxHeapMb);
  if (index >= 0) {
    const [kept] = idle.splice(index, 1);
    clearTimeout(kept!.timer);
    kept!.worker.ref();
    return kept!.worker;
  }
  return new Worker(RUNS_AS_TYPESCRIPT ? TYPESCRIPT_LOADER : WORKER_ENTRY, {
    workerData: { entry: WORKER_ENTRY.href },
    resourceLimits: { maxOldGenerationSizeMb: bounds.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
}

function keepWorker(worker: Worker, bounds: ParseBounds): void {
  // An idle worker must not keep a finished process (the CLI) alive.
  worker.unref();
  const entry: IdleWorker = {
    worker,
    bounds,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  idle.push(entry);
}

function parseIn(worker: Worker, bytes: Uint8Array, bounds: ParseBounds): Promise<ImportResult<ImportedDocument>> {
  return new Promise((resolve) => {
    const finish = (result: ImportResult<ImportedDocument>, healthy: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (healthy) keepWorker(worker, bounds);
      else void worker.terminate();
      resolve(result);
    };
    const onMessage = (result: ImportResult<ImportedDocument>) => finish(result, true);
    const onError = (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? importFailure('too-large', 'the .docx needs more memory to read than an import may use')
          : importFailure('unreadable', 'the .docx file is damaged and cannot be read'),
        false,
      );
    const onExit = () => finish(importFailure('unreadable', 'the .docx file is damaged and cannot be read'), false);
    const timer = setTimeout(() => finish(importFailure('too-large', 'the .docx takes too long to read'), false), bounds.timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // The copy is moved, not cloned, into the worker; the caller keeps its own bytes.
    const copy = bytes.slice();
    worker.postMessage(copy, [copy.buffer]);
  });
}
