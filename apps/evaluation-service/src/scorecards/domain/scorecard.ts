/**
 * A scorecard is versioned data, not code: criteria groups → criteria → indicators, with the
 * bands that turn a total into a level. A version used by a cycle is frozen (see
 * scorecard-publication.ts); a change is published as the next version.
 */

export type ScorecardScope = { readonly kind: 'NATIONAL' } | { readonly kind: 'PROVINCE'; readonly provinceCode: string };

/** Years a version applies to, inclusive; `toYear: null` = open-ended. */
export interface ValidYears {
  readonly fromYear: number;
  readonly toYear: number | null;
}

export interface Titled {
  readonly code: string;
  readonly titleVi: string;
  readonly titleEn: string;
}

export type IndicatorKind = 'MANUAL' | 'COMPUTED' | 'MIXED';

/**
 * What happens when a COMPUTED value has no data (a rate whose denominator sums to 0, a count
 * for a unit with no facts at all in the period): INSUFFICIENT_DATA flags the result and keeps
 * the unit out of the ranking; ZERO scores 0; MANUAL_FALLBACK takes the commune's manual score
 * (with evidence if required) and is insufficient data without one; FULL_POINTS is for rates
 * whose empty denominator means nothing went wrong (no late dossier = no apology owed).
 */
export type MissingDataRule = 'INSUFFICIENT_DATA' | 'ZERO' | 'MANUAL_FALLBACK' | 'FULL_POINTS';

/**
 * Scores a measured value. THRESHOLDS: the points of the highest step whose `min` ≤ value (0 below
 * every step). LINEAR: 0 at `worst`, full points at `best`, linear in between, clamped outside;
 * `worst > best` means lower is better (e.g. a count of overdue dossiers).
 */
export type ScoringCurve =
  | { readonly type: 'THRESHOLDS'; readonly steps: readonly ThresholdStep[] }
  | { readonly type: 'LINEAR'; readonly worst: number; readonly best: number };

export interface ThresholdStep {
  readonly min: number;
  readonly points: number;
}

/** Part of the cycle year the facts are summed over, as MM-DD bounds (inclusive). */
export interface MeasurementPeriod {
  readonly fromMonthDay: string;
  readonly toMonthDay: string;
}

export const WHOLE_YEAR: MeasurementPeriod = { fromMonthDay: '01-01', toMonthDay: '12-31' };

/**
 * How a COMPUTED (or the computed part of a MIXED) indicator is measured: the sum of the
 * numerator metric over the period, divided by the sum of the denominator metric when there is
 * one (a rate, 0–1), else the plain sum (a count).
 */
export interface Computation {
  readonly numerator: string;
  readonly denominator: string | null;
  readonly period: MeasurementPeriod;
  readonly curve: ScoringCurve;
  readonly missingData: MissingDataRule;
}

interface IndicatorBase extends Titled {
  readonly maxPoints: number;
  /** Multiplier of the indicator's points in its criterion (0 < weight ≤ 1). */
  readonly weight: number;
  readonly evidenceRequired: boolean;
}

export interface ManualIndicator extends IndicatorBase {
  readonly kind: 'MANUAL';
}

export interface ComputedIndicator extends IndicatorBase {
  readonly kind: 'COMPUTED';
  readonly computation: Computation;
}

/** Partly measured (`computedMaxPoints` through the curve), the rest scored by the commune. */
export interface MixedIndicator extends IndicatorBase {
  readonly kind: 'MIXED';
  readonly computation: Computation;
  readonly computedMaxPoints: number;
}

export type Indicator = ManualIndicator | ComputedIndicator | MixedIndicator;

export interface Criterion extends Titled {
  readonly maxPoints: number;
  readonly indicators: readonly Indicator[];
}

export interface CriteriaGroup extends Titled {
  readonly maxPoints: number;
  readonly criteria: readonly Criterion[];
}

/**
 * A level: totals in [min, max) — or [min, max] when `maxInclusive` (the top band). `rank` orders
 * levels (1 = lowest recognised level); a total below every band is not recognised.
 */
export interface Band extends Titled {
  readonly rank: number;
  readonly min: number;
  readonly max: number;
  readonly maxInclusive: boolean;
}

export interface Scorecard extends Titled {
  readonly version: number;
  readonly scope: ScorecardScope;
  readonly validYears: ValidYears;
  readonly totalPoints: number;
  readonly groups: readonly CriteriaGroup[];
  readonly bands: readonly Band[];
}

/** An indicator with where it sits, for flat walks over a scorecard. */
export interface PlacedIndicator {
  readonly groupCode: string;
  readonly criterionCode: string;
  readonly indicator: Indicator;
}

export function indicatorsOf(scorecard: Scorecard): PlacedIndicator[] {
  return scorecard.groups.flatMap((group) =>
    group.criteria.flatMap((criterion) =>
      criterion.indicators.map((indicator) => ({ groupCode: group.code, criterionCode: criterion.code, indicator })),
    ),
  );
}

export function isValidForYear(scorecard: Scorecard, year: number): boolean {
  const { fromYear, toYear } = scorecard.validYears;
  return year >= fromYear && (toYear === null || year <= toYear);
}

/** Points of the indicator that the commune scores by hand (all of MANUAL, the rest of MIXED, none of COMPUTED). */
export function manualMaxPoints(indicator: Indicator): number {
  if (indicator.kind === 'MANUAL') return indicator.maxPoints;
  if (indicator.kind === 'MIXED') return indicator.maxPoints - indicator.computedMaxPoints;
  return 0;
}

/** Points the curve scores (none of MANUAL, all of COMPUTED, `computedMaxPoints` of MIXED). */
export function computedMaxPoints(indicator: Indicator): number {
  if (indicator.kind === 'COMPUTED') return indicator.maxPoints;
  if (indicator.kind === 'MIXED') return indicator.computedMaxPoints;
  return 0;
}
