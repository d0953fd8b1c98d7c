import { UnitResult } from '../../results/domain/unit-result';
import { ProvinceTargets, TargetRequirement, targetsOfYear } from './province-targets';

export interface RequirementReport {
  readonly requirement: TargetRequirement;
  readonly reachedCount: number;
  /** Share of the communes in scope that reached it, 0–1 (null with no commune). */
  readonly reachedShare: number | null;
  readonly requiredCount: number;
  readonly met: boolean;
}

export interface TargetReport {
  readonly provinceCode: string;
  readonly year: number;
  /** All communes of the province evaluated that year, insufficient data included (they reach nothing). */
  readonly unitsInScope: number;
  readonly hasTargets: boolean;
  readonly requirements: readonly RequirementReport[];
  readonly allMet: boolean;
}

/** Communes needed for `minPercent`% of `units`, exactly (integer arithmetic: 20% of 3 is 1). */
function countForPercent(minPercent: number, units: number): number {
  return Math.ceil((Math.round(minPercent * 100) * units) / 10_000 - 1e-9);
}

/** Share reached vs required per requirement of the year, for one province's results. */
export function targetReport(targets: ProvinceTargets, year: number, results: readonly UnitResult[]): TargetReport {
  const units = results.filter((r) => r.provinceCode === targets.provinceCode);
  const yearTargets = targetsOfYear(targets, year);
  const requirements = (yearTargets?.requirements ?? []).map((requirement): RequirementReport => {
    const reachedCount = units.filter((r) => !r.insufficientData && (r.levelRank ?? 0) >= requirement.minLevelRank).length;
    const requiredCount = Math.max(requirement.minPercent === null ? 0 : countForPercent(requirement.minPercent, units.length), requirement.minCount ?? 0);
    return { requirement, reachedCount, reachedShare: units.length === 0 ? null : reachedCount / units.length, requiredCount, met: units.length > 0 && reachedCount >= requiredCount };
  });
  return {
    provinceCode: targets.provinceCode,
    year,
    unitsInScope: units.length,
    hasTargets: yearTargets !== null,
    requirements,
    allMet: yearTargets !== null && requirements.every((r) => r.met),
  };
}

/** The report for each year that has results, in year order. */
export function targetTrajectory(targets: ProvinceTargets, resultsByYear: ReadonlyMap<number, readonly UnitResult[]>): TargetReport[] {
  return [...resultsByYear.keys()].sort((a, b) => a - b).map((year) => targetReport(targets, year, resultsByYear.get(year) ?? []));
}
