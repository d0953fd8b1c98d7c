import { bandOf } from './bands';
import { Band } from './scorecard';
import { HAI_DUONG_BANDS } from './seed';
import { scorecardIssues } from './validate-scorecard';
import { HAI_DUONG_FRIENDLY_GOVERNMENT } from './seed';

describe('bandOf (Hải Dương levels)', () => {
  it.each([
    [0, null],
    [79.99, null],
    [80, 'LEVEL_1'],
    [84.99, 'LEVEL_1'],
    [85, 'LEVEL_2'],
    [89.99, 'LEVEL_2'],
    [90, 'LEVEL_3'],
    [94.99, 'LEVEL_3'],
    [95, 'LEVEL_4'],
    [99.99, 'LEVEL_4'],
    [100, 'LEVEL_4'],
  ])('%p points → %p', (total, level) => {
    expect(bandOf(HAI_DUONG_BANDS, total)?.code ?? null).toBe(level);
  });

  it('reads a total at the hundredth, so float noise at an edge does not change the level', () => {
    expect(bandOf(HAI_DUONG_BANDS, 79.99999999999)?.code).toBe('LEVEL_1');
    expect(bandOf(HAI_DUONG_BANDS, 0.1 + 0.2 + 84.7)?.code).toBe('LEVEL_2');
  });

  it('nothing above the total', () => {
    expect(bandOf(HAI_DUONG_BANDS, 100.01)).toBeNull();
  });
});

describe('bands as data (Đồng Nai 2025 shape: groups 15/15/20/50, star bands)', () => {
  // The Đồng Nai star thresholds here are illustrative, to show other band shapes validate and score.
  const stars: Band[] = [
    { code: 'STAR_3', rank: 1, titleVi: '3 sao', titleEn: '3 stars', min: 70, max: 80, maxInclusive: false },
    { code: 'STAR_4', rank: 2, titleVi: '4 sao', titleEn: '4 stars', min: 80, max: 90, maxInclusive: false },
    { code: 'STAR_5', rank: 3, titleVi: '5 sao', titleEn: '5 stars', min: 90, max: 100, maxInclusive: true },
  ];
  const base = HAI_DUONG_FRIENDLY_GOVERNMENT;
  const g = (code: string, maxPoints: number) => ({
    code,
    titleVi: code,
    titleEn: code,
    maxPoints,
    criteria: [{ code: `${code}.C1`, titleVi: code, titleEn: code, maxPoints, indicators: [{ kind: 'MANUAL' as const, code: `${code}.I1`, titleVi: code, titleEn: code, maxPoints, weight: 1, evidenceRequired: true }] }],
  });
  const dongNai = { ...base, code: 'DN_2025', scope: { kind: 'PROVINCE' as const, provinceCode: '75' }, groups: [g('A', 15), g('B', 15), g('C', 20), g('D', 50)], bands: stars };

  it('validates and levels by stars', () => {
    expect(scorecardIssues(dongNai)).toEqual([]);
    expect([69.99, 70, 89.99, 90, 100].map((t) => bandOf(stars, t)?.code ?? null)).toEqual([null, 'STAR_3', 'STAR_4', 'STAR_5', 'STAR_5']);
  });
});
