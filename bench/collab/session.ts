/** A target's server on a temporary data directory that outlives restarts, closed (and removed) whatever happens. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionInfo } from './jobs.js';
import type { BenchTarget, PersonKind, RunningTarget } from './target.js';

/** Data directories in use, removed even when the benchmark is interrupted (processes.ts kills the servers). */
const liveDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/** A server of `target` on a temporary data directory that survives restarts. */
export class Session {
  private running: RunningTarget | null = null;

  constructor(
    private target: BenchTarget,
    readonly dataDir: string,
  ) {}

  get server(): RunningTarget {
    if (!this.running) throw new Error('the server is not running');
    return this.running;
  }

  async startAgain(target: BenchTarget = this.target): Promise<void> {
    this.target = target;
    this.running = await target.start(this.dataDir);
  }

  /** Graceful stop, then start (optionally as another configuration of the target). */
  async restart(target: BenchTarget = this.target): Promise<void> {
    await this.running?.stop();
    this.running = null;
    await this.startAgain(target);
  }

  createDocument(title: string): Promise<string> {
    return this.target.createDocument(this.server, title);
  }

  /** How clients reach `document` on the running server, with its own token or `token`. */
  connection(document: string, token = this.server.token): ConnectionInfo {
    const { wsUrl, httpUrl } = this.server;
    return { clientModule: this.target.clientModule, wsUrl, httpUrl, token, document, wire: this.target.wire(this.server, document, token) };
  }

  /** `count` tokens for people of `kind` on `document` (invitations where the target has them, else its own token). */
  async invite(document: string, kind: PersonKind, count: number): Promise<string[]> {
    if (this.target.invite) return this.target.invite(this.server, document, kind, count);
    return Array.from({ length: count }, () => this.server.token);
  }

  async close(): Promise<void> {
    try {
      await this.running?.kill();
    } finally {
      this.running = null;
      rmSync(this.dataDir, { recursive: true, force: true });
      liveDirs.delete(this.dataDir);
    }
  }
}

/** Runs `run` with a started server; kills it and removes its data afterwards, even on failure. */
export async function withSession<T>(target: BenchTarget, run: (session: Session) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `accord-bench-${target.name}-`));
  liveDirs.add(dataDir);
  const session = new Session(target, dataDir);
  try {
    await session.startAgain();
    return await run(session);
  } finally {
    await session.close();
  }
}

/** Creates a document on the session's server and says how clients reach it. */
export async function newDocument(session: Session, title: string): Promise<ConnectionInfo> {
  return session.connection(await session.createDocument(title));
}
