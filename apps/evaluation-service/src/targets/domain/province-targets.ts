import { DomainError } from '@xaso/errors';

/**
 * "At least `minPercent`% of the communes (or at least `minCount` communes) reach a level of
 * rank ≥ `minLevelRank`": rank 1 = meeting the standard (any level), 2 = above level 1, …
 */
export interface TargetRequirement {
  readonly code: string;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly minLevelRank: number;
  readonly minPercent: number | null;
  readonly minCount: number | null;
}

export interface YearTargets {
  readonly fromYear: number;
  readonly toYear: number;
  readonly requirements: readonly TargetRequirement[];
}

/** A province's targets for a scorecard, as data. */
export interface ProvinceTargets {
  readonly provinceCode: string;
  readonly scorecardCode: string;
  readonly years: readonly YearTargets[];
}

export class InvalidTargetsError extends DomainError {
  constructor(why: string, whyVi: string, details: Record<string, unknown>) {
    super('TARGETS_INVALID', `Province targets: ${why}`, `Chỉ tiêu của tỉnh: ${whyVi}`, 'invalid', details);
  }
}

export function targetsOfYear(targets: ProvinceTargets, year: number): YearTargets | null {
  return targets.years.find((y) => year >= y.fromYear && year <= y.toYear) ?? null;
}

/** Refuses overlapping year ranges and requirements that ask for nothing or the impossible. */
export function assertValidTargets(targets: ProvinceTargets): void {
  const sorted = [...targets.years].sort((a, b) => a.fromYear - b.fromYear);
  sorted.forEach((y, i) => {
    if (!Number.isInteger(y.fromYear) || !Number.isInteger(y.toYear) || y.toYear < y.fromYear) {
      throw new InvalidTargetsError(`years ${y.fromYear}–${y.toYear} are not a range`, `các năm ${y.fromYear}–${y.toYear} không hợp lệ`, { fromYear: y.fromYear, toYear: y.toYear });
    }
    if (i > 0 && y.fromYear <= sorted[i - 1].toYear) {
      throw new InvalidTargetsError(`years ${y.fromYear}–${y.toYear} overlap another range`, `các năm ${y.fromYear}–${y.toYear} trùng với khoảng khác`, { fromYear: y.fromYear });
    }
    for (const r of y.requirements) {
      const percentOk = r.minPercent === null || (Number.isFinite(r.minPercent) && r.minPercent > 0 && r.minPercent <= 100);
      const countOk = r.minCount === null || (Number.isInteger(r.minCount) && r.minCount > 0);
      if (!percentOk || !countOk || (r.minPercent === null && r.minCount === null) || !Number.isInteger(r.minLevelRank) || r.minLevelRank < 1) {
        throw new InvalidTargetsError(`requirement ${r.code} must ask for a share in (0, 100]% or a count ≥ 1 at a level rank ≥ 1`, `chỉ tiêu ${r.code} phải yêu cầu tỷ lệ trong (0, 100]% hoặc số lượng ≥ 1 ở mức ≥ 1`, { code: r.code });
      }
    }
  });
}
