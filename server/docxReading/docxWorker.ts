import { parentPort } from 'node:worker_threads';
import { parseDocx } from './docx.js';

/** The worker side of `parseDocxIsolated`: parses each file it is handed, one at a time, and answers. */
parentPort!.on('message', async (bytes: Uint8Array) => {
  parentPort!.postMessage(await parseDocx(bytes));
});
