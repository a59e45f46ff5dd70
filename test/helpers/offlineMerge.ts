import { seededRandom, testSeed } from './seededRandom.js';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { apiClient } from './api.js';
import { pollHealth, type HealthFigures } from './healthPoller.js';
import { seedDeclaration } from './seed.js';
import { spawnServer, type ServerProcess } from './serverProcess.js';
import { makeDataDir } from './testServer.js';
import { connectClient, waitFor, type YClient } from './yclient.js';

export interface MergeOptions {
  /** Edits the offline client makes (insertions, deletions of its own, new paragraphs). */
  readonly offlineEdits: number;
  /** Edits each online client makes at least (they go on until the merge is over). */
  readonly onlineEdits: number;
  readonly seed?: number;
  /** How long to wait for the merge and for every client to agree. */
  readonly timeoutMs?: number;
}

export interface MergeFigures {
  readonly seed: number;
  readonly offline: { readonly insertions: number; readonly deletions: number; readonly paragraphs: number };
  readonly online: { readonly b: number; readonly c: number };
  /** Bytes of what the offline client had that the server lacked. */
  readonly mergeBytes: number;
  /** From reconnecting until an online client holds every offline edit (stored, then broadcast). */
  readonly mergeMs: number;
  /** From reconnecting until all three clients hold the same text in every language. */
  readonly convergeMs: number;
  /** `/api/health` polled every 10 ms from another thread, from just before the reconnect until convergence. */
  readonly health: HealthFigures;
  /** The same, while the online clients edit and the other is offline: the load without the merge. */
  readonly healthBefore: HealthFigures;
  /** What went wrong: texts that differ, markers missing, duplicated or back from deletion. */
  readonly problems: readonly string[];
}

const TOKEN = 'offline-merge-token';
const LANGS = ['fr', 'vi'] as const;

/**
 * One writer's edits to one language: markers `{<tag><n>}` inserted between markers (never inside
 * one), some of its own markers deleted again, and new paragraphs. Remembers what should remain.
 */
export class Writer {
  readonly kept = new Set<string>();
  readonly deleted = new Set<string>();
  insertions = 0;
  deletions = 0;
  paragraphs = 0;
  private readonly own = new Map<Y.XmlText, string[]>();
  private readonly added: Y.XmlText[] = [];
  private n = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly lang: string,
    private readonly tag: string,
    private readonly rand: () => number,
    /** Paragraphs it writes in: the first `sharedParagraphs` (the seeded ones) and those it adds. */
    private readonly sharedParagraphs: number,
  ) {}

  edit(): void {
    const r = this.rand();
    if (r < 0.01) this.addParagraph();
    else if (r < 0.1 && this.deleteOwn()) return;
    else this.insert();
  }

  private marker(): string {
    return `{${this.tag}${this.n++}}`;
  }

  private texts(): Y.XmlText[] {
    const fragment = this.doc.getXmlFragment(`text:${this.lang}`);
    const shared: Y.XmlText[] = [];
    for (let i = 0; i < Math.min(this.sharedParagraphs, fragment.length); i++) shared.push((fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText);
    return shared.concat(this.added);
  }

  private insert(): void {
    const texts = this.texts();
    const text = texts[Math.floor(this.rand() * texts.length)]!;
    const s = text.toString();
    const boundaries = [0];
    let depth = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}') depth--;
      if (depth === 0) boundaries.push(i + 1);
    }
    const m = this.marker();
    text.insert(boundaries[Math.floor(this.rand() * boundaries.length)]!, m);
    this.kept.add(m);
    (this.own.get(text) ?? this.own.set(text, []).get(text)!).push(m);
    this.insertions++;
  }

  private deleteOwn(): boolean {
    const candidates = [...this.own.entries()].filter(([, ms]) => ms.length > 0);
    if (candidates.length === 0) return false;
    const [text, ms] = candidates[Math.floor(this.rand() * candidates.length)]!;
    const m = ms.splice(Math.floor(this.rand() * ms.length), 1)[0]!;
    const at = text.toString().indexOf(m);
    if (at < 0) throw new Error(`${m} is not where it was written`);
    text.delete(at, m.length);
    this.kept.delete(m);
    this.deleted.add(m);
    this.deletions++;
    return true;
  }

  private addParagraph(): void {
    const fragment = this.doc.getXmlFragment(`text:${this.lang}`);
    const m = this.marker();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText(m);
    paragraph.insert(0, [text]);
    // After the shared paragraphs, so that they keep their indexes for every writer.
    fragment.insert(this.sharedParagraphs + Math.floor(this.rand() * (fragment.length - this.sharedParagraphs + 1)), [paragraph]);
    this.added.push(text);
    this.kept.add(m);
    this.own.set(text, [m]);
    this.paragraphs++;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each language's XML (with paragraph ids), for comparing clients. */
const texts = (doc: Y.Doc) => LANGS.map((l) => doc.getXmlFragment(`text:${l}`).toString());

/** What is wrong with a document, given what each writer kept and deleted in which language. */
function markerProblems(doc: Y.Doc, who: string, writers: readonly { writer: Writer; lang: string }[]): string[] {
  const problems: string[] = [];
  for (const lang of LANGS) {
    const counts = new Map<string, number>();
    for (const m of doc
      .getXmlFragment(`text:${lang}`)
      .toString()
      .matchAll(/\{[a-z]\d+\}/g))
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    for (const { writer, lang: l } of writers) {
      if (l !== lang) continue;
      const missing = [...writer.kept].filter((m) => !counts.has(m));
      const doubled = [...writer.kept].filter((m) => (counts.get(m) ?? 0) > 1);
      const back = [...writer.deleted].filter((m) => counts.has(m));
      if (missing.length) problems.push(`${who} ${lang}: ${missing.length} markers missing, e.g. ${missing.slice(0, 5).join(' ')}`);
      if (doubled.length) problems.push(`${who} ${lang}: ${doubled.length} markers twice, e.g. ${doubled.slice(0, 5).join(' ')}`);
      if (back.length) problems.push(`${who} ${lang}: ${back.length} deleted markers back, e.g. ${back.slice(0, 5).join(' ')}`);
    }
  }
  return problems;
}

/**
 * A French delegation goes offline and makes `offlineEdits` edits while the secretariat (French,
 * the same paragraphs) and the Vietnamese delegation keep editing online; then it reconnects.
 * The server runs in its own process, so that its answer times are its own.
 */
export async function runOfflineMerge(options: MergeOptions): Promise<MergeFigures> {
  const seed = options.seed ?? testSeed();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dataDir = makeDataDir();
  const env = {
    DATA_DIR: dataDir,
    ACCORD_BOOTSTRAP_TOKEN: TOKEN,
    // Online writers edit faster than people type: this test is not about the rate limit.
    ACCORD_MESSAGES_PER_SECOND: '100000',
    ACCORD_MESSAGE_BURST: '100000',
    ACCORD_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
  };
  let server: ServerProcess = await spawnServer(env);
  const clients: YClient[] = [];
  try {
    const base = { url: server.url, wsUrl: server.wsUrl, token: TOKEN };
    const paragraphs = 10;
    const id = await seedDeclaration(base, 'Offline merge', {
      fr: Array.from({ length: paragraphs }, (_, i) => `Article ${i + 1}. Les parties coopèrent.`),
      vi: Array.from({ length: paragraphs }, (_, i) => `Điều ${i + 1}. Các bên hợp tác.`),
    });
    const api = apiClient(server.url, TOKEN);
    const invite = async (body: object) => ((await api.request('POST', `/api/declarations/${id}/invites`, body)).body as { token: string }).token;
    const a = connectClient(server.wsUrl, id, await invite({ role: 'delegation', lang: 'fr', name: 'Délégation française' }));
    const b = connectClient(server.wsUrl, id, TOKEN);
    const c = connectClient(server.wsUrl, id, await invite({ role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }));
    clients.push(a, b, c);
    await Promise.all(clients.map((x) => x.synced()));

    const aw = new Writer(a.doc, 'fr', 'a', seededRandom(seed), paragraphs);
    const bw = new Writer(b.doc, 'fr', 'b', seededRandom(seed + 1), paragraphs);
    const cw = new Writer(c.doc, 'vi', 'c', seededRandom(seed + 2), paragraphs);
    const writers = [
      { writer: aw, lang: 'fr' },
      { writer: bw, lang: 'fr' },
      { writer: cw, lang: 'vi' },
    ];

    a.provider.disconnect();
    await waitFor(() => !a.provider.wsconnected, 'the offline client to be offline');

    // The online writers edit throughout: while the other is offline, and during the merge.
    let stopOnline = false;
    const online = (writer: Writer) =>
      (async () => {
        let n = 0;
        while (!stopOnline || n < options.onlineEdits) {
          writer.edit();
          if (++n % 2 === 0) await sleep(1);
        }
        return n;
      })();
    const onlineDone = Promise.all([online(bw), online(cw)]);
    const baselinePoller = await pollHealth(server.url);

    for (let i = 0; i < options.offlineEdits; i++) {
      aw.edit();
      if (i % 200 === 0) await sleep(1); // let the online writers go on meanwhile
    }
    const mergeBytes = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)).byteLength;
    // The whole offline state travels in one sync step 2: its last kept marker arriving means all did.
    const lastOffline = [...aw.kept].at(-1)!;

    await sleep(300);
    const baseline = await baselinePoller.stop();
    const health = await pollHealth(server.url);
    await sleep(100);
    const started = performance.now();
    a.provider.connect();
    await waitFor(() => b.doc.getXmlFragment('text:fr').toString().includes(lastOffline), 'the offline edits at an online client', timeoutMs);
    const mergeMs = performance.now() - started;
    await sleep(200); // online editing goes on a little after the merge
    stopOnline = true;
    const [bEdits, cEdits] = await onlineDone;
    await waitFor(
      () => {
        const [ta, tb, tc] = [texts(a.doc), texts(b.doc), texts(c.doc)];
        return JSON.stringify(ta) === JSON.stringify(tb) && JSON.stringify(tb) === JSON.stringify(tc);
      },
      'every client to hold the same text',
      timeoutMs,
    );
    const convergeMs = performance.now() - started;
    const healthFigures = await health.stop();

    const problems = [
      ...markerProblems(a.doc, 'offline client', writers),
      ...markerProblems(b.doc, 'secretariat', writers),
      ...markerProblems(c.doc, 'vi delegation', writers),
    ];
    const before = texts(a.doc);
    for (const x of clients.splice(0)) x.destroy();

    // A restart loads what was stored: the same text, every marker.
    server.child.kill('SIGTERM');
    await server.exited;
    server = await spawnServer(env);
    const fresh = connectClient(server.wsUrl, id, TOKEN);
    clients.push(fresh);
    await fresh.synced();
    if (JSON.stringify(texts(fresh.doc)) !== JSON.stringify(before)) problems.push('after a restart the stored text differs from what the clients held');
    problems.push(...markerProblems(fresh.doc, 'after restart', writers));

    return {
      seed,
      offline: { insertions: aw.insertions, deletions: aw.deletions, paragraphs: aw.paragraphs },
      online: { b: bEdits, c: cEdits },
      mergeBytes,
      mergeMs: Math.round(mergeMs),
      convergeMs: Math.round(convergeMs),
      health: healthFigures,
      healthBefore: baseline,
      problems,
    };
  } finally {
    for (const x of clients) x.destroy();
    server.child.kill('SIGKILL');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
