/**
 * A collaboration server the benchmark can drive: Accord itself, or a reference server run the
 * same way, so every figure can be given as a ratio Accord / reference from the same run.
 * Servers always run in their own process (their CPU and memory are read from /proc/<pid>).
 */
import type { WireSpec } from './wire.js';

export interface BenchTarget {
  /** 'accord' or 'hocuspocus'. */
  readonly name: string;
  /** Starts the server on a free loopback port with its data in `dataDir` (kept across restarts). */
  start(dataDir: string): Promise<RunningTarget>;
  /**
   * Creates a document and returns the name clients join. For Accord this creates a
   * declaration (languages fr, vi) through the API; for a reference server any fresh name.
   */
  createDocument(server: RunningTarget, title: string): Promise<string>;
  /**
   * Path of an ES module, loadable in a worker process with `node --import tsx`, whose default
   * export is a `ClientFactory`: how a worker connects one client of this server.
   */
  readonly clientModule: string;
  /** How a light (wire-level) client reaches `document` with `token` on this server. */
  wire(server: RunningTarget, document: string, token: string): WireSpec;
  /**
   * `count` tokens for people of one kind on `document`, as a real hall has them: Accord invites
   * each writer as a delegation of its own (its budgets and its load shedding are per
   * invitation) and observers as observers. Absent when the server has no such thing: everyone
   * uses the server's own token.
   */
  invite?(server: RunningTarget, document: string, kind: PersonKind, count: number): Promise<string[]>;
}

/** Who a benchmark client stands for: someone who writes, or someone who only watches. */
export type PersonKind = 'writer' | 'observer';

export interface RunningTarget {
  readonly pid: number;
  /** ws://127.0.0.1:PORT */
  readonly wsUrl: string;
  /** http://127.0.0.1:PORT */
  readonly httpUrl: string;
  /** A token that may write anywhere (Accord's secretariat token); reference servers ignore it. */
  readonly token: string;
  /** Graceful stop (SIGTERM), resolves once the process exited. */
  stop(): Promise<void>;
  /** SIGKILL, resolves once the process exited. */
  kill(): Promise<void>;
}

/** What a worker process gets to connect one client (the module's default export). */
export type ClientFactory = (options: {
  readonly wsUrl: string;
  readonly httpUrl: string;
  readonly token: string;
  readonly document: string;
  /** Reconnect automatically after a close (the provider's own behaviour); default true. */
  readonly reconnect?: boolean;
}) => BenchClient;

/** One connected client, driven with plain Yjs and the provider's awareness. */
export interface BenchClient {
  readonly doc: import('yjs').Doc;
  readonly awareness: import('y-protocols/awareness').Awareness;
  /** Resolves once the provider reports synced (holds the whole stored document). */
  synced(): Promise<void>;
  /** Bytes received on this client's socket so far (for "bytes on the wire"); -1 if unknown. */
  bytesReceived(): number;
  destroy(): void;
}
