import { applyRowRefresh, refreshRows } from '../../shared/model/rowRefresh.js';
import * as Y from 'yjs';
import { textFragmentName } from '../../shared/model/declaration.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { SERVER_ORIGIN, type Room } from '../collab/room.js';
import type { Logger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import { parseFrame } from '../../shared/protocol/frames.js';
import { AlignmentWorker, type AlignedVersion, type AlignmentComputer } from './alignmentWorker.js';

/** After loading, the first alignment waits this long: the first clients sync first. */
const LOAD_CHECK_MS = 1000;
/**
 * …and, while clients keep arriving (a hall reconnecting at once: `Room.settling`), until they
 * have, checking again this often, at most MAX_LOAD_WAIT_MS in all: what alignment still does on
 * the event loop (the first time, copying the document to the worker) is better done once they are in.
 */
const SETTLE_CHECK_MS = 250;
const MAX_LOAD_WAIT_MS = 30_000;

/**
 * Declarations with less text than this (all languages) align in a few milliseconds: on the event
 * loop, with no thread, whose copy of the document and own heap cost some 20 MB.
 */
const THREAD_FROM_CHARACTERS = 100_000;

export interface AlignerOptions {
  /** Where long declarations are aligned; by default a worker thread of this process. */
  readonly computer?: AlignmentComputer;
  /**
   * Other instances share the store: there a room answers a sync only after reading what they
   * stored, a catch-up the aligner must not set off; its worker's first copy is encoded here.
   */
  readonly clustered?: boolean;
  /** Text (characters, all languages) from which a declaration is aligned in the thread. */
  readonly threadFromCharacters?: number;
}

/**
 * Keeps each open declaration's automatic alignment up to date: a short while after any
 * change to the text (debounced), it re-aligns and writes the rows that changed, as the
 * server, so that every client's rows follow within a second. The document is aligned in a
 * worker thread (`AlignmentComputer`), and the rows written only if it did not change
 * meanwhile; otherwise it aligns again.
 */
export class AlignerService {
  private readonly computer: AlignmentComputer;
  private readonly clustered: boolean;
  private readonly threadFromCharacters: number;

  constructor(
    private readonly catalog: Catalog,
    private readonly log: Logger,
    private readonly debounceMs: number,
    options: AlignerOptions = {},
  ) {
    this.computer = options.computer ?? new AlignmentWorker();
    this.clustered = options.clustered ?? false;
    this.threadFromCharacters = options.threadFromCharacters ?? THREAD_FROM_CHARACTERS;
  }

  /** Ends the worker thread (the server is stopping). */
  close(): Promise<void> {
    return this.computer.close();
  }

  attach(room: Room): void {
    let timer: NodeJS.Timeout | null = null;
    let loadCheck = true;
    const loaded = performance.now();
    // Rows computed from an older document than the room's are not written: the aligner counts
    // every change (text, rows, statuses; from a peer, another instance or the server). A state
    // vector would not do: deleting text leaves it as it was.
    const aligner = room.peek((doc) => (this.clustered ? this.computer.attach(doc) : this.computer.attach(doc, (use) => wholeDocument(room, use))));
    let running: Promise<void> | null = null;
    let again = false;

    /** Aligns a long declaration in the worker thread; here a short one, or when `inThread` is false (closing) or the worker fails. */
    const run = async (inThread: boolean) => {
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
      const refreshHere = () =>
        room.change((doc) => {
          changed = refreshRows(doc, languages, SERVER_ORIGIN);
        });
      let threaded = inThread && room.peek((doc) => textReaches(doc, languages, this.threadFromCharacters));
      if (!threaded) await refreshHere();
      else {
        let aligned: AlignedVersion | null = null;
        try {
          aligned = await aligner.align(languages);
        } catch (error) {
          // Never lose alignment: do it here, holding the event loop as it used to.
          this.log.error('aligner.worker_failed', { declaration: room.id, error: String(error) });
        }
        if (room.isClosed || !room.leads) return;
        if (!aligned) {
          threaded = false;
          await refreshHere();
        } else {
          const { changes, version } = aligned;
          let stale = false;
          await room.change((doc) => {
            stale = aligner.version !== version;
            if (!stale) changed = applyRowRefresh(doc, languages, changes, SERVER_ORIGIN);
          });
          if (stale) {
            this.log.info('aligner.stale', { declaration: room.id, ms: Math.round(performance.now() - started) });
            schedule();
            return;
          }
        }
      }
      if (changed > 0)
        this.log.info('aligner.run', { declaration: room.id, rowsChanged: changed, thread: threaded, ms: Math.round(performance.now() - started) });
    };
    const start = (inThread: boolean): Promise<void> => {
      const done = run(inThread)
        .catch((error) => this.log.error('aligner.failed', { declaration: room.id, error: String(error) }))
        .finally(() => {
          running = null;
          // A change came while aligning: the run for it waited for this one.
          if (again) {
            again = false;
            schedule();
          }
        });
      running = done;
      return done;
    };
    const schedule = (delayMs = this.debounceMs): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        // One alignment at a time per room.
        if (running) again = true;
        else void start(true);
      }, delayMs);
      timer.unref();
    };
    room.hooks.onTextChange(() => {
      loadCheck = false;
      schedule();
    });
    // A change made just before the room unloads is aligned (and stored) before it goes: here,
    // at once (the room is closing), after any alignment under way.
    room.hooks.beforeClose(async () => {
      let wanted = timer !== null;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      wanted ||= timer !== null || again;
      if (timer) clearTimeout(timer);
      timer = null;
      again = false;
      if (!wanted) return;
      loadCheck = false;
      await start(false);
    });
    // Rows were aligned before the room last unloaded: check them once the first readers are in.
    schedule(Math.max(this.debounceMs, LOAD_CHECK_MS));
  }
}

/** What a client holding nothing sends as its state vector. */
const NOTHING_HELD = new Uint8Array([0]);

/**
 * The room's whole document, as it answers clients that hold nothing: usually encoded already
 * (loaded, or asked for by the clients that just arrived), so no walk of the whole document.
 */
async function wholeDocument(room: Room, use: (state: Uint8Array) => void): Promise<void> {
  let failure: string | null = null;
  await room.answerSync(NOTHING_HELD, (frame) => {
    const parsed = frame ? parseFrame(frame) : null;
    if (parsed?.kind === 'sync-step2') use(parsed.update);
    else failure = `the room answered ${parsed?.kind ?? 'nothing'}`;
  });
  if (failure) throw new Error(failure);
}

/** Whether the text of `languages` in `doc` has `limit` characters or more; stops counting there. */
function textReaches(doc: Y.Doc, languages: readonly LanguageCode[], limit: number): boolean {
  let count = 0;
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = languages.flatMap((l) => doc.getXmlFragment(textFragmentName(l)).toArray());
  while (stack.length > 0 && count < limit) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) count += node.length;
    else if (node instanceof Y.XmlElement) stack.push(...node.toArray());
  }
  return count >= limit;
}
