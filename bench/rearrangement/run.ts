/**
 * Rearrangement (issue 12, "Performance"): BENCH_REARRANGEMENT_RECORDS (1,000,000) dossiers and
 * petitions spread over the legacy communes of the real 2025 plan, moved by the participants'
 * own movers (every APPLY chunk as merger sends it, through each service's consumer, inbox and
 * outbox, on the in-process bus), and beside them, on an identical copy of the rows (a template
 * copy of the seeded database), one raw `UPDATE … FROM (mapping)` per table. Checks afterwards
 * that both copies end in the same state and that every reconciliation row balances
 * (before = moved + queued + failed, merger's own `reconcile`). Writes bench/results/<date>-rearrangement.json.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { mappingOf } from '@xaso/rearrangement';
import { withDatabaseName } from '@xaso/persistence';
import { Pool } from 'pg';
import { createDossierApp } from '../../apps/dossier-service/src/bootstrap';
import { createPetitionApp } from '../../apps/petition-service/src/bootstrap';
import { freshDatabase, redact, resolvePostgres } from '../lib/postgres';
import { gitCommit, load1, machine } from '../lib/report';
import { benchPlan } from './plan';
import { runStep } from './participant';
import { rawMove, STATE_DIGESTS } from './raw-baseline';
import { reconciliationOf, type ServiceReconciliation } from './reconciliation';
import { seedDossiers, seedPetitions, type SeedUnits } from './seed';

const RECORDS = Math.min(Math.max(Number(process.env.BENCH_REARRANGEMENT_RECORDS ?? 1_000_000), 1_000), 5_000_000);
const DOSSIER_SHARE = Math.min(Math.max(Number(process.env.BENCH_REARRANGEMENT_DOSSIER_SHARE ?? 0.7), 0), 1);
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results');
const ROWS_DIR = join(process.cwd(), 'tmp', 'bench');
const log = (message: string) => process.stderr.write(`[bench:rearrangement] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const perSecond = (n: number, ms: number) => Math.round((n * 1000) / Math.max(ms, 1));

type Service = 'dossier' | 'petition';

const START: Record<Service, (databaseUrl: string, bus: InProcessBus) => Promise<INestApplication>> = {
  dossier: (databaseUrl, bus) =>
    createDossierApp({ databaseUrl, logger: false, observability: false, schedulerIntervalMs: 0, transport: new InProcessTransport(bus), consumerGroup: 'dossier-service' } as never),
  petition: (databaseUrl, bus) =>
    createPetitionApp({ databaseUrl, logger: false, observability: false, escalationIntervalMs: 0, transport: new InProcessTransport(bus), consumerGroup: 'petition-service' } as never),
};

interface ServiceResult {
  records: number;
  moved: number;
  participant: { ms: number; movedPerSecond: number; chunks: number; failedChunks: number; moveLogRows: number };
  raw: { ms: number; movedPerSecond: number; moved: number };
  /** The same raw statement once per chunk (the saga's chunks, each its own transaction), on a second copy. */
  rawPerChunk: { ms: number; movedPerSecond: number; moved: number };
  ratio: number;
  sameStateAfter: boolean;
  reconciliation: ServiceReconciliation;
}

async function benchService(service: Service, records: number, serverUrl: string, units: SeedUnits, plan: ReturnType<typeof benchPlan>): Promise<ServiceResult> {
  const name = `xaso_bench_rearrangement_${service}`;
  const db = await freshDatabase(serverUrl, name);
  const raw = await freshDatabase(serverUrl, `${name}_raw`);
  await raw.drop();
  const rawChunks = await freshDatabase(serverUrl, `${name}_rawchunks`);
  await rawChunks.drop();
  // The service's own migrations, then the seed, then the identical copy for the baseline.
  await (await START[service](db.url, new InProcessBus())).close();
  const seedPool = new Pool({ connectionString: db.url, max: 1 });
  await (service === 'dossier' ? seedDossiers : seedPetitions)(seedPool, units, records, log);
  await seedPool.end();
  const admin = new Pool({ connectionString: serverUrl, max: 1 });
  log(`${service}: copying the seeded database for the raw baseline…`);
  await admin.query(`CREATE DATABASE ${name}_raw TEMPLATE ${name} STRATEGY FILE_COPY`);
  await admin.query(`CREATE DATABASE ${name}_rawchunks TEMPLATE ${name} STRATEGY FILE_COPY`);

  const bus = new InProcessBus();
  const app = await START[service](db.url, bus);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const planId = `bench-2025-${randomUUID()}`;
  await admin.query('CHECKPOINT');
  log(`${service}: APPLY of the 2025 plan, ${plan.chunks.length} chunks of ≤ 200 units, by the participant…`);
  const step = await runStep({ transport: new InProcessTransport(bus), service, planId, step: 'APPLY', effectiveDate: plan.effectiveDate, chunks: plan.chunks, log });
  await app.close();
  const reconciliation = reconciliationOf(service, step.replies);
  const moveLogRows = Number((await pool.query(`SELECT count(*)::int AS n FROM rearrangement_move WHERE plan_id = $1 AND compensated_at IS NULL`, [planId])).rows[0].n);
  const participantState = (await pool.query(STATE_DIGESTS[service])).rows[0];
  await pool.end();

  await admin.query('CHECKPOINT');
  log(`${service}: raw UPDATE … FROM (mapping of ${plan.mapping.length} rows) on the copy…`);
  const rawPool = new Pool({ connectionString: withDatabaseName(serverUrl, `${name}_raw`), max: 1 });
  const bare = await rawMove(rawPool, service, plan.mapping);
  const rawState = (await rawPool.query(STATE_DIGESTS[service])).rows[0];
  await rawPool.end();
  await admin.query('CHECKPOINT');
  log(`${service}: raw UPDATE … FROM once per chunk (${plan.chunks.length}) on a second copy…`);
  const chunkPool = new Pool({ connectionString: withDatabaseName(serverUrl, `${name}_rawchunks`), max: 1 });
  const perChunk = { moved: 0, ms: 0 };
  for (const chunk of plan.chunks) {
    const one = await rawMove(chunkPool, service, mappingOf(chunk));
    perChunk.moved += one.moved;
    perChunk.ms += one.ms;
  }
  const rawChunksState = (await chunkPool.query(STATE_DIGESTS[service])).rows[0];
  await chunkPool.end();
  await admin.end();
  if (process.env.BENCH_KEEP_DATABASES !== 'true') {
    await db.drop();
    await raw.drop();
    await rawChunks.drop();
  }

  const moved = reconciliation.totals.moved;
  const result: ServiceResult = {
    records,
    moved,
    participant: { ms: Math.round(step.ms), movedPerSecond: perSecond(moved, step.ms), chunks: step.replies.length, failedChunks: step.replies.filter((r) => r.outcome !== 'DONE').length, moveLogRows },
    raw: { ms: Math.round(bare.ms), movedPerSecond: perSecond(bare.moved, bare.ms), moved: bare.moved },
    rawPerChunk: { ms: Math.round(perChunk.ms), movedPerSecond: perSecond(perChunk.moved, perChunk.ms), moved: perChunk.moved },
    ratio: Math.round((bare.ms / step.ms) * 1000) / 1000,
    sameStateAfter: [rawState, rawChunksState].every((other) => participantState.digest === other.digest && participantState.n === other.n),
    reconciliation,
  };
  log(`${service}: participant ${result.participant.movedPerSecond.toLocaleString('en')}/s, raw ${result.raw.movedPerSecond.toLocaleString('en')}/s, ratio ${result.ratio}; raw per chunk ${result.rawPerChunk.movedPerSecond.toLocaleString('en')}/s; same state after: ${result.sameStateAfter}`);
  return result;
}

function problemsOf(results: Record<Service, ServiceResult>): string[] {
  const problems: string[] = [];
  for (const [service, r] of Object.entries(results)) {
    if (!r.sameStateAfter) problems.push(`${service}: the participant's copy and the raw copy differ after the move`);
    if (r.raw.moved !== r.moved || r.rawPerChunk.moved !== r.moved) problems.push(`${service}: raw moved ${r.raw.moved} (per chunk ${r.rawPerChunk.moved}), the participant ${r.moved}`);
    if (r.participant.moveLogRows !== r.moved) problems.push(`${service}: ${r.participant.moveLogRows} move-log rows for ${r.moved} moved`);
    if (r.participant.failedChunks) problems.push(`${service}: ${r.participant.failedChunks} chunks failed`);
    if (r.reconciliation.unbalancedRows) problems.push(`${service}: ${r.reconciliation.unbalancedRows} reconciliation rows do not balance`);
    if (r.reconciliation.hashMismatches) problems.push(`${service}: ${r.reconciliation.hashMismatches} targets whose hashes differ`);
  }
  return problems;
}

function table(results: Record<Service, ServiceResult>): string {
  const lines = [
    '| service | records | moved | participant (moved/s) | raw UPDATE … FROM (moved/s) | ratio | raw, once per chunk (moved/s) | same state after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [service, r] of Object.entries(results)) {
    lines.push(`| ${service} | ${r.records.toLocaleString('en')} | ${r.moved.toLocaleString('en')} | ${r.participant.movedPerSecond.toLocaleString('en')} (${(r.participant.ms / 1000).toFixed(1)} s) | ${r.raw.movedPerSecond.toLocaleString('en')} (${(r.raw.ms / 1000).toFixed(1)} s) | ${r.ratio} | ${r.rawPerChunk.movedPerSecond.toLocaleString('en')} (${(r.rawPerChunk.ms / 1000).toFixed(1)} s) | ${r.sameStateAfter} |`);
  }
  lines.push('', '| service | record type | rows | balanced | before | moved | queued | failed | carried over | after | hashes checked / unknown |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [service, r] of Object.entries(results)) {
    for (const t of r.reconciliation.byRecordType) {
      lines.push(`| ${service} | ${t.recordType} | ${t.rows} | ${t.balanced} | ${t.before} | ${t.moved} | ${t.queued} | ${t.failed} | ${t.carriedOver} | ${t.after} | ${t.hashesChecked} / ${t.hashesUnknown} |`);
    }
  }
  lines.push('', 'divided communes, a few rows (before = moved + queued + failed):');
  for (const [service, r] of Object.entries(results)) {
    for (const row of r.reconciliation.dividedSample) {
      const moved = row.targets.map((t) => `${t.targetCode} ${t.moved}`).join(' + ');
      lines.push(`  ${service} ${row.recordType} ${row.sourceCode}: before ${row.before} = moved (${moved}) + queued ${row.queued} + failed ${row.failed}: ${row.balanced ? 'balanced' : 'NOT BALANCED'}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadBefore = load1();
  const postgres = await resolvePostgres(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  log(`PostgreSQL ${redact(postgres.url)} (${postgres.how})`);
  const plan = benchPlan();
  const units: SeedUnits = { codes: plan.communes.map((c) => c.code), parts: plan.communes.map((c) => c.parts) };
  log(`2025 plan: ${plan.moves.length} unit moves (${plan.communes.length} legacy communes, ${plan.communes.filter((c) => c.parts).length} divided), ${plan.chunks.length} chunks`);
  const dossiers = Math.round(RECORDS * DOSSIER_SHARE);
  const results = {
    dossier: await benchService('dossier', dossiers, postgres.url, units, plan),
    petition: await benchService('petition', RECORDS - dossiers, postgres.url, units, plan),
  };
  await postgres.stop();

  const moved = results.dossier.moved + results.petition.moved;
  const participantMs = results.dossier.participant.ms + results.petition.participant.ms;
  const rawMs = results.dossier.raw.ms + results.petition.raw.ms;
  const total = { records: RECORDS, moved, participantMs, rawMs, participantMovedPerSecond: perSecond(moved, participantMs), rawMovedPerSecond: perSecond(moved, rawMs), ratio: Math.round((rawMs / participantMs) * 1000) / 1000 };
  const problems = problemsOf(results);
  const commit = gitCommit();
  const report = {
    name: 'rearrangement', startedAt, finishedAt: new Date().toISOString(), commit, ...machine(),
    loadAverage: { before: loadBefore, after: load1() }, postgres: { how: postgres.how },
    settings: { records: RECORDS, dossierShare: DOSSIER_SHARE, unitMoves: plan.moves.length, communes: plan.communes.length, chunks: plan.chunks.length, mappingRows: plan.mapping.length },
    total, problems,
    services: Object.fromEntries(Object.entries(results).map(([service, r]) => [service, { ...r, reconciliation: { ...r.reconciliation, csv: undefined } }])),
    notes: [
      'Participant: each APPLY chunk as merger sends it (rearrangement.command-issued, all chunks at once), handled by the service\'s own consumer on the in-process bus (inbox, one transaction per chunk, the service\'s SetBasedMover, reply through the outbox); the clock runs from the first command sent to the last reply received. merger-service itself is not running: the chunks are its own (unitMovesOf + chunked of the 2025 plan).',
      'Raw: one UPDATE … FROM unnest(mapping) per table, the same SET list and rules, on a template copy of the seeded database made before the participant ran; run right after the participant. Raw per chunk: the same statement once per chunk of the saga (its own transaction each) on a second copy, run last.',
      'Villages: the published data names none, so each part of a divided commune receives one bench village; 9 records in 10 of a divided commune name one, the 10th goes to review (queued).',
    ],
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  mkdirSync(ROWS_DIR, { recursive: true });
  for (const [service, r] of Object.entries(results)) writeFileSync(join(ROWS_DIR, `rearrangement-reconciliation-${service}.csv`), r.reconciliation.csv);
  const file = join(RESULTS_DIR, `${startedAt.slice(0, 10)}-rearrangement.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`${table(results)}\n\ntotal: ${moved.toLocaleString('en')} moved; participant ${total.participantMovedPerSecond.toLocaleString('en')}/s, raw ${total.rawMovedPerSecond.toLocaleString('en')}/s, ratio ${total.ratio} (aim ≥ 0.5)\n`);
  log(`wrote ${file}; every reconciliation row in ${join(ROWS_DIR, 'rearrangement-reconciliation-<service>.csv')}`);
  if (problems.length) throw new Error(`checks failed:\n  ${problems.join('\n  ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench:rearrangement] failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
