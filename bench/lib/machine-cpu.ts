import { readdirSync, readFileSync } from 'node:fs';
import { processCpuMs } from './cpu';

/** Clock ticks per second of /proc/stat and /proc/<pid>/stat (USER_HZ). */
const CLOCK_TICKS = 100;

/**
 * Where the whole machine's CPU goes during a window, not only the target's: on two shared cores
 * PostgreSQL and the load generator take a large part of every request, so the ratio between two
 * targets is bounded by what they cost, whatever the target itself saves. Cumulative ms.
 */
export interface MachineCpuSample {
  atUs: number;
  /** Every core's non-idle time (user, nice, system, irq, softirq, steal), /proc/stat. */
  busyMs: number;
  /** Every process named `postgres` (the server and its backends), by pid. */
  postgresMs: Map<string, number>;
  /** This process: autocannon, the load generator. */
  loadGeneratorMs: number;
}

function ticksToMs(ticks: number): number {
  return (ticks * 1000) / CLOCK_TICKS;
}

function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).map(Number);
  return ticksToMs(user + nice + system + irq + softirq + steal);
}

function postgresMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, ticksToMs(Number(fields[11]) + Number(fields[12])));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return byPid;
}

/** A backend that started in the window counts whole; one that ended in it is lost (its last CPU cannot be read). */
function postgresDeltaMs(before: Map<string, number>, after: Map<string, number>): number {
  let ms = 0;
  for (const [pid, value] of after) ms += value - (before.get(pid) ?? 0);
  return ms;
}

/** undefined off Linux (no /proc). */
export function machineCpuSample(): MachineCpuSample | undefined {
  try {
    return { atUs: Number(process.hrtime.bigint() / 1000n), busyMs: machineBusyMs(), postgresMs: postgresMs(), loadGeneratorMs: processCpuMs() };
  } catch {
    return undefined;
  }
}

export interface MachineCpuPerRequest {
  /** Share of all cores busy over the window, 0–1. */
  busyShare: number;
  /** ms per request: the whole machine, and its parts; `other` is what no part accounts for (the kernel's network work outside these processes, other programs). */
  machine: number;
  target: number;
  postgres: number;
  loadGenerator: number;
  other: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function machineCpuPerRequest(
  before: MachineCpuSample,
  after: MachineCpuSample,
  targetMs: number,
  requests: number,
  cores: number,
): MachineCpuPerRequest | undefined {
  const wallMs = (after.atUs - before.atUs) / 1000;
  if (requests <= 0 || wallMs <= 0) return undefined;
  const machine = after.busyMs - before.busyMs;
  const postgres = postgresDeltaMs(before.postgresMs, after.postgresMs);
  const loadGenerator = after.loadGeneratorMs - before.loadGeneratorMs;
  const per = (ms: number) => round(ms / requests);
  return {
    busyShare: round(machine / (wallMs * cores)),
    machine: per(machine),
    target: per(targetMs),
    postgres: per(postgres),
    loadGenerator: per(loadGenerator),
    other: per(Math.max(0, machine - targetMs - postgres - loadGenerator)),
  };
}
