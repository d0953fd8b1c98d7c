/**
 * In-memory cost of a province-wide evaluation of 3,321 communes (the country's commune count
 * since 2025-07-01, all put in one province as the worst case), through the pure domain:
 *   1. aggregateFacts over a year of daily facts per commune (365 days × every metric),
 *   2. measured values → self-assessed and reviewed sheets on the Hải Dương scorecard,
 *   3. rankWithinProvince, 4. targetReport.
 * Run: node -r @swc-node/register apps/evaluation-service/bench/ranking-bench.ts [communes] [rounds]
 */
import { performance } from 'node:perf_hooks';
import { addDays } from '@xaso/calendar';
import { indicatorsOf } from '../src/scorecards/domain/scorecard';
import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD, HAI_DUONG_PROVINCE_CODE } from '../src/scorecards/domain/seed';
import { aggregateFacts, DailyFact } from '../src/indicators/domain/daily-fact';
import { measure, MeasuredValue } from '../src/indicators/domain/computed-value';
import { METRIC } from '../src/indicators/domain/metrics';
import { enterableMaxPoints, ManualEntry } from '../src/assessments/domain/evidence';
import { selfAssessedSheet } from '../src/assessments/domain/score-sheet';
import { reviewedSheet } from '../src/assessments/domain/reviewed-sheet';
import { rankWithinProvince } from '../src/results/domain/ranking';
import { UnitResult, unitResultOf } from '../src/results/domain/unit-result';
import { targetReport } from '../src/targets/domain/target-report';
import { HAI_DUONG_TARGETS } from '../src/targets/domain/seed/hai-duong-targets';

const COMMUNES = Number(process.argv[2] ?? 3321);
const ROUNDS = Number(process.argv[3] ?? 5);
const METRICS = Object.values(METRIC);
const placed = indicatorsOf(HD);
const computedIndicators = placed.map((p) => p.indicator).filter((i) => i.kind !== 'MANUAL');

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same communes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every 31st commune has no citizen ratings: insufficient data, kept out of the ranking. */
function yearOfFacts(unitCode: string, index: number, rnd: () => number): DailyFact[] {
  const metrics = index % 31 === 0 ? METRICS.filter((m) => !m.startsWith('rating.')) : METRICS;
  const facts: DailyFact[] = [];
  let day = '2025-01-01';
  for (let d = 0; d < 365; d++, day = addDays(day, 1)) {
    const received = Math.floor(rnd() * 12);
    for (const metric of metrics) {
      const share = metric.endsWith('OnTime') || metric.endsWith('Satisfied') ? 0.85 + rnd() * 0.15 : rnd();
      facts.push({ unitCode, day, metric, value: metric.includes('Overdue') ? (rnd() < 0.01 ? 1 : 0) : Math.round(received * share) });
    }
  }
  return facts;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

function main(): void {
  const rnd = random(42);
  const manual = new Map<string, ManualEntry>(
    placed.filter((p) => p.indicator.kind !== 'COMPUTED').map((p) => [p.indicator.code, { points: enterableMaxPoints(p.indicator), evidence: [{ kind: 'DOCUMENT', reference: 'QĐ 1' }] }]),
  );
  const units = Array.from({ length: COMMUNES }, (_, i) => `B${String(i).padStart(5, '0')}`);

  // 1. Facts → measured values (generation not timed).
  let aggregateMs = 0;
  let factCount = 0;
  const measuredOf = new Map<string, Map<string, MeasuredValue>>();
  for (const [index, unit] of units.entries()) {
    const facts = yearOfFacts(unit, index, rnd);
    factCount += facts.length;
    const t0 = performance.now();
    const aggregated = aggregateFacts(facts);
    measuredOf.set(unit, new Map(computedIndicators.map((i) => [i.code, measure(i.computation, aggregated)])));
    aggregateMs += performance.now() - t0;
  }

  const scoreMs: number[] = [];
  const rankMs: number[] = [];
  const targetMs: number[] = [];
  let results: UnitResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    results = units.map((unit, i) => {
      const self = selfAssessedSheet(HD, manual, measuredOf.get(unit) ?? new Map());
      const reviews = new Map([['G5.C3.I1', { points: i % 8, comment: 'thẩm định' }]]);
      return unitResultOf(unit, HAI_DUONG_PROVINCE_CODE, reviewedSheet(HD, self, reviews));
    });
    const t1 = performance.now();
    const ranking = rankWithinProvince(results, HAI_DUONG_PROVINCE_CODE);
    const t2 = performance.now();
    targetReport(HAI_DUONG_TARGETS, 2026, results);
    const t3 = performance.now();
    scoreMs.push(t1 - t0);
    rankMs.push(t2 - t1);
    targetMs.push(t3 - t2);
    if (ranking.ranked.length + ranking.excluded.length !== COMMUNES) throw new Error('ranking lost communes');
  }

  const ranking = rankWithinProvince(results, HAI_DUONG_PROVINCE_CODE);
  const levels = new Map<string, number>();
  for (const r of ranking.ranked) levels.set(r.levelCode ?? 'none', (levels.get(r.levelCode ?? 'none') ?? 0) + 1);
  const lines = [
    `node ${process.version}, ${COMMUNES} communes, ${ROUNDS} rounds (median shown)`,
    `aggregateFacts + measure: ${factCount.toLocaleString('en')} facts in ${ms(aggregateMs)} (${ms(aggregateMs / COMMUNES)} per commune-year)`,
    `self + reviewed sheets: ${ms(median(scoreMs))}`,
    `rankWithinProvince: ${ms(median(rankMs))} (ranked ${ranking.ranked.length}, excluded ${ranking.excluded.length}, distinct ranks ${new Set(ranking.ranked.map((r) => r.rank)).size})`,
    `targetReport: ${ms(median(targetMs))}`,
    `levels: ${JSON.stringify(Object.fromEntries([...levels].sort()))}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
