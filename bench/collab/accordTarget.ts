/** Accord as a benchmark target: the compiled server in its own process, as `npm start` runs it. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchTarget, RunningTarget } from './target.js';
import { pathWire } from './wire.js';
import { endChild, PROJECT_ROOT, trackChild } from './processes.js';

const TOKEN = 'accord-bench-secretariat-token';
const START_TIMEOUT_MS = 30_000;
/** What a failed start reports of the server's output. */
const OUTPUT_KEPT = 8_000;

/**
 * An Accord target with default settings plus `env`. Two settings always differ from an
 * installation: logs are off (ACCORD_LOG=silent, so that log lines are neither CPU nor written
 * bytes), and the per-invitation caps on connections (50) and frames (8,000 at once, 2,000/s),
 * abuse guards, are lifted, and so is the per-invitation work budget (200 ms of server work a
 * second, shared by every connection of an invitation: 200 writers on one token overspend it and
 * are all closed with 4508), because every benchmark client uses the one secretariat token where
 * real delegates each have their own (each connection keeps its own frame limit and work budget).
 */
export function createAccordTarget(env: Readonly<Record<string, string>> = {}): BenchTarget {
  return {
    name: 'accord',
    clientModule: join(PROJECT_ROOT, 'bench/collab/accordClient.ts'),
    start: (dataDir) => startAccord(dataDir, env),
    createDocument: async (server, title) => {
      const res = await fetch(`${server.httpUrl}/api/declarations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, languages: ['fr', 'vi'] }),
      });
      const body = await res.text();
      if (res.status !== 201) throw new Error(`creating a declaration failed: ${res.status} ${body}`);
      return (JSON.parse(body) as { id: string }).id;
    },
    // As y-websocket's provider builds it: `${serverUrl}/${room}?token=…`.
    wire: (server, document, token) => pathWire(`${server.wsUrl}/collab/${document}?token=${encodeURIComponent(token)}`),
    invite: async (server, document, kind, count) => {
      const tokens: string[] = [];
      for (let i = 0; i < count; i++) {
        const invitation =
          kind === 'writer' ? { role: 'delegation', lang: 'fr', name: `Délégation ${i + 1}` } : { role: 'observer', name: `Observateur ${i + 1}` };
        const res = await fetch(`${server.httpUrl}/api/declarations/${document}/invites`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(invitation),
        });
        const body = await res.text();
        if (res.status !== 201) throw new Error(`inviting a ${kind} failed: ${res.status} ${body}`);
        tokens.push((JSON.parse(body) as { token: string }).token);
      }
      return tokens;
    },
  };
}

export const accordTarget: BenchTarget = createAccordTarget();

async function startAccord(dataDir: string, env: Readonly<Record<string, string>>): Promise<RunningTarget> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/node/server/main.js')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ACCORD_BOOTSTRAP_TOKEN: TOKEN,
      ACCORD_SERVE_CLIENT: '0',
      ACCORD_LOG: 'silent',
      ACCORD_MAX_CONNECTIONS_PER_TOKEN: '100000',
      ACCORD_TOKEN_MESSAGES_PER_SECOND: '10000000',
      ACCORD_TOKEN_MESSAGE_BURST: '100000000',
      ACCORD_TOKEN_WORK_MS_PER_SECOND: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = trackChild(child);
  let output = '';
  // Always drained: a full pipe would block the server's writes.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`accord did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      // With logs on, the JSON line; with ACCORD_LOG=silent, the banner main.ts always prints.
      const match = /"event":"server.listening".*?"port":(\d+)/.exec(output) ?? /Accord is running at http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', keep);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`accord exited before listening:\n${output}`));
    });
  });
  return {
    pid: child.pid!,
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    token: TOKEN,
    stop: () => endChild(child, exited, 'SIGTERM'),
    kill: () => endChild(child, exited, 'SIGKILL'),
  };
}
