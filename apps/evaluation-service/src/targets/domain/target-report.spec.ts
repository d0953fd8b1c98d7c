import { UnitResult } from '../../results/domain/unit-result';
import { assertValidTargets, ProvinceTargets, targetsOfYear } from './province-targets';
import { HAI_DUONG_TARGETS } from './seed/hai-duong-targets';
import { targetReport, targetTrajectory } from './target-report';

/** `levels` lists each commune's level rank (0 = not recognised, 'X' = insufficient data). */
function results(levels: (number | 'X')[], provinceCode = '30'): UnitResult[] {
  return levels.map((level, i) => ({
    unitCode: `U${i}`, provinceCode, total: level === 'X' ? 0 : 75 + 5 * level,
    levelCode: level === 'X' || level === 0 ? null : `LEVEL_${level}`, levelRank: level === 'X' || level === 0 ? null : level, insufficientData: level === 'X',
  }));
}
const summary = (year: number, levels: (number | 'X')[]) =>
  targetReport(HAI_DUONG_TARGETS, year, results(levels)).requirements.map((r) => [r.requirement.code, r.reachedCount, r.requiredCount, r.met]);

describe('Hải Dương targets as data', () => {
  it('are valid and cover 2024–2030, nothing else', () => {
    expect(() => assertValidTargets(HAI_DUONG_TARGETS)).not.toThrow();
    expect([2023, 2024, 2025, 2026, 2027, 2030, 2031].map((y) => targetsOfYear(HAI_DUONG_TARGETS, y)?.requirements.map((r) => r.code) ?? null)).toEqual([
      null, ['MEETING_20'], ['ABOVE_L1_20'], ['ABOVE_L1_50', 'LEVEL_4_AT_LEAST_1'], ['MEETING_90', 'ABOVE_L1_70'], ['MEETING_90', 'ABOVE_L1_70'], null,
    ]);
  });
});

describe('targetReport', () => {
  it('2024: ≥20% at level 1 or higher (2 of 10 meets it, 1 of 10 does not)', () => {
    expect(summary(2024, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([['MEETING_20', 2, 2, true]]);
    expect(summary(2024, [4, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([['MEETING_20', 1, 2, false]]);
  });

  it('2025: ≥20% above level 1 (level 1 does not count)', () => {
    expect(summary(2025, [1, 1, 1, 1, 1])).toEqual([['ABOVE_L1_20', 0, 1, false]]);
    expect(summary(2025, [2, 1, 1, 1, 1])).toEqual([['ABOVE_L1_20', 1, 1, true]]);
  });

  it('2026: ≥50% above level 1 and at least one at level 4 — both must hold', () => {
    expect(summary(2026, [2, 3, 1, 0])).toEqual([['ABOVE_L1_50', 2, 2, true], ['LEVEL_4_AT_LEAST_1', 0, 1, false]]);
    const report = targetReport(HAI_DUONG_TARGETS, 2026, results([2, 4, 1, 0]));
    expect(report.allMet).toBe(true);
    expect(targetReport(HAI_DUONG_TARGETS, 2026, results([2, 3, 1, 0])).allMet).toBe(false);
  });

  it('2027–2030: ≥90% meeting and ≥70% above level 1, with shares rounded up to whole communes', () => {
    expect(summary(2028, [2, 2, 2, 2, 2, 2, 2, 1, 1, 0])).toEqual([['MEETING_90', 9, 9, true], ['ABOVE_L1_70', 7, 7, true]]);
    expect(summary(2030, [2, 2, 2, 2, 2, 2, 1, 1, 1, 0, 0])).toEqual([['MEETING_90', 9, 10, false], ['ABOVE_L1_70', 6, 8, false]]);
  });

  it('insufficient-data communes count in scope and reach nothing; other provinces are ignored', () => {
    const mixed = [...results([2, 'X', 'X', 'X', 'X']), ...results([4, 4, 4], '31')];
    const report = targetReport(HAI_DUONG_TARGETS, 2025, mixed);
    expect([report.unitsInScope, report.requirements[0].reachedCount, report.requirements[0].reachedShare, report.requirements[0].met]).toEqual([5, 1, 0.2, true]);
  });

  it('a year without targets, a province without results', () => {
    expect(targetReport(HAI_DUONG_TARGETS, 2031, results([4]))).toEqual({ provinceCode: '30', year: 2031, unitsInScope: 1, hasTargets: false, requirements: [], allMet: false });
    const empty = targetReport(HAI_DUONG_TARGETS, 2024, []);
    expect([empty.unitsInScope, empty.requirements[0].reachedShare, empty.requirements[0].met]).toEqual([0, null, false]);
  });

  it('a trajectory reports each year with results, in order', () => {
    const trajectory = targetTrajectory(HAI_DUONG_TARGETS, new Map([[2026, results([4, 2])], [2024, results([1, 0])], [2025, results([1, 1])]]));
    expect(trajectory.map((r) => [r.year, r.allMet])).toEqual([[2024, true], [2025, false], [2026, true]]);
  });
});

describe('assertValidTargets', () => {
  const base: ProvinceTargets = HAI_DUONG_TARGETS;
  const code = (t: ProvinceTargets) => {
    try {
      assertValidTargets(t);
      return 'OK';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };
  const req = base.years[0].requirements[0];

  it.each([
    ['overlapping years', { ...base, years: [...base.years, { fromYear: 2030, toYear: 2031, requirements: [req] }] }],
    ['backwards years', { ...base, years: [{ fromYear: 2026, toYear: 2025, requirements: [req] }] }],
    ['a share above 100%', { ...base, years: [{ fromYear: 2024, toYear: 2024, requirements: [{ ...req, minPercent: 120 }] }] }],
    ['asking for nothing', { ...base, years: [{ fromYear: 2024, toYear: 2024, requirements: [{ ...req, minPercent: null, minCount: null }] }] }],
    ['a level rank of 0', { ...base, years: [{ fromYear: 2024, toYear: 2024, requirements: [{ ...req, minLevelRank: 0 }] }] }],
  ])('%s → TARGETS_INVALID', (_what, targets) => {
    expect(code(targets as ProvinceTargets)).toBe('TARGETS_INVALID');
  });
});
