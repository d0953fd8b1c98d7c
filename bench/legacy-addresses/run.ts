/**
 * Legacy-address resolution: addresses per second through the REST batch endpoint
 * (POST /api/v1/administrative-units/resolve-legacy-addresses, 1,000 per call), on merger-service
 * directly and through the gateway, beside the bare baseline of the same run: the pure resolver
 * in process on the same addresses. The addresses are real (every legacy commune of
 * data/admin-units) written the ways people write them (accents dropped, types abbreviated or
 * left out, decomposed Unicode, odd case and spacing). Writes bench/results/<date>-legacy-addresses.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import { startGateway } from '../../apps/gateway/src/bootstrap';
import { startMergerService } from '../../apps/merger-service/src/bootstrap';
import { AddressIndexCache } from '../../apps/merger-service/src/legacy-addresses/application/address-index.cache';
import { type LegacyAddressInput, resolveLegacyAddress } from '../../apps/merger-service/src/legacy-addresses/domain/resolve-legacy-address';
import { readAdminUnitFiles } from '../../apps/merger-service/src/units/infrastructure/csv-source';
import { freshDatabase, resolvePostgres } from '../lib/postgres';
import { gitCommit, load1, machine } from '../lib/report';

const TOTAL = Number(process.env.BENCH_ADDRESSES ?? 60_000);
const BATCH = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 4);
const TARGET_PER_SECOND = 5_000;
const PATH = '/api/v1/administrative-units/resolve-legacy-addresses';
const log = (message: string) => process.stderr.write(`[bench:legacy-addresses] ${message}\n`);

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const ABBREVIATIONS: Record<string, string> = { 'Phường ': 'P. ', 'Xã ': 'X. ', 'Thị trấn ': 'TT. ', 'Quận ': 'Q.', 'Huyện ': 'H. ', 'Thị xã ': 'TX. ', 'Thành phố ': 'TP. ', 'Tỉnh ': '' };
const abbreviate = (s: string) => Object.entries(ABBREVIATIONS).reduce((t, [full, short]) => (t.startsWith(full) ? short + t.slice(full.length) : t), s);
const strip = (s: string) => s.replace(/^(Phường|Xã|Thị trấn|Quận|Huyện|Thị xã|Thành phố|Tỉnh) /, '');
const WAYS: ((s: string) => string)[] = [
  (s) => s,
  (s) => fold(s).toLowerCase(),
  abbreviate,
  strip,
  (s) => s.normalize('NFD'),
  (s) => `  ${s.toUpperCase().replace(/ /g, '   ')} `,
];

function addresses(): LegacyAddressInput[] {
  const { legacy } = readAdminUnitFiles();
  const byCode = new Map(legacy.map((r) => [r.code, r]));
  const base = legacy
    .filter((r) => r.level === 'commune')
    .map((c) => {
      const d = byCode.get(c.parent_code)!;
      return { ward: c.name, district: d.name, province: byCode.get(d.parent_code)!.name };
    });
  const out: LegacyAddressInput[] = [];
  for (let i = 0; out.length < TOTAL; i += 1) {
    const a = base[i % base.length];
    const way = WAYS[i % WAYS.length];
    const other = WAYS[(i >> 3) % WAYS.length];
    out.push({ ward: way(a.ward), district: other(a.district), province: i % 7 === 0 ? '' : way(a.province) });
  }
  return out;
}

interface Measured {
  addresses: number;
  ms: number;
  perSecond: number;
  batchP50Ms?: number;
  batchP99Ms?: number;
  resolved: number;
  ambiguous: number;
  notFound: number;
}

async function overRest(baseUrl: string, inputs: LegacyAddressInput[]): Promise<Measured> {
  const batches: LegacyAddressInput[][] = [];
  for (let i = 0; i < inputs.length; i += BATCH) batches.push(inputs.slice(i, i + BATCH));
  const post = async (batch: LegacyAddressInput[]) => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ addresses: batch }) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { counts: { resolved: number; ambiguous: number; notFound: number } };
    return { ms: performance.now() - started, counts: body.counts };
  };
  for (const batch of batches.slice(0, 3)) await post(batch); // warm-up
  const latencies: number[] = [];
  const counts = { resolved: 0, ambiguous: 0, notFound: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const r = await post(batches[next++]);
        latencies.push(r.ms);
        counts.resolved += r.counts.resolved;
        counts.ambiguous += r.counts.ambiguous;
        counts.notFound += r.counts.notFound;
      }
    }),
  );
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    addresses: inputs.length,
    ms: Math.round(ms),
    perSecond: Math.round(inputs.length / (ms / 1000)),
    batchP50Ms: Math.round(latencies[Math.floor(latencies.length * 0.5)]),
    batchP99Ms: Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]),
    ...counts,
  };
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadBefore = load1();
  const postgres = await resolvePostgres(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const db = await freshDatabase(postgres.url, 'xaso_bench_legacy_addresses');
  const apps: INestApplication[] = [];
  const notes: string[] = [];
  const results: Record<string, Measured | { skipped: string }> = {};
  try {
    const inputs = addresses();
    log(`${inputs.length} addresses; starting merger-service (imports the units)`);
    const merger = await startMergerService({ port: 0, databaseUrl: db.url, logger: false, importIfEmpty: true });
    apps.push(merger);
    const mergerUrl = await merger.getUrl();

    // Baseline: the pure resolver on the same addresses, over the index the service built.
    const index = await merger.get(AddressIndexCache).current();
    const today = todayInVietnam();
    for (const input of inputs.slice(0, 5_000)) resolveLegacyAddress(index, input, today); // warm-up
    const counts = { resolved: 0, ambiguous: 0, notFound: 0 };
    const started = performance.now();
    for (const input of inputs) {
      const r = resolveLegacyAddress(index, input, today);
      if (r.status === 'RESOLVED') counts.resolved += 1;
      else if (r.status === 'AMBIGUOUS') counts.ambiguous += 1;
      else counts.notFound += 1;
    }
    const ms = performance.now() - started;
    results.pureResolver = { addresses: inputs.length, ms: Math.round(ms), perSecond: Math.round(inputs.length / (ms / 1000)), ...counts };
    log(`pure resolver: ${JSON.stringify(results.pureResolver)}`);

    results.restMergerService = await overRest(mergerUrl.replace('[::1]', '127.0.0.1'), inputs);
    log(`REST on merger-service: ${JSON.stringify(results.restMergerService)}`);
    try {
      const gateway = await startGateway({ port: 0, logger: false, subgraphs: [{ name: 'merger', url: `${mergerUrl.replace('[::1]', '127.0.0.1')}/graphql` }] });
      apps.push(gateway);
      results.restThroughGateway = await overRest((await gateway.getUrl()).replace('[::1]', '127.0.0.1'), inputs);
      log(`REST through the gateway: ${JSON.stringify(results.restThroughGateway)}`);
    } catch (error) {
      results.restThroughGateway = { skipped: String(error).slice(0, 300) };
      notes.push('gateway target did not start; see restThroughGateway.skipped');
    }
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
  }
  const rest = results.restMergerService as Measured | undefined;
  const report = {
    name: 'legacy-addresses',
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    ...machine(),
    loadAverage: { before: loadBefore, after: load1() },
    postgres: { how: postgres.how },
    settings: { addresses: TOTAL, batch: BATCH, concurrency: CONCURRENCY },
    target: { addressesPerSecond: TARGET_PER_SECOND, met: !!rest && rest.perSecond >= TARGET_PER_SECOND },
    results,
    notes: [
      'pureResolver: resolveLegacyAddress in process over the index merger-service built (the bare baseline); the REST rows include JSON both ways and HTTP.',
      ...notes,
    ],
  };
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `${startedAt.slice(0, 10)}-legacy-addresses.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
