import { Role } from '@xaso/auth';
import { InProcessTransport } from '@xaso/messaging';
import { realAdminUnits } from '@xaso/testing';
import { DailyFactRepository } from '../src/indicators/application/daily-fact.repository.port';
import { UnitFacts } from '../src/indicators/application/unit-facts';
import { measure } from '../src/indicators/domain/computed-value';
import { aggregateFacts, type DailyFact } from '../src/indicators/domain/daily-fact';
import { METRIC } from '../src/indicators/domain/metrics';
import { WHOLE_YEAR } from '../src/scorecards/domain/scorecard';
import { SEED_SCORECARDS } from '../src/scorecards/domain/seed';
import { HAI_DUONG_TARGETS } from '../src/targets/domain/seed/hai-duong-targets';
import { startEvaluationTestApp, type EvaluationTestApp } from './evaluation-test-app';
import {
  dossierApologyAt,
  dossierOverdueAt,
  dossierProcessingStartedAt,
  dossierReceivedAt,
  dossierResolvedAt,
  petitionEscalatedOn,
  petitionRatedAt,
  petitionResolvedAt,
  pollClosedAt,
  receptionHeldOn,
  type StreamEvent,
} from './event-stream';

const SECRET = 'evaluation-indicators-secret';
const communes = realAdminUnits().filter((u) => u.level === 'COMMUNE' && u.validTo === null);
const A = communes[0].code;
const B = communes[1].code;

/**
 * Commune A, known counts: 10 dossiers received (6 online) on 2026-03-01 local — the last one at
 * 23:30 local = 16:30Z, still 1 March; 8 resolved on 2026-03-02 (5 on time, 1 early, 2 late, one
 * of them at 17:30Z on 1 March = 00:30 local on 2 March); 1 went overdue; 2 apologies; 4
 * petitions resolved (3 on time), 1 escalated, 3 ratings (5, 4, 2); two village polls closed (40 of 60
 * households, 10 of 25); the chairperson received citizens on 3 March (two sessions: one day) and
 * 10 March, a deputy on 17 March (not the chairperson's duty). Commune B: 3 direct dossiers.
 * One event that is not consumed (processing-started).
 */
function knownStream(): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (let i = 0; i < 9; i++) events.push(dossierReceivedAt(`A-D${i}`, A, i < 6 ? 'ONLINE' : 'DIRECT', `2026-03-01T0${i}:00:00+07:00`));
  events.push(dossierReceivedAt('A-D9', A, 'DIRECT', '2026-03-01T16:30:00Z'));
  const timeliness = ['ON_TIME', 'ON_TIME', 'ON_TIME', 'ON_TIME', 'ON_TIME', 'EARLY', 'LATE', 'LATE'] as const;
  timeliness.forEach((t, i) => events.push(dossierResolvedAt(`A-D${i}`, A, i === 7 ? '2026-03-01T17:30:00Z' : `2026-03-02T1${i}:00:00+07:00`, t)));
  events.push(dossierOverdueAt('A-D8', A, '2026-03-05T00:05:00+07:00'));
  events.push(dossierApologyAt('A-D6', A, '2026-03-04T09:00:00+07:00'), dossierApologyAt('A-D7', A, '2026-03-04T10:00:00+07:00'));
  [true, true, true, false].forEach((onTime, i) => events.push(petitionResolvedAt(`A-P${i}`, A, '2026-03-10T09:00:00+07:00', onTime)));
  events.push(petitionEscalatedOn('A-P9', A, '2026-03-16'));
  [5, 4, 2].forEach((score, i) => events.push(petitionRatedAt(`A-P${i}`, A, '2026-03-12T09:00:00+07:00', score)));
  events.push(pollClosedAt('A-poll-1', A, '2026-03-20T18:00:00+07:00', 40, 60), pollClosedAt('A-poll-2', A, '2026-03-21T18:00:00+07:00', 10, 25));
  events.push(receptionHeldOn(A, '2026-03-03'), receptionHeldOn(A, '2026-03-03'), receptionHeldOn(A, '2026-03-10'), receptionHeldOn(A, '2026-03-17', 'DELEGATED'));
  for (let i = 0; i < 3; i++) events.push(dossierReceivedAt(`B-D${i}`, B, 'DIRECT', '2026-03-03T09:00:00+07:00'));
  events.push(dossierProcessingStartedAt('B-D0', B, '2026-03-03T10:00:00+07:00'));
  return events;
}

const INDICATOR_VALUES = `query ($unitCode: UnitCode!, $from: Date!, $to: Date!) {
  indicatorValues(unitCode: $unitCode, from: $from, to: $to) { unitCode from to daysWithFacts totals { metric total } }
}`;

async function totalsOf(t: EvaluationTestApp, unitCode: string, token: string, from = '2026-01-01', to = '2026-12-31'): Promise<Record<string, number>> {
  const body = await t.gql(INDICATOR_VALUES, { unitCode, from, to }, token);
  expect(body.errors).toBeUndefined();
  return Object.fromEntries(body.data.indicatorValues.totals.map((m: { metric: string; total: number }) => [m.metric, m.total]));
}

async function send(t: EvaluationTestApp, events: readonly StreamEvent[]): Promise<void> {
  const transport = new InProcessTransport(t.bus);
  for (const e of events) await transport.send(e.topic, [e.message]);
}

const factRows = (t: EvaluationTestApp): Promise<DailyFact[]> =>
  t.db.query(`SELECT unit_code AS "unitCode", day::text AS day, metric, value::int AS value FROM daily_fact ORDER BY unit_code, day, metric`);

describe('evaluation-service: indicators from dossier and petition events (real PostgreSQL, in-process bus)', () => {
  let live: EvaluationTestApp;
  const stream = knownStream();
  const handledIds = stream.filter((e) => e.handled).map((e) => e.id);

  beforeAll(async () => {
    live = await startEvaluationTestApp({ database: 'eval_indicators', secret: SECRET, consumerGroup: 'evaluation-live' });
    await send(live, stream.slice(0, 12));
    await send(live, stream.slice(0, 5)); // redelivered: the inbox makes them no-ops
    await send(live, stream.slice(12));
    await live.consumed(handledIds);
  }, 120_000);

  afterAll(async () => {
    await live?.close();
  });

  it('counts each consumed event once, on the local day it happened, for its commune', async () => {
    const token = await live.token('officer-a', Role.OFFICER, A);
    const totals = await totalsOf(live, A, token);
    expect(totals).toEqual({
      [METRIC.dossierReceived]: 10,
      [METRIC.dossierReceivedOnline]: 6,
      [METRIC.dossierResolved]: 8,
      [METRIC.dossierResolvedOnTime]: 6,
      [METRIC.dossierResolvedLate]: 2,
      [METRIC.dossierWentOverdue]: 1,
      [METRIC.dossierApologyIssued]: 2,
      [METRIC.petitionResolved]: 4,
      [METRIC.petitionResolvedOnTime]: 3,
      [METRIC.petitionWentOverdue]: 1,
      [METRIC.ratingReceived]: 3,
      [METRIC.ratingSatisfied]: 2,
      [METRIC.receptionSessionHeld]: 2,
      // the law's schedule, not events: 1 day a week to 25 June (26 Thursdays), 2 a month from July
      [METRIC.receptionSessionRequired]: 26 + 6 * 2,
      [METRIC.pollBallotsCast]: 50,
      [METRIC.pollEligibleVoters]: 85,
    });
    expect((await totalsOf(live, A, token, '2026-03-01', '2026-03-01'))[METRIC.dossierReceived]).toBe(10);
    expect((await totalsOf(live, A, token, '2026-03-02', '2026-03-02'))[METRIC.dossierResolved]).toBe(8);
    const b = await totalsOf(live, B, await live.token('officer-b', Role.OFFICER, B));
    expect(b[METRIC.dossierReceived]).toBe(3);
    expect(b[METRIC.dossierReceivedOnline]).toBe(0);
  });

  it('forms rates from sums of numerators and denominators (the scorecard computations)', async () => {
    const facts = aggregateFacts(await live.app.get(DailyFactRepository).between(A, '2026-01-01', '2026-12-31'));
    const rate = (numerator: string, denominator: string) =>
      measure({ numerator, denominator, period: WHOLE_YEAR, curve: { type: 'LINEAR', worst: 0, best: 1 }, missingData: 'INSUFFICIENT_DATA' }, facts).value;
    expect(rate(METRIC.dossierResolvedOnTime, METRIC.dossierResolved)).toBeCloseTo(6 / 8);
    expect(rate(METRIC.dossierReceivedOnline, METRIC.dossierReceived)).toBeCloseTo(6 / 10);
    expect(rate(METRIC.petitionResolvedOnTime, METRIC.petitionResolved)).toBeCloseTo(3 / 4);
    expect(rate(METRIC.ratingSatisfied, METRIC.ratingReceived)).toBeCloseTo(2 / 3);
    const march = aggregateFacts(await live.app.get(UnitFacts).between(A, '2026-03-01', '2026-03-31'));
    expect([march.totals.get(METRIC.receptionSessionHeld), march.totals.get(METRIC.receptionSessionRequired)]).toEqual([2, 4]); // Thursdays 5, 12, 19, 26
  });

  it('refuses a commune officer of another commune, and a period that ends before it starts', async () => {
    const body = await live.gql(INDICATOR_VALUES, { unitCode: A, from: '2026-01-01', to: '2026-12-31' }, await live.token('officer-b', Role.OFFICER, B));
    expect(body.errors?.[0]?.extensions?.code).toBe('OUT_OF_UNIT_SCOPE');
    const backwards = await live.gql(INDICATOR_VALUES, { unitCode: A, from: '2026-02-01', to: '2026-01-01' }, await live.token('officer-a', Role.OFFICER, A));
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('starts with the seed scorecards (data as jsonb, keyed by code and version) and Hải Dương targets', async () => {
    const rows = await live.db.query(`SELECT code, version, total_points::float AS total, body FROM scorecard ORDER BY code, version`);
    expect(rows).toEqual(
      [...SEED_SCORECARDS].sort((a, b) => a.code.localeCompare(b.code)).map((s) => ({ code: s.code, version: s.version, total: s.totalPoints, body: JSON.parse(JSON.stringify(s)) })),
    );
    const [target] = await live.db.query(`SELECT body FROM province_target WHERE province_code = $1`, [HAI_DUONG_TARGETS.provinceCode]);
    expect(target.body).toEqual(JSON.parse(JSON.stringify(HAI_DUONG_TARGETS)));
  });

  it('a rebuild from the same events (a fresh database, a new consumer group reading the topics from the start) gives the same facts', async () => {
    const rebuilt = await startEvaluationTestApp({ database: 'eval_rebuild', secret: SECRET, bus: live.bus, consumerGroup: 'evaluation-rebuild' });
    try {
      await rebuilt.consumed(handledIds);
      const liveRows = await factRows(live);
      expect(liveRows.length).toBeGreaterThan(0);
      expect(await factRows(rebuilt)).toEqual(liveRows);
      expect(await totalsOf(rebuilt, A, await rebuilt.token('admin', Role.ADMIN))).toEqual(await totalsOf(live, A, await live.token('admin', Role.ADMIN)));
    } finally {
      await rebuilt.close();
    }
  }, 120_000);
});
