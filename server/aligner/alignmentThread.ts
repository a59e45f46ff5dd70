import { parentPort } from 'node:worker_threads';
import { computeAlignmentChanges } from '../../shared/model/autoAlign.js';
import type { AlignmentReply, AlignmentRequest } from './alignmentWorker.js';

/** The worker side of `AlignmentWorker`: aligns each input it is handed, in turn, and answers. */
parentPort!.on('message', ({ id, input }: AlignmentRequest) => {
  let reply: AlignmentReply;
  try {
    reply = { id, ok: true, changes: computeAlignmentChanges(input) };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
