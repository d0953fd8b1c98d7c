import { changeAgainstPreviousYear } from './year-over-year';
import { UnitResult } from './unit-result';

const r = (unitCode: string, total: number, levelRank: number | null, insufficientData = false): UnitResult => ({
  unitCode, provinceCode: '30', total, levelCode: levelRank ? `LEVEL_${levelRank}` : null, levelRank, insufficientData,
});

describe('changeAgainstPreviousYear', () => {
  it('points gained or lost (exact to the hundredth) and the level trend', () => {
    const rows = changeAgainstPreviousYear([r('A', 86.3, 2), r('B', 79.9, null), r('C', 91, 3)], [r('A', 84.1, 1), r('B', 81.2, 1), r('C', 90.5, 3)]);
    expect(rows.map((x) => [x.unitCode, x.change, x.levelTrend, x.previousLevelCode])).toEqual([
      ['A', 2.2, 'UP', 'LEVEL_1'],
      ['B', -1.3, 'DOWN', 'LEVEL_1'],
      ['C', 0.5, 'SAME', 'LEVEL_3'],
    ]);
  });

  it('no previous result, or insufficient data on either side: no change', () => {
    const rows = changeAgainstPreviousYear([r('A', 90, 3), r('B', 90, null, true), r('C', 90, 3)], [r('B', 85, 2), r('C', 80, null, true)]);
    expect(rows.map((x) => [x.change, x.levelTrend, x.previousTotal])).toEqual([[null, null, null], [null, null, 85], [null, null, 80]]);
  });
});
