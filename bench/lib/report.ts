import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ScenarioName, TargetName } from './config';
import type { LoadResult } from './load';
import type { MachineCpuPerRequest } from './machine-cpu';

export interface ScenarioRow {
  scenario: ScenarioName;
  target: TargetName;
  /** Completed responses per second (any status). */
  rps: number;
  /** Successful responses per second (2xx and the scenario's body check). */
  okRps: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  appErrors: number;
  duration: number;
  connections: number;
  /**
   * CPU milliseconds the target's process spent per completed request during the scenario:
   * `total` (the whole process), and for the platform its threads: `gateway` (main thread),
   * one per service worker thread (`dossier`, `merger`); the rest of `total` is GC helper threads
   * and the libuv pool. Holds far better than req/s when other work shares the machine.
   */
  cpuMsPerRequest?: Record<string, number>;
  /** `cpuMsPerRequest` less the target's idle CPU rate (measured just before) over the window. */
  netCpuMsPerRequest?: Record<string, number>;
  /** The target's CPU ms per second while idle, per part, just before the scenario. */
  idleCpuMsPerSecond?: Record<string, number>;
  /** The whole machine's CPU over the window, per request: the target, PostgreSQL, the load generator, the rest. */
  machineCpu?: MachineCpuPerRequest;
  /** The scenario's measured window on the machine's monotonic clock (µs), to cut CPU profiles to it. */
  window?: { startUs: number; endUs: number };
  sampleFailures: string[];
}

export interface BenchReport {
  name: 'dossier';
  startedAt: string;
  finishedAt: string;
  commit: string;
  node: string;
  cpuCount: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  /** 1-minute load average before and after the run: other work on the machine skews the numbers. */
  loadAverage: { before: number; after: number };
  postgres: { how: string; version: string };
  settings: { durationSec: number; connections: number; warmup: number; scenarioWarmupSec?: number; timeoutSec: number; platformLogLevel: string };
  targets: Record<string, { description: string; status: 'ran' | 'skipped' | 'failed'; reason?: string }>;
  results: ScenarioRow[];
  notes: string[];
}

export function row(scenario: ScenarioName, target: TargetName, r: LoadResult, connections: number): ScenarioRow {
  return {
    scenario,
    target,
    rps: r.rps,
    okRps: r.okRps,
    p50: r.latencyMs.p50,
    p90: r.latencyMs.p90,
    p99: r.latencyMs.p99,
    mean: r.latencyMs.mean,
    max: r.latencyMs.max,
    requests: r.requests,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    appErrors: r.appErrors,
    duration: r.durationSec,
    connections,
    sampleFailures: r.sampleFailures,
  };
}

export function machine(): Pick<BenchReport, 'node' | 'cpuCount' | 'cpuModel' | 'memoryGiB' | 'os'> {
  const list = cpus();
  return {
    node: process.version,
    cpuCount: list.length,
    cpuModel: list[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${process.arch}`,
  };
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function markdown(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(`# Dossier benchmark — ${report.startedAt.slice(0, 10)}`);
  lines.push('');
  lines.push(
    `Node ${report.node}, ${report.cpuCount} CPU (${report.cpuModel}), PostgreSQL ${report.postgres.version} (${report.postgres.how}); ` +
      `${report.settings.durationSec} s per scenario, ${report.settings.connections} connections, ${report.settings.warmup} warm-up submissions, ${report.settings.scenarioWarmupSec ?? 0} s of unmeasured load before each scenario; ` +
      `load average ${report.loadAverage.before} before, ${report.loadAverage.after} after; commit ${report.commit}.`,
  );
  lines.push('');
  lines.push('| scenario | target | req/s | ok req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx | app errors | CPU ms/req | net of idle | CPU parts ms/req (net) |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of report.results) {
    const cpu = r.cpuMsPerRequest ?? {};
    const net = r.netCpuMsPerRequest ?? {};
    const parts = Object.entries(net)
      .filter(([name]) => name !== 'total')
      .map(([name, value]) => `${name} ${fmt(value)}`)
      .join(', ');
    lines.push(
      `| ${r.scenario} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.okRps)} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${r.errors} | ${r.non2xx} | ${r.appErrors} | ${cpu.total !== undefined ? fmt(cpu.total) : '—'} | ${net.total !== undefined ? fmt(net.total) : '—'} | ${parts || '—'} |`,
    );
  }
  const withMachine = report.results.filter((r) => r.machineCpu);
  if (withMachine.length) {
    lines.push('');
    lines.push('Where the machine\'s CPU went during each window, ms per request (all cores; `other`: the kernel\'s work outside these processes and anything else running):');
    lines.push('');
    lines.push('| scenario | target | cores busy | machine | target | PostgreSQL | load generator | other |');
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of withMachine) {
      const m = r.machineCpu as MachineCpuPerRequest;
      lines.push(`| ${r.scenario} | ${r.target} | ${(m.busyShare * 100).toFixed(0)}% | ${fmt(m.machine)} | ${fmt(m.target)} | ${fmt(m.postgres)} | ${fmt(m.loadGenerator)} | ${fmt(m.other)} |`);
    }
  }
  const ratios: string[] = [];
  // The REST scenarios of the platform are compared with the baseline's (REST) submit and track.
  const against: Record<ScenarioName, ScenarioName> = { submit: 'submit', track: 'track', 'submit-rest': 'submit', 'track-rest': 'track', list: 'list' };
  for (const scenario of Object.keys(against) as ScenarioName[]) {
    const p = report.results.find((r) => r.scenario === scenario && r.target === 'platform');
    const b = report.results.find((r) => r.scenario === against[scenario] && r.target === 'baseline');
    if (p && b && b.okRps > 0 && p.okRps > 0) {
      const pc = p.netCpuMsPerRequest?.total;
      const bc = b.netCpuMsPerRequest?.total;
      const cpu = pc && bc ? ` CPU per request (net of idle) ${fmt(pc)} ms vs ${fmt(bc)} ms: ratio ${(bc / pc).toFixed(2)}.` : '';
      ratios.push(`- ${scenario}: the platform serves ${((p.okRps / b.okRps) * 100).toFixed(0)}% of the baseline's successful throughput (ratio ${(p.okRps / b.okRps).toFixed(2)}); p50 ${fmt(p.p50)} ms vs ${fmt(b.p50)} ms, p99 ${fmt(p.p99)} ms vs ${fmt(b.p99)} ms.${cpu}`);
    }
  }
  if (ratios.length) {
    lines.push('');
    lines.push(...ratios);
  }
  lines.push('');
  lines.push('Targets:');
  for (const [name, t] of Object.entries(report.targets)) {
    lines.push(`- ${name} (${t.status}): ${t.description}${t.reason ? ` — ${t.reason}` : ''}`);
  }
  if (report.notes.length) {
    lines.push('');
    lines.push(...report.notes.map((n) => `- ${n}`));
  }
  lines.push('');
  return lines.join('\n');
}

export function writeReport(dir: string, report: BenchReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${report.startedAt.slice(0, 10)}-dossier.json`);
  const md = join(dir, 'latest.md');
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(md, markdown(report));
  return { json, md };
}

/** The 1-minute load average, rounded. */
export function load1(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

/** The checkout's short commit, or `unknown` outside a git checkout: every suite's report carries it. */
export function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}
