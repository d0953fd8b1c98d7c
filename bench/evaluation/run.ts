/**
 * Suite `evaluation` (issue #11), beside bare baselines measured in the same run:
 *  1. indicator latency: `dossier.resolved` published on a real Kafka broker → the commune's
 *     `indicatorValues` (GraphQL over HTTP) shows it; p50/p99 over BENCH_EVAL_EVENTS events, one at
 *     a time. Baseline: a bare kafkajs producer → consumer doing the same upsert into a plain
 *     table, and a plain SELECT polling for it.
 *  2. rankings: every current commune (3,321, data/admin-units) with a recognised assessment, one
 *     cycle per province; `rankings` (GraphQL, pages of 100) for one cycle of all 3,321 communes in
 *     one province (worst case), for the largest real province, and for the whole country (34
 *     cycles, all pages); the CSV export of the 3,321; baseline: the same aggregate as plain SQL.
 * Writes bench/results/<YYYY-MM-DD>-evaluation.json.
 * Run: node -r @swc-node/register bench/evaluation/run.ts (or `BENCH_SUITES=evaluation npm run bench`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { issueDevToken, Role } from '@xaso/auth';
import { eventRegistry, topicFor } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { realAdminUnits, startKafka } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { startEvaluationService } from '../../apps/evaluation-service/src/bootstrap';
import { DECISION_766_SERVICE_INDEX as QD766 } from '../../apps/evaluation-service/src/scorecards/domain/seed';
import { percentile } from '../lib/load';
import { freshDatabase, redact, resolvePostgres } from '../lib/postgres';
import { gitCommit, load1, machine } from '../lib/report';

const EVENTS = Math.min(Math.max(Number(process.env.BENCH_EVAL_EVENTS ?? 200), 10), 2000);
const ROUNDS = Math.min(Math.max(Number(process.env.BENCH_EVAL_ROUNDS ?? 10), 1), 100);
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results');
const BENCH_PROVINCE = '99'; // the synthetic province holding all 3,321 communes
const log = (message: string) => process.stderr.write(`[bench:evaluation] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round2 = (x: number) => Math.round(x * 100) / 100;

interface Stats { n: number; p50: number; p90: number; p99: number; mean: number; max: number }
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length, p50: round2(percentile(sorted, 50)), p90: round2(percentile(sorted, 90)), p99: round2(percentile(sorted, 99)),
    mean: round2(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)), max: round2(sorted.at(-1) ?? 0),
  };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, pollMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(pollMs);
  }
}

function resolvedEnvelope(code: string, unitCode: string, completedAt: string) {
  return eventRegistry.assertValid({
    id: randomUUID(), type: 'dossier.resolved', version: 1, occurredAt: completedAt, source: 'dossier', aggregateType: 'Dossier',
    aggregateId: code, unitCode, correlationId: randomUUID(), causationId: null,
    payload: {
      code, procedureCode: 'BENCH.001', status: 'RESOLVED', previousStatus: 'PROCESSING', channel: 'DIRECT', receivingUnitCode: unitCode,
      competentUnitCode: unitCode, processingUnitCode: unitCode, receivedAt: '2026-03-01T08:00:00+07:00', dueAt: '2026-12-31T10:00:00+07:00',
      actorRole: 'OFFICER', completedAt, timeliness: 'ON_TIME',
    },
  });
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadBefore = load1();
  const notes: string[] = [];
  const postgres = await resolvePostgres(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const db = await freshDatabase(postgres.url, 'xaso_bench_evaluation');
  log(`PostgreSQL ${redact(postgres.url)} (${postgres.how}); starting Kafka…`);
  const kafka = await startKafka();
  log(`Kafka: ${kafka.how} ${kafka.brokers.join(',')}`);
  process.env.AUTH_DEV_SECRET = randomBytes(24).toString('hex');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  const app = await startEvaluationService({
    databaseUrl: db.url, port: 0, logger: false,
    transport: new KafkaTransport({ brokers: kafka.brokers, clientId: 'bench-evaluation-app' }),
    consumerGroup: `bench-evaluation-${Date.now()}`,
  });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf));
  const admin = await issueDevToken({ sub: 'bench-admin', role: Role.ADMIN }, process.env.AUTH_DEV_SECRET);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data;
  };
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const producer = new KafkaTransport({ brokers: kafka.brokers, clientId: 'bench-evaluation-producer' });
  await producer.start();

  // ---- 1. indicator latency: dossier.resolved on Kafka → indicatorValues
  const unit = '00004';
  const VALUES = `query ($u: UnitCode!) { indicatorValues(unitCode: $u, from: "2026-01-01", to: "2026-12-31") { totals { metric total } } }`;
  const resolvedTotal = async () => (await gql(VALUES, { u: unit })).indicatorValues.totals.find((m: { metric: string }) => m.metric === 'dossier.resolved').total as number;
  const send = (i: number) => {
    const e = resolvedEnvelope(`BENCH-${i}-${randomUUID().slice(0, 8)}`, unit, '2026-06-01T09:00:00+07:00');
    return producer.send(topicFor('dossier'), [{ key: e.aggregateId, value: JSON.stringify(e), headers: { type: e.type, version: '1' } }]);
  };
  log('warm-up: consumer joined and first events through…');
  await send(-1);
  await until('the first event as a fact', async () => (await resolvedTotal()) >= 1, 120_000, 50);
  for (let i = 0; i < 10; i++) { const before = await resolvedTotal(); await send(-2 - i); await until('warm-up', async () => (await resolvedTotal()) > before); }
  const platformLatency: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const before = await resolvedTotal();
    const t0 = performance.now();
    await send(i);
    await until(`event ${i} visible`, async () => (await resolvedTotal()) > before);
    platformLatency.push(performance.now() - t0);
  }
  log(`platform latency ${JSON.stringify(stats(platformLatency))}`);

  // baseline: bare kafkajs producer → consumer → plain upsert; a plain SELECT polls for it
  await pool.query(`CREATE TABLE bare_fact (unit_code text, day date, metric text, value bigint, PRIMARY KEY (unit_code, day, metric))`);
  const bare = new Kafka({ clientId: 'bench-evaluation-bare', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const bareTopic = `bench.evaluation.bare.${Date.now()}`;
  const bareAdmin = bare.admin();
  await bareAdmin.connect();
  await bareAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: bareTopic, numPartitions: 1 }] });
  await bareAdmin.disconnect();
  const bareProducer = bare.producer();
  await bareProducer.connect();
  const bareConsumer = bare.consumer({ groupId: `bench-bare-${Date.now()}`, maxWaitTimeInMs: 100 });
  await bareConsumer.connect();
  await bareConsumer.subscribe({ topic: bareTopic, fromBeginning: true });
  await bareConsumer.run({
    eachMessage: async ({ message }) => {
      const e = JSON.parse(message.value!.toString());
      await pool.query(
        `INSERT INTO bare_fact VALUES ($1, ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'dossier.resolved', 1)
         ON CONFLICT (unit_code, day, metric) DO UPDATE SET value = bare_fact.value + 1`,
        [e.payload.processingUnitCode, e.payload.completedAt],
      );
    },
  });
  const bareTotal = async () => Number((await pool.query(`SELECT coalesce(sum(value), 0) AS n FROM bare_fact WHERE unit_code = $1 AND metric = 'dossier.resolved'`, [unit])).rows[0].n);
  const bareSend = (i: number) => { const e = resolvedEnvelope(`BARE-${i}`, unit, '2026-06-01T09:00:00+07:00'); return bareProducer.send({ topic: bareTopic, messages: [{ key: e.aggregateId, value: JSON.stringify(e) }] }); };
  await bareSend(-1);
  await until('the bare consumer', async () => (await bareTotal()) >= 1, 120_000, 50);
  const baselineLatency: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const before = await bareTotal();
    const t0 = performance.now();
    await bareSend(i);
    await until(`bare event ${i}`, async () => (await bareTotal()) > before);
    baselineLatency.push(performance.now() - t0);
  }
  await bareConsumer.disconnect();
  await bareProducer.disconnect();
  log(`baseline latency ${JSON.stringify(stats(baselineLatency))}`);

  // ---- 2. rankings of 3,321 communes
  const communes = realAdminUnits().filter((u) => u.level === 'COMMUNE' && u.validTo === null);
  const provinceOf = new Map(communes.map((c) => [c.code, c.parent!.code]));
  const provinces = [...new Set(provinceOf.values())].sort();
  log(`seeding ${communes.length} recognised assessments in ${provinces.length} province cycles + one cycle of all of them…`);
  const cycleOf = new Map<string, string>(provinces.map((p) => [p, randomUUID()]));
  const allCycle = randomUUID();
  await pool.query(
    `INSERT INTO evaluation_cycle (id, year, province_code, scorecard_code, scorecard_version, unit_codes, opened_by)
     SELECT id, 2026, province_code, $3, 1, '{}', 'bench' FROM unnest($1::uuid[], $2::text[]) AS c (id, province_code)`,
    [[...cycleOf.values(), allCycle], [...cycleOf.keys(), BENCH_PROVINCE], QD766.code],
  );
  const totals = communes.map((_, i) => Math.round((50 + ((i * 7919) % 5000) / 100) * 100) / 100); // 50.00–99.99, ties included
  const level = (t: number) => (t >= 80 ? 'GOOD' : t >= 50 ? 'FAIR' : null);
  for (const [cycleIds, provinceCodes] of [
    [communes.map((c) => cycleOf.get(provinceOf.get(c.code)!)!), communes.map((c) => provinceOf.get(c.code)!)],
    [communes.map(() => allCycle), communes.map(() => BENCH_PROVINCE)],
  ] as const) {
    await pool.query(
      `INSERT INTO assessment (cycle_id, unit_code, province_code, year, state, total, level_code, body)
       SELECT cycle_id, unit_code, province_code, 2026, 'RECOGNISED', total, level_code, '{}'::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::text[]) AS a (cycle_id, unit_code, province_code, total, level_code)`,
      [cycleIds, communes.map((c) => c.code), provinceCodes, totals, totals.map(level)],
    );
  }
  await pool.query('ANALYZE assessment');
  const RANKINGS = `query ($c: ID!, $p: String!, $after: String) { rankings(cycleId: $c, provinceCode: $p, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { rank unitCode total levelCode state } } } }`;
  const allPages = async (cycleId: string, provinceCode: string) => {
    let after: string | null = null;
    let n = 0;
    for (;;) {
      const page: any = (await gql(RANKINGS, { c: cycleId, p: provinceCode, after })).rankings;
      n += page.edges.length;
      if (!page.pageInfo.hasNextPage) return n;
      after = page.pageInfo.endCursor;
    }
  };
  const largest = provinces.map((p) => [p, communes.filter((c) => provinceOf.get(c.code) === p).length] as const).sort((a, b) => b[1] - a[1])[0];
  const timed = async (what: string, fn: () => Promise<unknown>) => {
    await fn(); // warm
    const samples: number[] = [];
    for (let r = 0; r < ROUNDS; r++) { const t0 = performance.now(); await fn(); samples.push(performance.now() - t0); }
    log(`${what}: ${JSON.stringify(stats(samples))}`);
    return stats(samples);
  };
  const checkCount = async (cycleId: string, provinceCode: string, expected: number) => {
    const n = await allPages(cycleId, provinceCode);
    if (n !== expected) throw new Error(`ranking of ${provinceCode} returned ${n} rows, expected ${expected}`);
  };
  await checkCount(allCycle, BENCH_PROVINCE, communes.length);
  const bareRanking = (cycleId: string, provinceCode: string) =>
    pool.query(
      `SELECT unit_code, total, level_code, state, rank() OVER (ORDER BY total DESC) AS rank FROM assessment
       WHERE cycle_id = $1 AND province_code = $2 AND state = ANY($3) AND total IS NOT NULL AND NOT insufficient_data ORDER BY total DESC, unit_code`,
      [cycleId, provinceCode, ['APPROVED', 'RECOGNISED']],
    );
  const csvOf = async () => {
    const res = await fetch(`${base}/api/v1/evaluation/cycles/${allCycle}/rankings.csv?provinceCode=${BENCH_PROVINCE}`, { headers: { authorization: `Bearer ${admin}` } });
    const lines = (await res.text()).trim().split('\r\n').length;
    if (res.status !== 200 || lines !== communes.length + 1) throw new Error(`CSV export: ${res.status}, ${lines} lines`);
  };
  const ranking = {
    communes: communes.length,
    provinces: provinces.length,
    largestProvince: { code: largest[0], communes: largest[1] },
    platform: {
      oneCycle3321FirstPage: await timed('rankings, 3,321 communes, first page of 100', () => gql(RANKINGS, { c: allCycle, p: BENCH_PROVINCE, after: null })),
      oneCycle3321AllPages: await timed('rankings, 3,321 communes, all 34 pages', () => allPages(allCycle, BENCH_PROVINCE)),
      largestProvinceAllPages: await timed(`rankings, province ${largest[0]} (${largest[1]}), all pages`, () => allPages(cycleOf.get(largest[0])!, largest[0])),
      wholeCountryAllCycles: await timed('rankings, every province cycle, all pages (3,321)', async () => { for (const [p, c] of cycleOf) await allPages(c, p); }),
      csvExport3321: await timed('rankings.csv, 3,321 communes (streamed)', csvOf),
    },
    baseline: {
      oneCycle3321: await timed('bare SQL ranking, 3,321 communes', () => bareRanking(allCycle, BENCH_PROVINCE)),
      largestProvince: await timed('bare SQL ranking, largest province', () => bareRanking(cycleOf.get(largest[0])!, largest[0])),
      wholeCountryAllCycles: await timed('bare SQL ranking, every province cycle', async () => { for (const [p, c] of cycleOf) await bareRanking(c, p); }),
    },
  };

  await producer.stop();
  await app.close();
  await pool.end();
  if (process.env.BENCH_KEEP_DATABASES !== 'true') await db.drop();
  await kafka.stop();
  await postgres.stop();

  const commit = gitCommit();
  notes.push(
    'Latency: one event at a time; the clock starts before the producer send and stops when a GraphQL indicatorValues read over HTTP shows the new count (polled every ~2 ms); the service, the producer and the poller share this process.',
    'Baseline latency: the same envelope through a bare kafkajs producer/consumer (maxWaitTimeInMs 100, like the platform consumer) into a plain upsert, a plain SELECT polling for it: no inbox, no outbox, no GraphQL, no HTTP.',
    'Rankings: assessments seeded by SQL (RECOGNISED, totals 50.00–99.99 with ties); the platform times are GraphQL over HTTP with an ADMIN token, pages of 100 (keyset); the baseline is the same rank() aggregate in one plain SQL statement.',
  );
  const report = {
    name: 'evaluation', startedAt, finishedAt: new Date().toISOString(), commit, ...machine(),
    loadAverage: { before: loadBefore, after: load1() },
    postgres: { how: postgres.how }, kafka: { how: kafka.how, brokers: kafka.brokers.length },
    settings: { events: EVENTS, rounds: ROUNDS },
    latencyMs: { platform: stats(platformLatency), baseline: stats(baselineLatency) },
    rankingMs: ranking,
    notes,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${startedAt.slice(0, 10)}-evaluation.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`${JSON.stringify({ latencyMs: report.latencyMs, rankingMs: { platform: ranking.platform, baseline: ranking.baseline } }, null, 2)}\n`);
  log(`wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench:evaluation] failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
