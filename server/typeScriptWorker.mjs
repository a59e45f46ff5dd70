// A worker thread does not inherit the tsx loader the server runs under (`npm start`, the CLI,
// the tests): this entry registers it, then runs the TypeScript module named in workerData.entry.
// Compiled to JavaScript, workers start on their module directly and never come here.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
