import { Indicator, computedMaxPoints } from '../../scorecards/domain/scorecard';
import { roundPoints, sumPoints } from '../../scorecards/domain/points';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { pointsOnCurve } from '../../indicators/domain/scoring-curve';
import { ManualEntry } from './evidence';

export type ScoreSource = 'MANUAL' | 'COMPUTED' | 'MIXED' | 'MANUAL_FALLBACK' | 'MISSING_DATA_RULE' | 'NOT_SCORED';

/**
 * One indicator's score. `points` is before weight (≤ maxPoints), `weightedPoints` what it adds
 * to its criterion; both to the hundredth. `insufficientData` = a COMPUTED value has no data
 * and the rule does not supply points: the result cannot be ranked.
 */
export interface IndicatorScore {
  readonly indicatorCode: string;
  readonly points: number;
  readonly weightedPoints: number;
  readonly source: ScoreSource;
  readonly measured: MeasuredValue | null;
  readonly insufficientData: boolean;
}

function scored(indicator: Indicator, points: number, source: ScoreSource, measured: MeasuredValue | null, insufficientData = false): IndicatorScore {
  const p = roundPoints(points);
  return { indicatorCode: indicator.code, points: p, weightedPoints: roundPoints(p * indicator.weight), source, measured, insufficientData };
}

/** Points of the computed part from a measured value, or how the missing-data rule fills it. */
function computedPart(indicator: Exclude<Indicator, { kind: 'MANUAL' }>, measured: MeasuredValue | null, manual: ManualEntry | undefined): { points: number; source: ScoreSource; insufficient: boolean } {
  const max = computedMaxPoints(indicator);
  if (measured && measured.value !== null) return { points: pointsOnCurve(indicator.computation.curve, measured.value, max), source: indicator.kind, insufficient: false };
  switch (indicator.computation.missingData) {
    case 'ZERO':
      return { points: 0, source: 'MISSING_DATA_RULE', insufficient: false };
    case 'FULL_POINTS':
      return { points: max, source: 'MISSING_DATA_RULE', insufficient: false };
    case 'MANUAL_FALLBACK':
      // Only a COMPUTED indicator falls back to a manual score; a MIXED one's manual entry is its own part.
      if (indicator.kind === 'COMPUTED' && manual) return { points: manual.points, source: 'MANUAL_FALLBACK', insufficient: false };
      return { points: 0, source: 'NOT_SCORED', insufficient: true };
    case 'INSUFFICIENT_DATA':
      return { points: 0, source: 'NOT_SCORED', insufficient: true };
  }
}

/**
 * The self-assessed score of an indicator from the commune's manual entry (already validated)
 * and the measured value frozen at submission (null while nothing was measured).
 */
export function scoreIndicator(indicator: Indicator, manual: ManualEntry | undefined, measured: MeasuredValue | null): IndicatorScore {
  if (indicator.kind === 'MANUAL') return scored(indicator, manual?.points ?? 0, manual ? 'MANUAL' : 'NOT_SCORED', null);
  const part = computedPart(indicator, measured, manual);
  if (indicator.kind === 'COMPUTED') return scored(indicator, part.points, part.source, measured, part.insufficient);
  return scored(indicator, sumPoints([part.points, manual?.points ?? 0]), part.source, measured, part.insufficient);
}
