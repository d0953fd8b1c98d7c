import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD } from '../../scorecards/domain/seed';
import { selfAssessedSheet } from '../../assessments/domain/score-sheet';
import { reviewedSheet } from '../../assessments/domain/reviewed-sheet';
import { fullManual, perfectMeasured } from '../../assessments/domain/scoring.test-data';
import { sideBySide } from './side-by-side';
import { unitResultOf } from './unit-result';

describe('sideBySide', () => {
  const self = selfAssessedSheet(HD, fullManual(), perfectMeasured());
  const reviewed = reviewedSheet(HD, self, new Map([['G4.C1.I1', { points: 3.5, comment: 'Thiếu cây xanh' }]]));
  const rows = sideBySide(HD, self, reviewed);

  it('one row per group, criterion and indicator in scorecard order, then the total', () => {
    expect(rows.filter((x) => x.level === 'GROUP').map((x) => x.code)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);
    expect(rows.slice(0, 4).map((x) => x.code)).toEqual(['G1', 'G1.C1', 'G1.C1.I1', 'G1.C1.I2']);
    expect(rows.filter((x) => x.level === 'INDICATOR')).toHaveLength(22);
    expect(rows.at(-1)).toEqual({ level: 'TOTAL', code: HD.code, maxPoints: 100, selfPoints: 100, reviewedPoints: 98.5, difference: -1.5, measured: null });
  });

  it('differences at every level, and the measured value beside computed indicators', () => {
    const get = (code: string) => rows.find((x) => x.code === code);
    expect([get('G4.C1.I1')?.difference, get('G4.C1')?.difference, get('G4')?.difference, get('G3')?.difference]).toEqual([-1.5, -1.5, -1.5, 0]);
    expect(get('G1.C2.I1')?.measured).toEqual({ numerator: 10, denominator: 10, value: 1 });
    expect(get('G1.C1.I1')?.measured).toBeNull();
  });
});

describe('unitResultOf', () => {
  it('takes total, level and the insufficient-data flag from a sheet', () => {
    const sheet = selfAssessedSheet(HD, fullManual(), perfectMeasured());
    expect(unitResultOf('10507', '30', sheet)).toEqual({ unitCode: '10507', provinceCode: '30', total: 100, levelCode: 'LEVEL_4', levelRank: 4, insufficientData: false });
  });
});
