/**
 * `npm run bench` suite `voting` (issue 10): castBallot through the gateway by 10,000 distinct
 * voters beside a bare Fastify + pg server doing the same two inserts on the same database; a
 * 20,000-row roll import through the REST CSV route (target < 5 s) beside the same set-based
 * INSERT straight over pg; the tally and board root of 100,000 ballots (target < 1 s).
 * Writes bench/results/<YYYY-MM-DD>-voting.json. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { issueDevToken, Role } from '@xaso/auth';
import { dropDatabase } from '@xaso/persistence';
import { startChild, type ChildHandle } from '../lib/child';
import { runBounded, runLoad, type HttpCall, type LoadResult } from '../lib/load';
import { redact, resolvePostgres } from '../lib/postgres';
import { gitCommit, load1, machine } from '../lib/report';
import type { VotingBaselineInfo, VotingBaselineInput } from './baseline';
import type { VotingPlatformInfo, VotingPlatformInput } from './platform';
import { measureTally, type TallyMeasurement } from './tally';

const COMMUNE = '00097';
const VILLAGES = ['V00097-B1', 'V00097-B2'];
const VOTERS = positiveInt('BENCH_VOTING_VOTERS', 10_000);
const WARMUP = positiveInt('BENCH_VOTING_WARMUP', 500);
const IMPORT_ROWS = positiveInt('BENCH_VOTING_IMPORT_ROWS', 20_000);
const IMPORT_ROUNDS = positiveInt('BENCH_VOTING_IMPORT_ROUNDS', 3);
const TALLY_BALLOTS = positiveInt('BENCH_VOTING_TALLY_BALLOTS', 100_000);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 10);
const TIMEOUT_SEC = positiveInt('BENCH_TIMEOUT', 10);
const CHOICES = ['YES', 'NO', 'ABSTAIN'];

const log = (message: string) => process.stderr.write(`[bench:voting] ${message}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 1_000_000) throw new Error(`${name} must be an integer between 1 and 1000000, got "${raw}"`);
  return n;
}

/** 12-digit ID numbers (province 001), distinct for every i below 10^8. */
const idNumberOf = (i: number) => `001${String(100_000_000 + i).slice(-9)}`;
const rollCsv = (n: number, offset = 0) =>
  ['householdId,idNumber,name,villageCode', ...Array.from({ length: n }, (_, k) => `H-${offset + k + 1},${idNumberOf(offset + k + 1)},"Nguyễn Văn ${offset + k + 1}",${VILLAGES[k % 2]}`)].join('\r\n');

interface CastRow extends Omit<LoadResult, 'sampleFailures'> {
  target: 'platform' | 'baseline';
  what: string;
  sampleFailures: string[];
}

interface VotingReport {
  name: 'voting';
  startedAt: string;
  finishedAt: string;
  commit: string;
  node: string;
  cpuCount: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  loadAverage: { before: number; after: number };
  postgres: { how: string; version: string };
  settings: { voters: number; warmup: number; importRows: number; importRounds: number; tallyBallots: number; connections: number; timeoutSec: number; platformLogLevel: string };
  targets: Record<string, { description: string; status: 'ran' | 'failed'; reason?: string }>;
  castBallot: CastRow[];
  rollImport: { platform?: { rows: number; ms: number[]; minMs: number; medianMs: number; targetMs: 5000; met: boolean }; baseline?: { rows: number; ms: number[]; minMs: number; medianMs: number } };
  tally?: TallyMeasurement & { targetMs: 1000; met: boolean };
  notes: string[];
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The platform's half: polls created, rolls uploaded as CSV and opened through the gateway; castBallot under load. */
async function platformHalf(origin: string, secret: string, report: VotingReport): Promise<{ baselinePollId: string; pollDay: string }> {
  const officer = await issueDevToken({ role: Role.OFFICER, sub: 'bench-officer', unitCode: COMMUNE }, secret);
  const gql = async (query: string, variables: Record<string, unknown>, token = officer) => {
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new Error(`${query.slice(0, 40)}…: ${body.errors.map((e) => e.extensions?.code ?? e.message).join(', ')}`);
    return body.data;
  };
  const now = Date.now();
  const pollInput = (electorate: 'HOUSEHOLDS' | 'VOTERS') => ({
    unitCode: COMMUNE,
    matter: 'PUBLIC_WORKS_CONTRIBUTION',
    title: `Bench ${electorate}`,
    description: 'issue 10 bench',
    optionKind: 'YES_NO_ABSTAIN',
    electorate,
    channels: ['ONLINE', 'PAPER'],
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
  });
  const createPoll = async (electorate: 'HOUSEHOLDS' | 'VOTERS') => (await gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, { i: pollInput(electorate) })).createPoll.id as string;
  const uploadCsv = async (pollId: string, csv: string) => {
    const started = performance.now();
    const response = await fetch(`${origin}/api/v1/polls/${pollId}/roll`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${officer}` }, body: csv });
    const body = (await response.json()) as { imported?: number; code?: string };
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`roll upload: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, imported: body.imported };
  };

  // (b) a 20,000-row household roll through the gateway's REST CSV route, re-imported IMPORT_ROUNDS times
  const importPoll = await createPoll('HOUSEHOLDS');
  const csv = rollCsv(IMPORT_ROWS);
  log(`roll import: ${IMPORT_ROWS} rows (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB of CSV) × ${IMPORT_ROUNDS}`);
  const importMs: number[] = [];
  for (let round = 0; round < IMPORT_ROUNDS; round++) {
    const { ms, imported } = await uploadCsv(importPoll, csv);
    if (imported !== IMPORT_ROWS) throw new Error(`imported ${imported} of ${IMPORT_ROWS}`);
    importMs.push(round2(ms));
  }
  report.rollImport.platform = { rows: IMPORT_ROWS, ms: importMs, minMs: Math.min(...importMs), medianMs: median(importMs), targetMs: 5000, met: median(importMs) < 5000 };
  log(`roll import: ${importMs.join(', ')} ms`);

  // (a) castBallot: a VOTERS poll with a roll of WARMUP + VOTERS, one token per voter; the baseline's poll has its own roll
  const rollSize = WARMUP + VOTERS;
  const castPoll = await createPoll('VOTERS');
  const baselinePoll = await createPoll('VOTERS');
  await uploadCsv(castPoll, rollCsv(rollSize));
  await uploadCsv(baselinePoll, rollCsv(rollSize));
  for (const id of [castPoll, baselinePoll]) await gql(`mutation($id: ID!) { openPoll(id: $id) { status } }`, { id });
  const t0 = Date.now();
  const tokens = await Promise.all(Array.from({ length: rollSize }, (_, i) => issueDevToken({ role: Role.CITIZEN, sub: `bench-voter-${i + 1}`, idNumber: idNumberOf(i + 1) }, secret)));
  log(`${rollSize} citizen tokens in ${Date.now() - t0} ms`);
  const castCall = (i: number): HttpCall => ({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Bearer ${tokens[i]}` },
    body: JSON.stringify({ query: 'mutation($p: ID!, $c: ID!) { castBallot(pollId: $p, choice: $c) { tracker } }', variables: { p: castPoll, c: CHOICES[i % 3] } }),
  });
  const castOk = (status: number, body: string) => status === 200 && /"tracker":"[0-9a-f]{64}"/.test(body) && !body.includes('"errors"');
  const warm = await runBounded(origin, WARMUP, CONNECTIONS, castCall, (status, body) => (castOk(status, body) ? true : undefined), TIMEOUT_SEC * 1000);
  log(`platform: warm-up ${warm.results.length}/${WARMUP} casts${warm.failures.length ? `, e.g. ${warm.failures[0]}` : ''}`);
  let next = WARMUP;
  const result = await runLoad(
    { next: () => castCall(next++), ok: castOk },
    { origin, durationSec: 0, amount: VOTERS, connections: CONNECTIONS, timeoutSec: TIMEOUT_SEC },
  );
  report.castBallot.push({ target: 'platform', what: `mutation castBallot through the gateway, ${VOTERS} distinct voters (own token each) of a ${rollSize}-voter roll`, ...result });
  log(`platform: castBallot ${result.okRps} ballots/s ok (${result.rps} req/s), p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.succeeded}/${result.requests} ok`);
  return { baselinePollId: baselinePoll, pollDay: new Date(now - 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 10) };
}

async function baselineHalf(databaseUrl: string, pollId: string, pollDay: string, report: VotingReport): Promise<void> {
  const input: VotingBaselineInput = { databaseUrl, pollId, pollDay, choices: CHOICES };
  const child: ChildHandle<VotingBaselineInfo> = await startChild<VotingBaselineInfo>({ script: 'bench/voting/baseline.ts', input, logFile: join('tmp', 'bench', 'voting-baseline.log') });
  try {
    const origin = child.info.origin;
    report.targets.baseline = { description: 'bare Fastify 5 + pg (pool 10): participation row + ballot row in one transaction, same tables and database', status: 'ran' };
    const call = (i: number): HttpCall => ({ method: 'POST', path: '/cast', body: JSON.stringify({ voterKey: idNumberOf(i + 1), choice: CHOICES[i % 3] }) });
    const ok = (status: number, body: string) => status === 200 && /"tracker":"[0-9a-f]{64}"/.test(body);
    await runBounded(origin, WARMUP, CONNECTIONS, call, (status, body) => (ok(status, body) ? true : undefined), TIMEOUT_SEC * 1000);
    let next = WARMUP;
    const result = await runLoad({ next: () => call(next++), ok }, { origin, durationSec: 0, amount: VOTERS, connections: CONNECTIONS, timeoutSec: TIMEOUT_SEC });
    report.castBallot.push({ target: 'baseline', what: `POST /cast, the same ${VOTERS} distinct voters' inserts on a poll of its own`, ...result });
    log(`baseline: cast ${result.okRps} ballots/s ok, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`);

    // the import's baseline: the repository's own set-based INSERT of the same rows, straight over pg (no HTTP, no CSV, no checks)
    const [{ id: draft }] = await sql<{ id: string }>(databaseUrl, `SELECT id FROM poll WHERE status = 'DRAFT' LIMIT 1`);
    const rows = Array.from({ length: IMPORT_ROWS }, (_, k) => [`H-${k + 1}`, idNumberOf(k + 1), `Nguyễn Văn ${k + 1}`, VILLAGES[k % 2]]);
    const ms: number[] = [];
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (let round = 0; round < IMPORT_ROUNDS; round++) {
        const started = performance.now();
        await client.query('BEGIN');
        await client.query(`DELETE FROM poll_roll_entry WHERE poll_id = $1`, [draft]);
        await client.query(
          `INSERT INTO poll_roll_entry (poll_id, entry_key, household_id, id_number, name, village_code) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
          [draft, rows.map((r) => r[0]), rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
        );
        await client.query('COMMIT');
        ms.push(round2(performance.now() - started));
      }
    } finally {
      await client.end();
    }
    report.rollImport.baseline = { rows: IMPORT_ROWS, ms, minMs: Math.min(...ms), medianMs: median(ms) };
  } finally {
    await child.stop();
  }
}

function markdown(r: VotingReport): string {
  const lines = [`# Voting benchmark — ${r.startedAt.slice(0, 10)}`, ''];
  lines.push(`Node ${r.node}, ${r.cpuCount} CPU (${r.cpuModel}), PostgreSQL ${r.postgres.version} (${r.postgres.how}); load average ${r.loadAverage.before} before, ${r.loadAverage.after} after; commit ${r.commit}.`, '');
  lines.push('| castBallot | ballots/s (ok) | req/s | p50 ms | p90 ms | p99 ms | ok / sent | non-2xx | app errors |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of r.castBallot) lines.push(`| ${c.target} | ${c.okRps} | ${c.rps} | ${c.latencyMs.p50} | ${c.latencyMs.p90} | ${c.latencyMs.p99} | ${c.succeeded} / ${c.requests} | ${c.non2xx} | ${c.appErrors} |`);
  const p = r.rollImport.platform;
  const b = r.rollImport.baseline;
  lines.push('');
  if (p) lines.push(`- roll import of ${p.rows} rows as text/csv through the gateway: median ${p.medianMs} ms (runs ${p.ms.join(', ')}; target < 5000 ms: ${p.met ? 'met' : 'NOT met'})${b ? `; the bare INSERT … unnest of the same rows: median ${b.medianMs} ms` : ''}`);
  if (r.tally) lines.push(`- tally + RFC 6962 board root of ${r.tally.ballots} ballots: median ${r.tally.ms.median} ms wall, ${r.tally.cpuMs?.median} ms CPU (runs ${r.tally.ms.runs.join(', ')}; target < 1000 ms: ${r.tally.met ? 'met' : 'NOT met'}); opening the sealed pending ballots before it: median ${r.tally.openSealedMs} ms`);
  for (const [name, t] of Object.entries(r.targets)) lines.push(`- ${name} (${t.status}): ${t.description}${t.reason ? ` — ${t.reason}` : ''}`);
  lines.push(...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const pg = await resolvePostgres(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined);
  log(`PostgreSQL: ${redact(pg.url)} (${pg.how})`);
  const [{ server_version: version }] = await sql<{ server_version: string }>(pg.url, 'SHOW server_version');
  const report: VotingReport = {
    name: 'voting',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    commit: gitCommit(),
    ...machine(),
    loadAverage: { before: load1(), after: 0 },
    postgres: { how: pg.how, version },
    settings: { voters: VOTERS, warmup: WARMUP, importRows: IMPORT_ROWS, importRounds: IMPORT_ROUNDS, tallyBallots: TALLY_BALLOTS, connections: CONNECTIONS, timeoutSec: TIMEOUT_SEC, platformLogLevel: process.env.BENCH_LOG_LEVEL || 'warn' },
    targets: {},
    castBallot: [],
    rollImport: {},
    notes: [
      'The load generator (autocannon, this process), the server under test (one child process) and PostgreSQL share the machine; compare the targets of one run, these are not capacity figures.',
      'castBallot sends exactly one request per voter (autocannon `amount`), after a warm-up by other voters of the same roll; latency percentiles cover every response.',
      'The platform does per cast: token check at the gateway and the service, GraphQL parse/validate/plan, the poll row under a share lock, the roll lookup by ID number, the participation and ballot inserts, in one transaction.',
    ],
  };
  const secret = `bench-${randomBytes(24).toString('hex')}`;
  const databaseName = 'xaso_bench_voting';
  let platform: ChildHandle<VotingPlatformInfo> | undefined;
  let baselinePoll: { baselinePollId: string; pollDay: string } | undefined;
  let databaseUrl: string | undefined;
  try {
    try {
      const input: VotingPlatformInput = { serverUrl: pg.url, databaseName, commune: COMMUNE, villages: VILLAGES };
      platform = await startChild<VotingPlatformInfo>({
        script: 'bench/voting/platform.ts',
        input,
        logFile: join('tmp', 'bench', 'voting-platform.log'),
        env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn', NODE_ENV: 'development', AUTH_DEV_SECRET: secret, AUTH_DEV_ISSUER: 'false' },
      });
      databaseUrl = platform.info.databaseUrl;
      report.targets.platform = { description: platform.info.description, status: 'ran' };
      baselinePoll = await platformHalf(platform.info.origin, secret, report);
    } catch (error) {
      log(`platform FAILED: ${(error as Error).message}`);
      report.targets.platform = { description: report.targets.platform?.description ?? 'voting-service + gateway', status: 'failed', reason: (error as Error).message };
    } finally {
      await platform?.stop();
    }
    if (databaseUrl && baselinePoll) {
      try {
        await baselineHalf(databaseUrl, baselinePoll.baselinePollId, baselinePoll.pollDay, report);
      } catch (error) {
        log(`baseline FAILED: ${(error as Error).message}`);
        report.targets.baseline = { description: 'bare Fastify + pg', status: 'failed', reason: (error as Error).message };
      }
    }
    // (c) pure CPU, in this process once the servers are gone
    log(`tally + board root of ${TALLY_BALLOTS} ballots`);
    const tally = measureTally(TALLY_BALLOTS);
    report.tally = { ...tally, targetMs: 1000, met: tally.ms.median < 1000 };
    log(`tally: ${tally.ms.runs.join(', ')} ms; opening ${TALLY_BALLOTS} sealed ballots: ${tally.openSealedMs} ms (median)`);
  } finally {
    if (databaseUrl && process.env.BENCH_KEEP_DATABASES !== 'true') await dropDatabase(databaseUrl).catch((error) => log(`drop failed: ${(error as Error).message}`));
    await pg.stop();
  }
  report.finishedAt = new Date().toISOString();
  report.loadAverage.after = load1();
  const dir = process.env.BENCH_RESULTS_DIR || 'bench/results';
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.slice(0, 10)}-voting.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(markdown(report));
  log(`wrote ${file}`);
  if (Object.values(report.targets).some((t) => t.status === 'failed') || !report.tally?.met) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
