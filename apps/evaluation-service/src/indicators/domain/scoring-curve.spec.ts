import { pointsOnCurve } from './scoring-curve';
import { periodDays } from './measurement-period';
import { ScoringCurve, WHOLE_YEAR } from '../../scorecards/domain/scorecard';

describe('pointsOnCurve', () => {
  const steps: ScoringCurve = { type: 'THRESHOLDS', steps: [{ min: 0.8, points: 1 }, { min: 0.9, points: 3 }, { min: 0.95, points: 5 }, { min: 0.98, points: 7 }] };

  it.each([
    [0, 0], [0.7999, 0], [0.8, 1], [0.8999, 1], [0.9, 3], [0.95, 5], [0.9799, 5], [0.98, 7], [1, 7], [1.2, 7],
  ])('thresholds: %p → %p points', (value, points) => {
    expect(pointsOnCurve(steps, value, 7)).toBe(points);
  });

  it('thresholds never exceed the points available', () => {
    expect(pointsOnCurve(steps, 1, 4)).toBe(4);
  });

  it.each([
    [0.2, 0], [0.1, 0], [0.5, 2.5], [0.8, 5], [0.95, 5], [0.35, 1.25], [0.3333, 1.11],
  ])('linear higher-is-better 0.2→0.8 over 5 points: %p → %p', (value, points) => {
    expect(pointsOnCurve({ type: 'LINEAR', worst: 0.2, best: 0.8 }, value, 5)).toBe(points);
  });

  it.each([
    [0, 3], [1, 2.7], [5, 1.5], [10, 0], [42, 0],
  ])('linear lower-is-better 10→0 over 3 points: %p overdue → %p', (value, points) => {
    expect(pointsOnCurve({ type: 'LINEAR', worst: 10, best: 0 }, value, 3)).toBe(points);
  });

  it('proportional (0→1) rounds to the hundredth', () => {
    expect(pointsOnCurve({ type: 'LINEAR', worst: 0, best: 1 }, 2 / 3, 20)).toBe(13.33);
    expect(pointsOnCurve({ type: 'LINEAR', worst: 0, best: 1 }, 0.12345, 10)).toBe(1.23);
    expect(pointsOnCurve({ type: 'LINEAR', worst: 0, best: 1 }, 0.1235, 10)).toBe(1.24);
  });
});

describe('periodDays', () => {
  it('the period within the cycle year, cut at the submission day', () => {
    expect(periodDays(WHOLE_YEAR, 2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodDays(WHOLE_YEAR, 2025, '2025-11-20')).toEqual({ from: '2025-01-01', to: '2025-11-20' });
    expect(periodDays(WHOLE_YEAR, 2025, '2026-01-05')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodDays({ fromMonthDay: '10-01', toMonthDay: '12-31' }, 2026, '2026-12-15')).toEqual({ from: '2026-10-01', to: '2026-12-15' });
  });
});
