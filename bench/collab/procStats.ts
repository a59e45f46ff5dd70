/** What the kernel says about a process: CPU time, peak memory, bytes written. Linux only. */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`: 100 on Linux). */
const CLK_TCK = 100;

export interface ProcStats {
  /** User + system CPU time since the process started. */
  readonly cpuSeconds: number;
  /** Peak resident set size (VmHWM) since the process started. */
  readonly peakRssBytes: number;
  readonly rssBytes: number;
  /** Bytes passed to write-like system calls, files and sockets alike (/proc/<pid>/io wchar). */
  readonly wchar: number;
  /** Bytes the process caused to be written to the block layer (0 where the kernel does not account them). */
  readonly writeBytes: number;
}

/** Reads /proc/<pid>/{stat,status,io}; throws if the process is gone. */
export function readProcStats(pid: number): ProcStats {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) are at 11 and 12 once fields 1 and 2 are dropped.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const io = readIo(pid);
  return {
    cpuSeconds: ticks / CLK_TCK,
    peakRssBytes: statusKb(status, 'VmHWM') * 1024,
    rssBytes: statusKb(status, 'VmRSS') * 1024,
    wchar: io.get('wchar') ?? 0,
    writeBytes: io.get('write_bytes') ?? 0,
  };
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : NaN;
}

function readIo(pid: number): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of readFileSync(`/proc/${pid}/io`, 'utf8').split('\n')) {
    const [key, value] = line.split(': ');
    if (key && value) values.set(key, Number(value));
  }
  return values;
}

/** CPU seconds every process on the machine has used since boot (/proc/stat: all but idle and iowait). */
export function readMachineCpuSeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / CLK_TCK;
}

export interface CpuReport {
  /** Wall-clock length of the window. */
  readonly seconds: number;
  /** CPU seconds of each watched process in the window, in the order given (NaN if it vanished). */
  readonly perProcess: readonly number[];
  /** CPU seconds of everything else on the machine but the benchmark process itself. */
  readonly otherSeconds: number;
}

/** Starts watching the CPU time of `pids` and of the machine; call the result to end the window. */
export function openCpuWindow(pids: readonly number[]): () => CpuReport {
  const before = pids.map(cpuSecondsOrNaN);
  const machineBefore = readMachineCpuSeconds();
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  return () => {
    const perProcess = pids.map((pid, i) => cpuSecondsOrNaN(pid) - before[i]!);
    const machine = readMachineCpuSeconds() - machineBefore;
    const self = process.cpuUsage(selfBefore);
    const watched = perProcess.reduce((sum, s) => sum + (Number.isFinite(s) ? s : 0), 0);
    return {
      seconds: (performance.now() - started) / 1000,
      perProcess,
      otherSeconds: machine - watched - (self.user + self.system) / 1e6,
    };
  };
}

function cpuSecondsOrNaN(pid: number): number {
  try {
    return readProcStats(pid).cpuSeconds;
  } catch {
    return NaN;
  }
}

/**
 * Starts watching the CPU time of the process trees rooted at `roots` (e.g. a PostgreSQL
 * postmaster and the backends it forks); call the result for the CPU seconds they used since.
 * Processes born in the window count whole; one that ends within it loses its share.
 */
export function openTreeCpuWindow(roots: readonly number[]): () => number {
  if (roots.length === 0) return () => 0;
  const before = new Map(treePids(roots).map((pid) => [pid, cpuSecondsOrNaN(pid)]));
  return () =>
    treePids(roots).reduce((sum, pid) => {
      const used = cpuSecondsOrNaN(pid) - (before.get(pid) ?? 0);
      return Number.isFinite(used) ? sum + used : sum;
    }, 0);
}

/** `roots` and all their descendants now alive (from each /proc/<pid>/stat's parent pid). */
function treePids(roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const found: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}
