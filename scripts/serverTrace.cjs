/**
 * A diagnostic preload for the server (`node --require scripts/serverTrace.cjs dist/node/server/main.js`,
 * or `PROFILE_PRELOAD=scripts/serverTrace.cjs` with scripts/profileRoom.ts). Every second and at exit
 * it writes, to TRACE_DIR (default the system's temporary directory):
 * - `stalls-<pid>.json`: [from, to, late ms] for each time a 5 ms timer fired more than 40 ms late
 *   (the event loop was held); times in µs of the monotonic clock, as in a V8 CPU profile, so a
 *   stall can be looked up in one taken with `--cpu-prof`;
 * - `health-<pid>.json`: [accepted, request read, answered] for each `GET /api/health`, same clock:
 *   whether a slow health answer waited for the event loop or for its connection to be accepted.
 */
const { writeFileSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = process.env.TRACE_DIR ?? tmpdir();
const now = () => Number(process.hrtime.bigint() / 1000n);
const stalls = [];
const health = [];
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
  if (event === 'connection') first.acceptedAt = now();
  if (event === 'request' && first.url === '/api/health') {
    const read = now();
    const accepted = first.socket.acceptedAt;
    second.on('finish', () => health.push([accepted, read, now()]));
  }
  return emit.call(this, event, ...rest);
};

const write = () => {
  writeFileSync(join(dir, `stalls-${process.pid}.json`), JSON.stringify(stalls));
  writeFileSync(join(dir, `health-${process.pid}.json`), JSON.stringify(health));
};
setInterval(write, 1000).unref();
process.on('exit', write);
