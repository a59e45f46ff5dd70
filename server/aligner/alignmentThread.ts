import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { computeAlignmentChanges } from '../../shared/model/autoAlign.js';
import { readRowRefreshInput } from '../../shared/model/rowRefresh.js';
import type { AlignmentReply, AlignmentRequest } from './alignmentWorker.js';

/** Each mirrored document, and how many of its updates it holds. */
const mirrors = new Map<number, { readonly doc: Y.Doc; version: number }>();

/**
 * The worker side of `AlignmentWorker`: keeps a copy of each room's document up to date with the
 * updates it is sent, and aligns it when asked, answering with the changes and the version they
 * were computed from.
 */
parentPort!.on('message', (request: AlignmentRequest) => {
  switch (request.kind) {
    case 'open': {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, request.state);
      mirrors.set(request.mirror, { doc, version: request.version });
      return;
    }
    case 'updates': {
      const mirror = mirrors.get(request.mirror);
      if (!mirror) return;
      mirror.doc.transact(() => {
        for (const update of request.updates) Y.applyUpdate(mirror.doc, update);
      });
      mirror.version = request.version;
      return;
    }
    case 'close':
      mirrors.get(request.mirror)?.doc.destroy();
      mirrors.delete(request.mirror);
      return;
    case 'align': {
      const mirror = mirrors.get(request.mirror);
      let reply: AlignmentReply;
      try {
        if (!mirror) throw new Error(`no document ${request.mirror} in the alignment worker`);
        const input = readRowRefreshInput(mirror.doc, request.languages);
        reply = { id: request.id, ok: true, version: mirror.version, changes: input && computeAlignmentChanges(input) };
      } catch (error) {
        reply = { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      parentPort!.postMessage(reply);
    }
  }
});
