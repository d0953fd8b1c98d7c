import { rankWithinProvince } from './ranking';
import { UnitResult } from './unit-result';

const r = (unitCode: string, total: number, insufficientData = false, provinceCode = '30'): UnitResult => ({ unitCode, provinceCode, total, levelCode: null, levelRank: null, insufficientData });

describe('rankWithinProvince', () => {
  it('ranks by total, highest first; ties share a rank and the next skips; ties listed by unit code', () => {
    const ranking = rankWithinProvince([r('C', 90), r('A', 95.5), r('D', 90), r('B', 90), r('E', 80.01), r('F', 80)], '30');
    expect(ranking.ranked.map((x) => [x.unitCode, x.rank])).toEqual([['A', 1], ['B', 2], ['C', 2], ['D', 2], ['E', 5], ['F', 6]]);
  });

  it('compares totals to the hundredth, so float noise does not split a tie', () => {
    const ranking = rankWithinProvince([r('A', 0.1 + 0.2 + 89.7), r('B', 90)], '30');
    expect(ranking.ranked.map((x) => x.rank)).toEqual([1, 1]);
  });

  it('keeps insufficient-data units out of the ranking (listed apart) and other provinces out entirely', () => {
    const ranking = rankWithinProvince([r('A', 99, true), r('B', 70), r('C', 85), r('X', 100, false, '31'), r('0', 50, true)], '30');
    expect(ranking.ranked.map((x) => [x.unitCode, x.rank])).toEqual([['C', 1], ['B', 2]]);
    expect(ranking.excluded.map((x) => x.unitCode)).toEqual(['0', 'A']);
  });

  it('an empty province, a single unit, everybody tied', () => {
    expect(rankWithinProvince([], '30')).toEqual({ provinceCode: '30', ranked: [], excluded: [] });
    expect(rankWithinProvince([r('A', 10)], '30').ranked[0].rank).toBe(1);
    expect(rankWithinProvince([r('A', 88), r('B', 88), r('C', 88)], '30').ranked.map((x) => x.rank)).toEqual([1, 1, 1]);
  });

  it('does not depend on input order', () => {
    const units = Array.from({ length: 200 }, (_, i) => r(`U${String(i).padStart(3, '0')}`, (i * 37) % 41, i % 17 === 0));
    const a = rankWithinProvince(units, '30');
    const b = rankWithinProvince([...units].reverse(), '30');
    expect(b).toEqual(a);
    for (let i = 1; i < a.ranked.length; i++) {
      expect(a.ranked[i].total).toBeLessThanOrEqual(a.ranked[i - 1].total);
      expect(a.ranked[i].rank).toBe(a.ranked[i].total === a.ranked[i - 1].total ? a.ranked[i - 1].rank : i + 1);
    }
  });
});
