import { toHundredths } from '../../scorecards/domain/points';
import { UnitResult } from './unit-result';

export interface RankedResult extends UnitResult {
  /** Competition ranking: equal totals share a rank, the next rank skips (1, 2, 2, 4). */
  readonly rank: number;
}

export interface ProvinceRanking {
  readonly provinceCode: string;
  readonly ranked: readonly RankedResult[];
  /** Units with insufficient data: listed, never ranked. */
  readonly excluded: readonly UnitResult[];
}

const byUnitCode = (a: UnitResult, b: UnitResult) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);

/**
 * Ranks a province's communes by total, highest first; ties (to the hundredth) share a rank and
 * are listed by unit code. Units of other provinces are ignored.
 */
export function rankWithinProvince(results: readonly UnitResult[], provinceCode: string): ProvinceRanking {
  const inProvince = results.filter((r) => r.provinceCode === provinceCode);
  const excluded = inProvince.filter((r) => r.insufficientData).sort(byUnitCode);
  const scored = inProvince
    .filter((r) => !r.insufficientData)
    .map((r) => ({ r, key: toHundredths(r.total) }))
    .sort((a, b) => b.key - a.key || byUnitCode(a.r, b.r));
  const ranked: RankedResult[] = new Array(scored.length);
  for (let i = 0; i < scored.length; i++) {
    const rank = i > 0 && scored[i].key === scored[i - 1].key ? ranked[i - 1].rank : i + 1;
    ranked[i] = { ...scored[i].r, rank };
  }
  return { provinceCode, ranked, excluded };
}
