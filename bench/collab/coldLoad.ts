/**
 * Cold load: a declaration typed one keystroke at a time, then restarts and one fresh full client
 * each time (it must hold the whole document at synced, so it is a real one).
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import { buildTyped, charactersIn, connectTo } from './builders.js';
import { loadClientFactory, sleep, syncedWithin } from './clients.js';
import { openCpuWindow } from './procStats.js';
import { percentile, sortedSamples } from './samples.js';
import { type Scale, SYNC_TIMEOUT_MS } from './scale.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';

/** After a cold load, how long the server's CPU time is still counted (work it does after answering, e.g. building its copy). */
const COLD_SETTLE_MS = 300;

/**
 * A declaration typed as `coldEdits` single keystrokes; then, `coldRounds` times, a graceful
 * restart and one fresh client: time from creating it to synced, the bytes it received, the
 * server's CPU time for it (until `COLD_SETTLE_MS` after synced) and the machine's other load
 * while it loaded (absolute times on a shared machine vary with it: read the ratio).
 */
export async function coldLoad(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Cold load');
    const factory = await loadClientFactory(target.clientModule);
    const typed = await buildTyped(factory, connection, scale.coldEdits);
    const times: number[] = [];
    const received: number[] = [];
    const serverCpu: number[] = [];
    const otherCpu: number[] = [];
    for (let r = 0; r < scale.coldRounds; r++) {
      await session.restart();
      const closeServerWindow = openCpuWindow([session.server.pid]);
      const closeWindow = openCpuWindow([session.server.pid]);
      const started = performance.now();
      const client = connectTo(factory, session.connection(connection.document));
      try {
        await syncedWithin(client, SYNC_TIMEOUT_MS);
        times.push(performance.now() - started);
        const usage = closeWindow();
        otherCpu.push((100 * usage.otherSeconds) / usage.seconds);
        received.push(client.bytesReceived());
        const characters = charactersIn(client.doc);
        if (characters !== typed.characters) throw new Error(`cold load got ${characters} characters, ${typed.characters} were typed`);
        await sleep(COLD_SETTLE_MS);
        serverCpu.push(1000 * (closeServerWindow().perProcess[0] ?? NaN));
      } finally {
        client.destroy();
      }
    }
    const name = `cold load, ${scale.coldEdits.toLocaleString('en')}-edit declaration, fresh client after a restart`;
    const median = (values: number[]) => round(percentile(sortedSamples(values), 50));
    return [
      checked({ name: `${name}: time to synced (median of ${scale.coldRounds})`, value: median(times), unit: 'ms', target: '< 100 ms' }, (v) => v < 100),
      { name: `${name}: fastest of ${scale.coldRounds}`, value: round(Math.min(...times)), unit: 'ms' },
      { name: `${name}: server CPU until ${COLD_SETTLE_MS} ms after synced (median)`, value: median(serverCpu), unit: 'ms' },
      { name: `${name}: bytes received`, value: round(percentile(sortedSamples(received), 50) / 1024), unit: 'KB' },
      { name: `${name}: document state`, value: round(typed.stateBytes / 1024), unit: 'KB' },
      { name: `${name}: other programs' CPU on the machine while loading (median)`, value: median(otherCpu), unit: '% of a core', ratioless: true },
    ];
  });
}
