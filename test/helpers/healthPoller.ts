import { Worker } from 'node:worker_threads';

export interface HealthFigures {
  readonly polls: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** Why the first few failed polls failed. */
  readonly errors: readonly string[];
}

// A worker thread has its own event loop: what it measures is the server's answer time, not
// the time this thread spends applying a large update to its own clients.
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const latencies = [];
let failures = 0;
const errors = [];
let stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  // The first request sets up the thread's HTTP client: not counted.
  await fetch(workerData.url).then((res) => res.text());
  parentPort.postMessage('ready');
  while (!stop) {
    const started = performance.now();
    try {
      const res = await fetch(workerData.url, { signal: AbortSignal.timeout(60000) });
      await res.text();
      if (!res.ok) {
        failures++;
        if (errors.length < 5) errors.push('HTTP ' + res.status);
      }
    } catch (error) {
      failures++;
      if (errors.length < 5) errors.push(String(error && error.cause ? error.cause : error));
    }
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, workerData.everyMs));
  }
  parentPort.postMessage({ latencies, failures, errors });
})();
`;

/** Polls `GET /api/health` every `everyMs` from another thread until `stop()`; resolves once polling. */
export async function pollHealth(baseUrl: string, everyMs = 10): Promise<{ stop(): Promise<HealthFigures> }> {
  const worker = new Worker(POLLER, { eval: true, workerData: { url: `${baseUrl}/api/health`, everyMs } });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  await ready;
  const result = new Promise<{ latencies: number[]; failures: number; errors: string[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { latencies, failures, errors } = await result;
      await worker.terminate();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        polls: sorted.length,
        maxMs: Math.round(sorted.at(-1) ?? 0),
        p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        failures,
        errors,
      };
    },
  };
}
