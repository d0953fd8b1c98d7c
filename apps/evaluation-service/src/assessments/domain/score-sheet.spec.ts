import { HAI_DUONG_FRIENDLY_GOVERNMENT as HD } from '../../scorecards/domain/seed';
import { selfAssessedSheet } from './score-sheet';
import { reviewedSheet } from './reviewed-sheet';
import { EVIDENCE, ONE_INDICATOR, fullManual, perfectMeasured } from './scoring.test-data';

const noData = { numerator: 0, denominator: 0, value: null };

describe('selfAssessedSheet: total and level at the band edges', () => {
  it.each([
    [79.99, null], [80, 'LEVEL_1'], [84.99, 'LEVEL_1'], [85, 'LEVEL_2'], [89.99, 'LEVEL_2'],
    [90, 'LEVEL_3'], [94.99, 'LEVEL_3'], [95, 'LEVEL_4'], [100, 'LEVEL_4'],
  ])('%p points → %p', (points, level) => {
    const sheet = selfAssessedSheet(ONE_INDICATOR, new Map([['I', { points, evidence: EVIDENCE }]]), new Map());
    expect([sheet.total, sheet.levelCode, sheet.insufficientData]).toEqual([points, level, false]);
  });
});

describe('selfAssessedSheet on the Hải Dương scorecard', () => {
  it('full marks everywhere: 100, level 4, groups at their maximum', () => {
    const sheet = selfAssessedSheet(HD, fullManual(), perfectMeasured());
    expect(sheet.total).toBe(100);
    expect([sheet.levelCode, sheet.levelRank]).toEqual(['LEVEL_4', 4]);
    expect(sheet.groups.map((g) => [g.code, g.points])).toEqual([['G1', 25], ['G2', 15], ['G3', 20], ['G4', 15], ['G5', 25]]);
    expect(sheet.indicators).toHaveLength(22);
  });

  it('computed values go through their curves; group, criterion and total sums are exact', () => {
    const measured = perfectMeasured();
    measured.set('G1.C2.I1', { numerator: 93, denominator: 100, value: 0.93 }); // 7 → 3
    measured.set('G1.C2.I2', { numerator: 1, denominator: 3, value: 1 / 3 }); // linear 0.2→0.8 of 5 → 1.11
    measured.set('G1.C2.I3', { numerator: 4, denominator: null, value: 4 }); // linear 10→0 of 3 → 1.8
    measured.set('G5.C2.I1', { numerator: 1, denominator: 6, value: 1 / 6 }); // mixed: 4 × (1/6)/0.5 = 1.33 + manual 4
    const sheet = selfAssessedSheet(HD, fullManual(), measured);
    const byCode = Object.fromEntries(sheet.indicators.map((s) => [s.indicatorCode, s.points]));
    expect([byCode['G1.C2.I1'], byCode['G1.C2.I2'], byCode['G1.C2.I3'], byCode['G5.C2.I1']]).toEqual([3, 1.11, 1.8, 5.33]);
    expect(sheet.criteria.find((c) => c.code === 'G1.C2')?.points).toBe(7.91);
    expect(sheet.groups.map((g) => g.points)).toEqual([15.91, 15, 20, 15, 22.33]);
    expect(sheet.total).toBe(88.24);
    expect(sheet.levelCode).toBe('LEVEL_2');
  });

  it('insufficient data (a rate with no denominator under INSUFFICIENT_DATA) flags the sheet, keeps scoring the rest, gives no level', () => {
    const measured = perfectMeasured();
    measured.set('G1.C2.I1', noData);
    const sheet = selfAssessedSheet(HD, fullManual(), measured);
    expect([sheet.insufficientData, sheet.insufficientIndicators, sheet.total, sheet.levelCode]).toEqual([true, ['G1.C2.I1'], 93, null]);
  });

  it('missing data rules: ZERO, FULL_POINTS, MANUAL_FALLBACK with and without a manual score', () => {
    const measured = perfectMeasured();
    measured.set('G1.C2.I3', { numerator: 0, denominator: null, value: null }); // ZERO
    measured.set('G1.C2.I4', noData); // FULL_POINTS: no late dossier, no apology owed
    measured.set('G2.C2.I1', noData); // MANUAL_FALLBACK, scored by hand below
    measured.set('G3.C2.I1', noData); // MANUAL_FALLBACK, no manual score → insufficient
    const manual = fullManual();
    manual.set('G2.C2.I1', { points: 2.5, evidence: EVIDENCE });
    const sheet = selfAssessedSheet(HD, manual, measured);
    const get = (code: string) => sheet.indicators.find((s) => s.indicatorCode === code)!;
    expect([get('G1.C2.I3').points, get('G1.C2.I3').source]).toEqual([0, 'MISSING_DATA_RULE']);
    expect([get('G1.C2.I4').points, get('G1.C2.I4').source]).toEqual([2, 'MISSING_DATA_RULE']);
    expect([get('G2.C2.I1').points, get('G2.C2.I1').source, get('G2.C2.I1').insufficientData]).toEqual([2.5, 'MANUAL_FALLBACK', false]);
    expect([get('G3.C2.I1').insufficientData, sheet.insufficientIndicators]).toEqual([true, ['G3.C2.I1']]);
  });

  it('a measured value wins over a manual fallback score', () => {
    const manual = fullManual();
    manual.set('G2.C2.I1', { points: 1, evidence: EVIDENCE });
    const sheet = selfAssessedSheet(HD, manual, perfectMeasured());
    expect(sheet.indicators.find((s) => s.indicatorCode === 'G2.C2.I1')?.points).toBe(4);
  });

  it('a manual indicator left empty scores 0 (NOT_SCORED), and weights scale an indicator’s share', () => {
    const manual = fullManual();
    manual.delete('G4.C2.I1');
    const sheet = selfAssessedSheet(HD, manual, perfectMeasured());
    expect(sheet.total).toBe(95);
    const weighted = { ...ONE_INDICATOR, groups: [{ ...ONE_INDICATOR.groups[0], criteria: [{ ...ONE_INDICATOR.groups[0].criteria[0], indicators: [{ ...ONE_INDICATOR.groups[0].criteria[0].indicators[0], maxPoints: 200, weight: 0.5 }] }] }] };
    const s = selfAssessedSheet(weighted, new Map([['I', { points: 170.01, evidence: EVIDENCE }]]), new Map());
    expect([s.indicators[0].points, s.indicators[0].weightedPoints, s.total, s.levelCode]).toEqual([170.01, 85.01, 85.01, 'LEVEL_2']);
  });
});

describe('reviewedSheet', () => {
  it('uses the reviewer’s points where given and the self score elsewhere', () => {
    const self = selfAssessedSheet(HD, fullManual(), perfectMeasured());
    const reviewed = reviewedSheet(HD, self, new Map([['G4.C1.I1', { points: 3, comment: 'Khuôn viên chưa có cây xanh' }], ['G1.C2.I1', { points: 5, comment: '' }]]));
    expect([reviewed.total, reviewed.levelCode]).toEqual([96, 'LEVEL_4']);
    expect(reviewed.groups.find((g) => g.code === 'G4')?.points).toBe(13);
  });

  it('cannot clear insufficient data, except where a manual score is allowed', () => {
    const measured = perfectMeasured();
    measured.set('G1.C2.I1', noData);
    measured.set('G3.C2.I1', noData);
    const self = selfAssessedSheet(HD, fullManual(), measured);
    expect(self.insufficientIndicators).toEqual(['G1.C2.I1', 'G3.C2.I1']);
    const reviewed = reviewedSheet(HD, self, new Map([['G1.C2.I1', { points: 7, comment: 'x' }], ['G3.C2.I1', { points: 6, comment: 'khảo sát' }]]));
    expect(reviewed.insufficientIndicators).toEqual(['G1.C2.I1']);
    expect(reviewed.levelCode).toBeNull();
  });
});
