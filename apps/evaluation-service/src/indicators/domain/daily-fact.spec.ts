import { aggregateFacts, DailyFact, factsOfUnitBetween, totalOf } from './daily-fact';
import { measure } from './computed-value';
import { METRIC } from './metrics';
import { WHOLE_YEAR } from '../../scorecards/domain/scorecard';

const fact = (day: string, metric: string, value: number, unitCode = '10001'): DailyFact => ({ unitCode, day, metric, value });
const onTime = { numerator: METRIC.dossierResolvedOnTime, denominator: METRIC.dossierResolved, period: WHOLE_YEAR, curve: { type: 'LINEAR' as const, worst: 0, best: 1 }, missingData: 'INSUFFICIENT_DATA' as const };

describe('aggregateFacts', () => {
  it('sums each metric over days and counts distinct days', () => {
    const agg = aggregateFacts([fact('2025-03-01', 'a', 2), fact('2025-03-01', 'b', 1), fact('2025-03-02', 'a', 5)]);
    expect(Object.fromEntries(agg.totals)).toEqual({ a: 7, b: 1 });
    expect(agg.daysWithFacts).toBe(2);
    expect(totalOf(agg, 'missing')).toBe(0);
  });

  it('an empty list aggregates to nothing', () => {
    expect(aggregateFacts([])).toEqual({ totals: new Map(), daysWithFacts: 0 });
  });

  it('a rate is Σ numerators / Σ denominators, not the mean of daily rates', () => {
    // Day 1: 1 of 1 on time (100%); day 2: 50 of 100 (50%). Mean of rates 75%; the true rate 51/101.
    const agg = aggregateFacts([
      fact('2025-03-01', METRIC.dossierResolved, 1), fact('2025-03-01', METRIC.dossierResolvedOnTime, 1),
      fact('2025-03-02', METRIC.dossierResolved, 100), fact('2025-03-02', METRIC.dossierResolvedOnTime, 50),
    ]);
    expect(measure(onTime, agg)).toEqual({ numerator: 51, denominator: 101, value: 51 / 101 });
  });

  it('aggregation is order-independent and splits add up (merging two halves of a year = the whole)', () => {
    const facts = Array.from({ length: 60 }, (_, i) => fact(`2025-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? METRIC.dossierResolved : METRIC.dossierResolvedOnTime, (i * 7) % 11));
    const whole = aggregateFacts(facts);
    const reversed = aggregateFacts([...facts].reverse());
    expect(reversed.totals).toEqual(whole.totals);
    const first = aggregateFacts(facts.slice(0, 25));
    const rest = aggregateFacts(facts.slice(25));
    for (const [metric, total] of whole.totals) expect(totalOf(first, metric) + totalOf(rest, metric)).toBe(total);
  });
});

describe('measure', () => {
  it('a rate with a zero denominator has no value', () => {
    expect(measure(onTime, aggregateFacts([fact('2025-01-02', METRIC.dossierResolvedOnTime, 0)]))).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('a count is the sum, 0 when the unit has facts but not this metric, none when it has no facts at all', () => {
    const count = { ...onTime, numerator: METRIC.dossierWentOverdue, denominator: null };
    expect(measure(count, aggregateFacts([fact('2025-01-02', METRIC.dossierWentOverdue, 2), fact('2025-01-03', METRIC.dossierWentOverdue, 1)])).value).toBe(3);
    expect(measure(count, aggregateFacts([fact('2025-01-02', METRIC.dossierReceived, 4)])).value).toBe(0);
    expect(measure(count, aggregateFacts([])).value).toBeNull();
  });
});

describe('factsOfUnitBetween', () => {
  it('keeps one unit’s facts within the inclusive local-day bounds', () => {
    const facts = [fact('2024-12-31', 'a', 1), fact('2025-01-01', 'a', 2), fact('2025-12-31', 'a', 3), fact('2026-01-01', 'a', 4), fact('2025-06-01', 'a', 5, '10002')];
    expect(factsOfUnitBetween(facts, '10001', '2025-01-01', '2025-12-31').map((f) => f.value)).toEqual([2, 3]);
  });
});
