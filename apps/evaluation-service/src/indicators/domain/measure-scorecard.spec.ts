import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD } from '../../scorecards/domain/seed';
import { DailyFact } from './daily-fact';
import { measureScorecard } from './measure-scorecard';
import { METRIC } from './metrics';

const f = (day: string, metric: string, value: number): DailyFact => ({ unitCode: '10507', day, metric, value });

describe('measureScorecard', () => {
  const facts = [
    f('2024-12-31', METRIC.dossierResolved, 50), // previous year: ignored
    f('2025-02-01', METRIC.dossierResolved, 10), f('2025-02-01', METRIC.dossierResolvedOnTime, 9),
    f('2025-06-01', METRIC.dossierResolved, 90), f('2025-06-01', METRIC.dossierResolvedOnTime, 90),
    f('2025-06-01', METRIC.dossierWentOverdue, 2),
    f('2025-12-01', METRIC.dossierResolved, 100), f('2025-12-01', METRIC.dossierResolvedOnTime, 0), // after submission: ignored
  ];
  const measured = measureScorecard(HD, facts, 2025, '2025-11-20');

  it('measures every computed and mixed indicator, and nothing else', () => {
    expect(Object.keys(measured).sort()).toEqual(['G1.C2.I1', 'G1.C2.I2', 'G1.C2.I3', 'G1.C2.I4', 'G2.C2.I1', 'G3.C2.I1', 'G3.C2.I2', 'G3.C2.I3', 'G5.C1.I1', 'G5.C2.I1']);
  });

  it('sums within the year up to the submission day', () => {
    expect(measured['G1.C2.I1']).toEqual({ numerator: 99, denominator: 100, value: 0.99 });
    expect(measured['G1.C2.I3']).toEqual({ numerator: 2, denominator: null, value: 2 });
  });

  it('no data where the unit recorded none', () => {
    expect(measured['G3.C2.I1']).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(measureScorecard(HD, [], 2025, '2025-11-20')['G1.C2.I3'].value).toBeNull();
  });
});
