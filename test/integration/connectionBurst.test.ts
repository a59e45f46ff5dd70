import { rmSync } from 'node:fs';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seedDeclaration } from '../helpers/seed.js';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.js';
import { makeDataDir } from '../helpers/testServer.js';

const TOKEN = 'connection-burst-token';
/** A hall's sockets coming back at once. */
const SOCKETS = 150;

let server: ServerProcess;
let dataDir: string;
let id: string;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await spawnServer({ DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, ACCORD_MAX_CONNECTIONS_PER_TOKEN: '1000' }, 60_000);
  id = await seedDeclaration({ url: server.url, wsUrl: server.wsUrl, token: TOKEN }, 'Rafale', {
    fr: ['Article premier.', 'Article 2.'],
    vi: ['Điều 1.', 'Điều 2.'],
  });
}, 90_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a burst of collaboration sockets', () => {
  it('answers a health check sent just after them before most of them are upgraded', async () => {
    // Node accepts one connection per turn of the event loop: when each turn also opened a
    // socket (token, catalog, handshake), a check queued behind 150 of them waited for all 150.
    // The server is paused while they arrive, so that they wait together, requests sent, in its
    // queue of connections to accept: as after a restart, or a hall's Wi-Fi coming back.
    server.child.kill('SIGSTOP');
    let upgraded = 0;
    const sockets = Array.from({ length: SOCKETS }, () => {
      const ws = new WebSocket(`${server.wsUrl}/collab/${id}?token=${TOKEN}`);
      ws.on('error', () => undefined);
      ws.once('upgrade', () => upgraded++);
      return ws;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = new Promise<number>((resolve, reject) =>
        get(`${server.url}/api/health`, { agent: false }, (res) => {
          res.resume().on('end', () => resolve(upgraded));
        }).on('error', reject),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      server.child.kill('SIGCONT');
      const upgradedFirst = await health;
      // Every socket is opened in the end, none refused.
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve, reject) => (ws.readyState === WebSocket.OPEN ? resolve() : ws.once('open', () => resolve()).once('close', reject))),
        ),
      );
      expect(upgradedFirst, `${upgradedFirst} of ${SOCKETS} sockets were upgraded before the health check was answered`).toBeLessThan(SOCKETS / 2);
    } finally {
      server.child.kill('SIGCONT');
      for (const ws of sockets) ws.terminate();
    }
  });
});
