/**
 * A benchmark worker process (`node --import tsx bench/collab/worker.ts`, forked with an IPC
 * channel): receives one job, connects its light clients, says `ready`, runs the client side of
 * the scenario from the common start instant, and sends the raw samples back. It exits when the
 * bench process disconnects (its sockets close with it).
 */
import type { FromWorker, Job, ToWorker } from './jobs.js';
import { runPresenceJob } from './presenceJob.js';
import { runStormJob } from './stormJob.js';
import { runWritersJob } from './writersJob.js';

const inbox: ToWorker[] = [];
let waiting: ((message: ToWorker) => void) | null = null;

process.on('message', (message: ToWorker) => {
  if (waiting) {
    const resolve = waiting;
    waiting = null;
    resolve(message);
  } else inbox.push(message);
});
process.on('disconnect', () => process.exit(0));

function nextMessage(): Promise<ToWorker> {
  const queued = inbox.shift();
  if (queued) return Promise.resolve(queued);
  return new Promise((resolve) => (waiting = resolve));
}

function send(message: FromWorker): void {
  process.send!(message);
}

/** Says `ready` and resolves with the start instant the bench process sends back. */
async function start(): Promise<number> {
  send({ type: 'ready' });
  const message = await nextMessage();
  if (message.type !== 'go') throw new Error(`expected go, got ${message.type}`);
  return message.at;
}

async function main(): Promise<void> {
  const message = await nextMessage();
  if (message.type !== 'job') throw new Error(`expected a job, got ${message.type}`);
  const job: Job = message.job;
  const result =
    job.kind === 'writers' ? await runWritersJob(job, start) : job.kind === 'presence' ? await runPresenceJob(job, start) : await runStormJob(job, start);
  send({ type: 'result', result });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
