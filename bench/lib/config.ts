/** Benchmark settings, all from the environment (see bench/README.md). */
export interface BenchConfig {
  /** Seconds of load per scenario (BENCH_DURATION, default 10). */
  durationSec: number;
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS, default 10). */
  connections: number;
  /** Dossiers submitted before the measured scenarios; they warm the JIT and feed the tracking scenario (BENCH_WARMUP, default 300). */
  warmup: number;
  /** Which targets to run, in order (BENCH_TARGETS, default "platform,baseline"). */
  targets: TargetName[];
  /** Which scenarios to run (BENCH_SCENARIOS, default "submit,track"). */
  scenarios: ScenarioName[];
  /** Where results go (BENCH_RESULTS_DIR, default bench/results). */
  resultsDir: string;
  /** PostgreSQL server to use (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the machine's, else embedded). */
  databaseUrl?: string;
  /** Keep the bench databases afterwards (BENCH_KEEP_DATABASES=true); default: dropped. */
  keepDatabases: boolean;
  /** Per-request timeout of the load generator in seconds (BENCH_TIMEOUT, default 10). */
  timeoutSec: number;
  /** LOG_LEVEL of the platform's pino loggers (BENCH_LOG_LEVEL, default warn: no per-request access log). */
  logLevel: string;
  /** Milliseconds the target is watched idle before each scenario, to take its background CPU out (BENCH_IDLE_MS, default 2000). */
  idleMs: number;
  /**
   * Seconds of the scenario's own load, unmeasured, right before its measured window (BENCH_SCENARIO_WARMUP,
   * default 5; 0 = none): the JIT compiles a scenario's code paths only once they are hot, and the
   * platform has far more code to compile than the bare server.
   */
  scenarioWarmupSec: number;
}

export type TargetName = 'baseline' | 'platform';
/**
 * `submit`, `track`: GraphQL through the gateway (the baseline: its REST endpoints);
 * `submit-rest`, `track-rest`: the same through the gateway's REST facade /api/v1/dossiers
 * (platform only, compared with the baseline's `submit`/`track`); `list`: a commune officer's
 * list page, 20 dossiers with their procedures.
 */
export type ScenarioName = 'submit' | 'track' | 'submit-rest' | 'track-rest' | 'list';

const TARGETS: readonly TargetName[] = ['platform', 'baseline'];
const SCENARIOS: readonly ScenarioName[] = ['submit', 'track', 'submit-rest', 'track-rest', 'list'];

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new Error(`${name} must be an integer between 1 and ${max}, got "${raw}"`);
  }
  return value;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  return env[name] === '0' ? 0 : positiveInt(env, name, fallback, max);
}

function list<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T[] {
  const raw = env[name];
  if (!raw) return [...allowed];
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${name}: unknown "${item}" (allowed: ${allowed.join(', ')})`);
  }
  return items as T[];
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    // Bounded on purpose: the whole run must stay within a few minutes on a 2-core machine.
    durationSec: positiveInt(env, 'BENCH_DURATION', 10, 300),
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 10, 1000),
    warmup: positiveInt(env, 'BENCH_WARMUP', 300, 100_000),
    targets: list(env, 'BENCH_TARGETS', TARGETS),
    scenarios: list(env, 'BENCH_SCENARIOS', SCENARIOS),
    resultsDir: env.BENCH_RESULTS_DIR || 'bench/results',
    databaseUrl: env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined,
    keepDatabases: env.BENCH_KEEP_DATABASES === 'true',
    timeoutSec: positiveInt(env, 'BENCH_TIMEOUT', 10, 120),
    logLevel: env.BENCH_LOG_LEVEL || 'warn',
    idleMs: positiveInt(env, 'BENCH_IDLE_MS', 2000, 60_000),
    scenarioWarmupSec: nonNegativeInt(env, 'BENCH_SCENARIO_WARMUP', 5, 120),
  };
}
