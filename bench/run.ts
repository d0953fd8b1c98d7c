/**
 * `npm run bench`: dossier submission and public tracking through the gateway, beside a bare
 * Fastify + pg endpoint doing the same INSERT and SELECT on the same database.
 * Writes bench/results/<YYYY-MM-DD>-dossier.json and bench/results/latest.md. See bench/README.md.
 */
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, withDatabaseName } from '@xaso/persistence';
import { baselineAdapter, gatewayAdapter, type TargetAdapter } from './lib/adapters';
import { startChild, type ChildHandle } from './lib/child';
import { cpuPerRequest, netCpuPerRequest } from './lib/cpu';
import { machineCpuPerRequest, machineCpuSample } from './lib/machine-cpu';
import { breakdownMarkdown, summarizeProfile } from './lib/profile-summary';
import { benchConfig, type BenchConfig, type ScenarioName, type TargetName } from './lib/config';
import { DossierFixtures, type SubmitDossierInput, type TrackKey } from './lib/fixtures';
import { runBounded, runLoad, type LoadSpec } from './lib/load';
import { freshDatabase, redact, resolvePostgres } from './lib/postgres';
import { gitCommit, load1, machine, markdown, row, writeReport, type BenchReport } from './lib/report';
import type { BaselineInfo, BaselineOptions } from './baseline/server';
import type { PlatformInfo, PlatformInput } from './targets/platform';

/** Real commune codes (in force since 2025-07-01), used as receiving units when the platform did not run. */
const DEFAULT_UNITS = ['00004', '00008', '00025', '00070', '00082', '00091', '00097', '00103'];
const DEFAULT_PROCEDURES = ['BENCH.001'];
/**
 * Receiving units the submissions rotate over. Each has its own (agency, day) sequence row, the
 * lock that serialises concurrent submissions of one unit, and its 9,999-a-day code limit.
 */
const UNIT_COUNT = 32;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface StartedTarget {
  adapter: TargetAdapter;
  description: string;
  procedureCodes: string[];
  receivingUnitCodes: string[];
  child: ChildHandle<unknown>;
}

interface Context {
  config: BenchConfig;
  serverUrl: string;
  /** Set once the platform has created and migrated the dossier service's database. */
  dossierDatabaseUrl?: string;
  dossierStore?: PlatformInfo['baselineStore'];
  procedureCodes?: string[];
  receivingUnitCodes?: string[];
  drops: (() => Promise<void>)[];
  dropUrls: Set<string>;
}

function startPlatformChild(ctx: Context, services: string[], note?: string) {
  const input: PlatformInput = { serverUrl: ctx.serverUrl, databasePrefix: 'xaso_bench', unitCount: UNIT_COUNT, services, note };
  for (const service of [...services, 'bus']) {
    // Registered before the start: a child that fails half-way still has its databases dropped.
    const url = withDatabaseName(ctx.serverUrl, `${input.databasePrefix}_${service}`);
    if (!ctx.dropUrls.has(url)) {
      ctx.dropUrls.add(url);
      ctx.drops.push(() => dropDatabase(url));
    }
  }
  return startChild<PlatformInfo>({
    script: 'bench/targets/platform.ts',
    // Composition, migrations and the merger's import of 14,000 units take minutes on a crowded machine.
    startupTimeoutMs: 600_000,
    input,
    logFile: join('tmp', 'bench', `platform-${services.join('-')}.log`),
    env: {
      LOG_LEVEL: ctx.config.logLevel,
      // As deployed (the Docker image sets NODE_ENV=production): no dev token issuer, no HS256, no explorer or
      // introspection, and the libraries' production paths (graphql-js skips its cross-realm checks). The child
      // makes an RS256 key pair, gives the platform the public key (AUTH_PUBLIC_KEY_PEM) and signs the tokens.
      NODE_ENV: 'production',
      AUTH_DEV_ISSUER: 'false',
    },
  });
}

async function startPlatform(ctx: Context): Promise<StartedTarget> {
  // merger-service feeds dossier-service's unit replica; each runs in its own worker thread.
  const child = await startPlatformChild(ctx, ['merger', 'dossier']);
  const info = child.info;
  ctx.dossierDatabaseUrl = info.dossierDatabaseUrl;
  ctx.dossierStore = info.baselineStore;
  ctx.procedureCodes = info.procedureCodes;
  ctx.receivingUnitCodes = info.receivingUnitCodes;
  return {
    adapter: gatewayAdapter(info.origin, info.tokens),
    description: info.description,
    procedureCodes: info.procedureCodes,
    receivingUnitCodes: info.receivingUnitCodes,
    child,
  };
}

async function startBaselineTarget(ctx: Context): Promise<StartedTarget> {
  let databaseUrl = ctx.dossierDatabaseUrl;
  let store: BaselineOptions['storeKind'] = ctx.dossierStore ?? 'provisional';
  if (!databaseUrl || store === 'provisional') {
    const db = await freshDatabase(ctx.serverUrl, 'xaso_bench_baseline');
    ctx.drops.push(db.drop);
    databaseUrl = db.url;
    store = 'provisional';
  }
  const input: BaselineOptions = { databaseUrl, port: 0, storeKind: store };
  const child = await startChild<BaselineInfo>({
    script: 'bench/baseline/server.ts',
    input,
    logFile: join('tmp', 'bench', 'baseline.log'),
  });
  return {
    adapter: baselineAdapter(child.info.origin, child.info.list),
    description: `bare Fastify + pg, ${child.info.store}, database ${redact(databaseUrl)}`,
    procedureCodes: ctx.procedureCodes ?? DEFAULT_PROCEDURES,
    receivingUnitCodes: ctx.receivingUnitCodes ?? DEFAULT_UNITS,
    child,
  };
}

interface Prepared {
  target: StartedTarget;
  fixtures: DossierFixtures;
  keys: TrackKey[];
}

/** Warm-up: unique submissions, bounded in count; their codes feed the tracking scenarios. */
async function warmUp(target: StartedTarget, config: BenchConfig): Promise<Prepared> {
  const { adapter } = target;
  const fixtures = new DossierFixtures({ procedureCodes: target.procedureCodes, receivingUnitCodes: target.receivingUnitCodes });
  const inputs: SubmitDossierInput[] = [];
  const t0 = Date.now();
  const warm = await runBounded<TrackKey>(
    adapter.origin,
    config.warmup,
    config.connections,
    (i) => adapter.submitCall((inputs[i] = fixtures.next())),
    (status, body, i) => {
      const code = adapter.submittedCode(status, body);
      return code ? { code, idNumberLast4: inputs[i].applicant.idNumber.slice(-4) } : undefined;
    },
    config.timeoutSec * 1000,
  );
  if (!warm.results.length) {
    throw new Error(`every warm-up submission failed, e.g. ${warm.failures.slice(0, 2).join(' | ')}`);
  }
  log(`${adapter.name}: warm-up ${warm.results.length}/${config.warmup} submissions in ${Date.now() - t0} ms (${warm.failures.length} failed)`);
  if (warm.failures.length) log(`${adapter.name}: warm-up failure sample: ${warm.failures[0]}`);
  return { target, fixtures, keys: warm.results };
}

/** The load of one scenario on one target; undefined when the target has no such scenario (the baseline has no REST facade). */
function specFor(prepared: Prepared, scenario: ScenarioName): LoadSpec | undefined {
  const { target, fixtures, keys } = prepared;
  const { adapter } = target;
  const rest = adapter.rest;
  switch (scenario) {
    case 'submit':
      return { next: () => adapter.submitCall(fixtures.next()), ok: (status, body) => adapter.submittedCode(status, body) !== undefined };
    case 'submit-rest':
      return rest && { next: () => rest.submitCall(fixtures.next()), ok: (status, body) => rest.submittedCode(status, body) !== undefined };
    case 'track':
    case 'track-rest': {
      if (!keys.length) throw new Error('no dossier of the warm-up could be tracked');
      const api = scenario === 'track' ? adapter : rest;
      if (!api) return undefined;
      let i = 0;
      return { next: () => api.trackCall(keys[i++ % keys.length]), ok: api.tracked };
    }
    case 'list': {
      const { listCall, listed } = adapter;
      if (!listCall || !listed) return undefined;
      // The officers of the units with the most dossiers of the warm-up (each sees a full page of 20).
      const units = target.receivingUnitCodes;
      let i = 0;
      return { next: () => listCall(units[i++ % units.length], 20), ok: listed };
    }
  }
}

async function measureScenario(prepared: Prepared, scenario: ScenarioName, config: BenchConfig, report: BenchReport): Promise<void> {
  const { target } = prepared;
  const { adapter } = target;
  const spec = specFor(prepared, scenario);
  if (!spec) return;
  const loadOptions = { origin: adapter.origin, durationSec: config.durationSec, connections: config.connections, timeoutSec: config.timeoutSec };
  {
    if (config.scenarioWarmupSec) {
      const warm = await runLoad(spec, { ...loadOptions, durationSec: config.scenarioWarmupSec });
      log(`${adapter.name}: ${scenario}: warm-up ${config.scenarioWarmupSec} s, ${warm.requests} requests (not measured)`);
    }
    log(`${adapter.name}: ${scenario} for ${config.durationSec} s with ${config.connections} connections`);
    // The target's CPU burn while idle, to take out of the per-request figure (BENCH_IDLE_MS).
    const idleBefore = await target.child.cpu();
    await new Promise((done) => setTimeout(done, config.idleMs));
    const idleAfter = await target.child.cpu();
    const profileDir = process.env.BENCH_CPU_PROF;
    if (profileDir) await target.child.profile('start', '');
    const cpuBefore = await target.child.cpu();
    const machineBefore = machineCpuSample();
    const result = await runLoad(spec, loadOptions);
    const machineAfter = machineCpuSample();
    const cpuAfter = await target.child.cpu();
    const r = row(scenario, adapter.name, result, config.connections);
    r.cpuMsPerRequest = cpuPerRequest(cpuBefore, cpuAfter, result.requests);
    r.netCpuMsPerRequest = netCpuPerRequest(idleBefore, idleAfter, cpuBefore, cpuAfter, result.requests);
    r.idleCpuMsPerSecond = cpuPerRequest(idleBefore, idleAfter, (idleAfter.atUs - idleBefore.atUs) / 1e6);
    r.window = { startUs: cpuBefore.atUs, endUs: cpuAfter.atUs };
    const targetMs = (cpuAfter.parts.total ?? 0) - (cpuBefore.parts.total ?? 0);
    if (machineBefore && machineAfter) r.machineCpu = machineCpuPerRequest(machineBefore, machineAfter, targetMs, result.requests, report.cpuCount);
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      await target.child.profile('stop', resolve(profileDir, `${scenario}-${adapter.name}`));
      const summaries = readdirSync(profileDir)
        .filter((f) => f.startsWith(`${scenario}-${adapter.name}-`) && f.endsWith('.cpuprofile'))
        .map((f) => {
          const thread = f.slice(`${scenario}-${adapter.name}-`.length, -'.cpuprofile'.length);
          const cpu = r.cpuMsPerRequest?.[thread === 'main' ? 'total' : thread];
          return breakdownMarkdown(f.replace('.cpuprofile', ''), summarizeProfile(join(profileDir, f), result.requests, cpu));
        });
      appendFileSync(join(profileDir, 'breakdown.md'), summaries.join('\n'));
      log(`${adapter.name}: ${scenario}: CPU profiles ${profileDir}/${scenario}-${adapter.name}-*.cpuprofile, breakdown in ${profileDir}/breakdown.md (${result.requests} requests)`);
    }
    report.results.push(r);
    log(`${adapter.name}: ${scenario}: ${r.rps} req/s (${r.okRps} ok), p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}, app errors ${r.appErrors}, CPU ms/request ${JSON.stringify(r.cpuMsPerRequest)}, net of idle ${JSON.stringify(r.netCpuMsPerRequest)}, idle ms/s ${JSON.stringify(r.idleCpuMsPerSecond)}, machine ${JSON.stringify(r.machineCpu)}`);
    if (r.sampleFailures.length) log(`${adapter.name}: ${scenario}: failure sample: ${r.sampleFailures[0]}`);
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  } finally {
    await client.end();
  }
}


async function main(): Promise<void> {
  const config = benchConfig();
  const pg = await resolvePostgres(config.databaseUrl);
  log(`PostgreSQL: ${redact(pg.url)} (${pg.how})`);
  const ctx: Context = { config, serverUrl: pg.url, drops: [], dropUrls: new Set() };
  const report: BenchReport = {
    name: 'dossier',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    commit: gitCommit(),
    ...machine(),
    loadAverage: { before: load1(), after: 0 },
    postgres: { how: pg.how, version: await postgresVersion(pg.url) },
    settings: { durationSec: config.durationSec, connections: config.connections, warmup: config.warmup, scenarioWarmupSec: config.scenarioWarmupSec, timeoutSec: config.timeoutSec, platformLogLevel: config.logLevel },
    targets: {},
    results: [],
    notes: [
      'The load generator (autocannon, this process), the servers under test (one child process per target) and PostgreSQL share the same machine and its CPU cores; absolute numbers are for comparison between the two targets on the same run, not capacity figures.',
      'Latency percentiles are computed from every completed response (floating-point ms), including non-2xx and failed ones.',
    ],
  };
  const starters: Record<TargetName, (c: Context) => Promise<StartedTarget>> = { platform: startPlatform, baseline: startBaselineTarget };
  const started: StartedTarget[] = [];
  try {
    // Every target is started and warmed up first; then each scenario runs on every target back
    // to back, so that the two sides of a ratio are measured seconds apart, under the same load
    // from the rest of the machine.
    const prepared: Prepared[] = [];
    try {
      for (const name of config.targets) {
        let target: StartedTarget | undefined;
        try {
          log(`starting ${name}`);
          target = await starters[name](ctx);
          started.push(target);
          report.targets[name] = { description: target.description, status: 'ran' };
          log(`${name}: ${target.description} at ${target.adapter.origin} (pid ${target.child.pid})`);
          prepared.push(await warmUp(target, config));
        } catch (error) {
          const reason = (error as Error).message;
          log(`${name}: FAILED: ${reason}`);
          report.targets[name] = { description: report.targets[name]?.description ?? name, status: 'failed', reason };
        }
      }
      for (const scenario of config.scenarios) {
        for (const p of prepared) {
          try {
            await measureScenario(p, scenario, config, report);
          } catch (error) {
            const reason = (error as Error).message;
            log(`${p.target.adapter.name}: ${scenario} FAILED: ${reason}`);
            report.targets[p.target.adapter.name] = { ...report.targets[p.target.adapter.name], status: 'failed', reason };
          }
        }
      }
    } finally {
      for (const target of started) await target.child.stop();
    }
  } finally {
    if (!config.keepDatabases) {
      for (const drop of ctx.drops) await drop().catch((error) => log(`drop failed: ${(error as Error).message}`));
    }
    await pg.stop();
  }
  report.finishedAt = new Date().toISOString();
  report.loadAverage.after = load1();
  const files = writeReport(config.resultsDir, report);
  process.stdout.write(markdown(report));
  log(`wrote ${files.json} and ${files.md}`);
  if (Object.values(report.targets).some((t) => t.status === 'failed')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
