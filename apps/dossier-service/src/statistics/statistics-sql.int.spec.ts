import { DataSource } from 'typeorm';
import { type AuthUser, Role } from '@xaso/auth';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { ALL_DOSSIER_STATUSES, FINISHED_STATUSES } from '../dossiers/domain';
import { insertDossierRow } from '../../test/dossier-factory';
import { type DossierTestApp, startDossierTestApp } from '../../test/dossier-test-app';
import { GetUnitStatistics } from './application/get-unit-statistics.query';
import { GetUnitStatisticsInMemory } from './application/get-unit-statistics-in-memory.query';

/**
 * `dossierStatistics` is one set-based SQL query; the pure `computeDossierStatistics` is the
 * definition. On a seeded set built to sit on every boundary (local midnight in UTC+7, the due
 * day, the period's edges, missing due dates, every status and channel) the two must agree for
 * many periods, so the definitions cannot drift apart.
 */
describe('dossier statistics: the SQL query equals the pure domain (real PostgreSQL)', () => {
  let t: DossierTestApp;
  let statistics: { forUnit: GetUnitStatistics['execute']; forUnitInMemory: GetUnitStatisticsInMemory['execute'] };
  const admin: AuthUser = { sub: 'admin', roles: [Role.ADMIN] } as unknown as AuthUser;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_stats_sql', { consumeEvents: false, transport: new InProcessTransport(new InProcessBus()) });
    const sql = t.app.get(GetUnitStatistics);
    const pure = t.app.get(GetUnitStatisticsInMemory);
    statistics = { forUnit: (...args) => sql.execute(...args), forUnitInMemory: (...args) => pure.execute(...args) };
    const db = t.app.get(DataSource);

    // Deterministic pseudo-random generator (mulberry32).
    let seed = 20260401;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const base = Date.parse('2026-03-01T00:00:00+07:00');
    const DAY = 86_400_000;
    // Instants on interesting local times: midnight ± 1 s, 08:00, 15:00, 17:00, 23:59:59.
    const offsets = [-1000, 0, 1000, 8 * 3600_000, 15 * 3600_000, 17 * 3600_000, DAY - 1000];
    const instant = (dayFrom: number, dayTo: number) => new Date(base + Math.floor(dayFrom + rnd() * (dayTo - dayFrom)) * DAY + pick(offsets));

    for (let i = 0; i < 400; i++) {
      const status = pick(ALL_DOSSIER_STATUSES);
      const receivedAt = instant(0, 60);
      const dueAt = rnd() < 0.1 ? null : new Date(receivedAt.getTime() + Math.floor(rnd() * 15) * DAY + pick([0, 17 * 3600_000 - (receivedAt.getTime() - base) % DAY]));
      const completedAt = FINISHED_STATUSES.has(status) ? new Date(receivedAt.getTime() + Math.floor(rnd() * 20) * DAY + pick(offsets)) : null;
      const unit = i % 10 === 0 ? t.unitB : t.unitA;
      await insertDossierRow(db, {
        code: `${unit}-SEED-${String(i).padStart(4, '0')}`,
        unitCode: unit,
        status,
        channel: pick(['ONLINE', 'DIRECT', 'POSTAL'] as const),
        receivedAt,
        dueAt,
        completedAt,
      });
    }
  }, 60_000);
  afterAll(() => t?.close());

  const periods: [string, string][] = [
    ['2026-03-01', '2026-03-31'],
    ['2026-03-09', '2026-03-13'],
    ['2026-03-15', '2026-03-15'],
    ['2026-04-01', '2026-04-30'],
    ['2026-02-01', '2026-02-28'],
    ['2026-03-20', '2026-05-31'],
    ['2026-01-01', '2026-12-31'],
  ];

  it.each(periods)('agrees for %s..%s', async (from, to) => {
    for (const unit of [t.unitA, t.unitB]) {
      const sql = await statistics.forUnit(admin, unit, from, to);
      const pure = await statistics.forUnitInMemory(admin, unit, from, to);
      expect(sql).toEqual(pure);
    }
  });

  it('has a seeded set that exercises every bucket', async () => {
    const s = await statistics.forUnit(admin, t.unitA, '2026-03-20', '2026-04-10');
    for (const n of [s.carriedOver, s.received.online, s.received.direct, s.received.postal, s.resolved.early, s.resolved.onTime, s.resolved.late, s.closedWithoutDecision, s.pendingOnTime, s.pendingOverdue]) {
      expect(n).toBeGreaterThan(0);
    }
    expect(s.carriedOver + s.received.total).toBe(s.resolved.total + s.closedWithoutDecision + s.pendingOnTime + s.pendingOverdue);
  });
});
