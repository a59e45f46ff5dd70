/**
 * A diagnostic preload for the server (`node --require scripts/serverTrace.cjs dist/node/server/main.js`,
 * or `PROFILE_PRELOAD=scripts/serverTrace.cjs` with scripts/profileRoom.ts). Every second and at exit
 * it writes, to TRACE_DIR (default the system's temporary directory):
 * - `stalls-<pid>.json`: [from, to, late ms] for each time a 5 ms timer fired more than 40 ms late
 *   (the event loop was held); times in µs of the monotonic clock, as in a V8 CPU profile, so a
 *   stall can be looked up in one taken with `--cpu-prof`;
 * - `health-<pid>.json`: [accepted, request read, answered] for each `GET /api/health`, same clock:
 *   whether a slow health answer waited for the event loop or for its connection to be accepted;
 * - `accepts-<pid>.json`: when each connection was accepted (Node accepts one per turn of the loop);
 * - `threads-<pid>.json`: CPU seconds so far per thread of the process.
 * It can be preloaded into every process of a run (NODE_OPTIONS="--require …", as for the bench);
 * TRACE_CPU=server/main.js then also profiles the servers (see the end of this file).
 */
const { writeFileSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = process.env.TRACE_DIR ?? tmpdir();
const now = () => Number(process.hrtime.bigint() / 1000n);
const stalls = [];
const health = [];
const accepts = [];
let last = now();
setInterval(() => {
  const at = now();
  const late = (at - last) / 1000 - 5;
  if (late > 40) stalls.push([last, at, Math.round(late)]);
  last = at;
}, 5).unref();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...rest) {
  const [first, second] = rest;
  if (event === 'connection') accepts.push((first.acceptedAt = now()));
  if (event === 'request' && first.url === '/api/health') {
    const read = now();
    const accepted = first.socket.acceptedAt;
    second.on('finish', () => health.push([accepted, read, now()]));
  }
  return emit.call(this, event, ...rest);
};

/** CPU seconds per thread so far (name → user + system), from /proc. */
const threads = () => {
  const out = {};
  try {
    for (const tid of require('node:fs').readdirSync('/proc/self/task')) {
      const stat = require('node:fs').readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[`${name} ${tid}`] = (Number(fields[11]) + Number(fields[12])) / 100;
    }
  } catch {}
  return out;
};

const write = () => {
  writeFileSync(join(dir, `threads-${process.pid}.json`), JSON.stringify(threads()));
  writeFileSync(join(dir, `stalls-${process.pid}.json`), JSON.stringify(stalls));
  writeFileSync(join(dir, `health-${process.pid}.json`), JSON.stringify(health));
  writeFileSync(join(dir, `accepts-${process.pid}.json`), JSON.stringify(accepts));
};
setInterval(write, 1000).unref();
process.on('exit', write);

// TRACE_CPU=<part of the script path, e.g. server/main.js>: a V8 CPU profile of the main thread, written at exit (`cpu-<pid>.cpuprofile`,
// same clock): for servers started by something that does not pass --cpu-prof (the bench).
if (process.env.TRACE_CPU && (process.argv[1] ?? '').includes(process.env.TRACE_CPU)) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `cpu-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
