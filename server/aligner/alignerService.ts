import { refreshRows } from '../../shared/model/rowRefresh.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { SERVER_ORIGIN, type Room } from '../collab/room.js';
import type { Logger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';

/**
 * Keeps each open declaration's automatic alignment up to date: a short while after any
 * change to the text (debounced), it re-aligns and writes the rows that changed, as the
 * server, so that every client's rows follow within a second.
 */
/** After loading, the first alignment waits this long: the first clients sync first. */
const LOAD_CHECK_MS = 1000;
/**
 * …and, while clients keep arriving (a hall reconnecting at once: `Room.settling`), until they
 * have, checking again this often, at most MAX_LOAD_WAIT_MS in all: aligning a long declaration
 * holds the event loop for a while, which arriving clients would wait through.
 */
const SETTLE_CHECK_MS = 250;
const MAX_LOAD_WAIT_MS = 30_000;

export class AlignerService {
  constructor(
    private readonly catalog: Catalog,
    private readonly log: Logger,
    private readonly debounceMs: number,
  ) {}

  attach(room: Room): void {
    let timer: NodeJS.Timeout | null = null;
    let loadCheck = true;
    const loaded = performance.now();
    const run = async () => {
      timer = null;
      // With several instances, the one holding the declaration's lease aligns (it hears of every change).
      if (room.isClosed || !room.leads) return;
      if (loadCheck && room.settling && performance.now() - loaded < MAX_LOAD_WAIT_MS) {
        schedule(SETTLE_CHECK_MS);
        return;
      }
      loadCheck = false;
      // Read each time: a language column may have been added since.
      const languages: readonly LanguageCode[] = (await this.catalog.getDeclaration(room.id))?.languages ?? [];
      const started = performance.now();
      let changed = 0;
      await room.change((doc) => {
        changed = refreshRows(doc, languages, SERVER_ORIGIN);
      });
      if (changed > 0) this.log.info('aligner.run', { declaration: room.id, rowsChanged: changed, ms: Math.round(performance.now() - started) });
    };
    const schedule = (delayMs = this.debounceMs): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run().catch((error) => this.log.error('aligner.failed', { declaration: room.id, error: String(error) })), delayMs);
      timer.unref();
    };
    room.hooks.onTextChange(() => {
      loadCheck = false;
      schedule();
    });
    // A change made just before the room unloads is aligned (and stored) before it goes.
    room.hooks.beforeClose(async () => {
      if (!timer) return;
      clearTimeout(timer);
      loadCheck = false;
      await run();
    });
    // Rows were aligned before the room last unloaded: check them once the first readers are in.
    schedule(Math.max(this.debounceMs, LOAD_CHECK_MS));
  }
}
