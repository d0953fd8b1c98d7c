import { readFileSync } from 'node:fs';

/**
 * CPU time, the measure that holds when the machine is shared: wall-clock req/s fall when other
 * work takes the cores, the CPU a server spends per request does not (much). All values are
 * cumulative milliseconds since the process (or thread) started.
 */

/** Clock ticks per second of /proc/<pid>/task/<tid>/stat (USER_HZ; 100 on every Linux we run on). */
const CLOCK_TICKS = 100;

/** CPU of the whole process (every thread: JS threads, GC helpers, the libuv pool), ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function parseStat(stat: string): { tid: number; cpuMs: number } {
  // "<tid> (<comm>) <state> ..." — comm may contain spaces: split after the last ')'.
  const tid = Number(stat.slice(0, stat.indexOf(' ')));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { tid, cpuMs: (ticks * 1000) / CLOCK_TICKS };
}

/** The OS thread id of the calling JS thread (main or worker), undefined off Linux. */
export function currentOsThreadId(): number | undefined {
  try {
    return parseStat(readFileSync('/proc/thread-self/stat', 'utf8')).tid;
  } catch {
    return undefined;
  }
}

/** CPU of one OS thread of this process (10 ms resolution), ms; undefined when it cannot be read. */
export function threadCpuMs(tid: number | undefined = currentOsThreadId()): number | undefined {
  if (tid === undefined) return undefined;
  try {
    return parseStat(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')).cpuMs;
  } catch {
    return undefined;
  }
}

/** Cumulative CPU ms per part of a target (`total` is the whole process), plus the monotonic clock in µs. */
export interface CpuSample {
  atUs: number;
  parts: Record<string, number>;
}

export function cpuSample(parts: Record<string, number | undefined>): CpuSample {
  const clean: Record<string, number> = {};
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) clean[name] = value;
  return { atUs: Number(process.hrtime.bigint() / 1000n), parts: clean };
}

/** CPU ms per request of each part between two samples. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (requests <= 0) return out;
  for (const [name, value] of Object.entries(after.parts)) {
    const start = before.parts[name];
    if (start === undefined) continue;
    out[name] = Math.round(((value - start) / requests) * 1000) / 1000;
  }
  return out;
}

/**
 * CPU ms per request net of the target's idle burn (timers, pollers, the relay, GC of an idle
 * heap), measured just before the scenario: at a few req/s on a crowded machine that background
 * work would otherwise be billed to the requests.
 */
export function netCpuPerRequest(
  idleBefore: CpuSample,
  idleAfter: CpuSample,
  before: CpuSample,
  after: CpuSample,
  requests: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (requests <= 0) return out;
  const idleUs = idleAfter.atUs - idleBefore.atUs;
  const windowUs = after.atUs - before.atUs;
  for (const [name, value] of Object.entries(after.parts)) {
    const start = before.parts[name];
    const i0 = idleBefore.parts[name];
    const i1 = idleAfter.parts[name];
    if (start === undefined || i0 === undefined || i1 === undefined || idleUs <= 0) continue;
    const idleMs = ((i1 - i0) / idleUs) * windowUs;
    out[name] = Math.round((Math.max(0, value - start - idleMs) / requests) * 1000) / 1000;
  }
  return out;
}
