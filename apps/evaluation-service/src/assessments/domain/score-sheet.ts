import { Indicator, Scorecard } from '../../scorecards/domain/scorecard';
import { sumPoints } from '../../scorecards/domain/points';
import { bandOf } from '../../scorecards/domain/bands';
import { MeasuredValue } from '../../indicators/domain/computed-value';
import { ManualEntry } from './evidence';
import { IndicatorScore, scoreIndicator } from './indicator-score';

export interface PartScore {
  readonly code: string;
  readonly points: number;
  readonly maxPoints: number;
}

/**
 * Scores of one assessment at every level. `total` is the sum of the group scores (each the
 * exact sum of its rounded parts, so the parts always add up to what is shown). `levelCode` is
 * null below every band, and also while data are insufficient (the total then only counts what
 * could be scored, and the unit is not ranked).
 */
export interface ScoreSheet {
  readonly scorecardCode: string;
  readonly scorecardVersion: number;
  readonly indicators: readonly IndicatorScore[];
  readonly criteria: readonly PartScore[];
  readonly groups: readonly PartScore[];
  readonly total: number;
  readonly levelCode: string | null;
  readonly levelRank: number | null;
  readonly insufficientData: boolean;
  readonly insufficientIndicators: readonly string[];
}

/** Builds a sheet from one score per indicator (in scorecard order). */
export function sheetOf(scorecard: Scorecard, scoreOf: (indicator: Indicator) => IndicatorScore): ScoreSheet {
  const indicators: IndicatorScore[] = [];
  const criteria: PartScore[] = [];
  const groups = scorecard.groups.map((group) => {
    const criterionPoints = group.criteria.map((criterion) => {
      const scores = criterion.indicators.map(scoreOf);
      indicators.push(...scores);
      const part = { code: criterion.code, points: sumPoints(scores.map((s) => s.weightedPoints)), maxPoints: criterion.maxPoints };
      criteria.push(part);
      return part.points;
    });
    return { code: group.code, points: sumPoints(criterionPoints), maxPoints: group.maxPoints };
  });
  const total = sumPoints(groups.map((g) => g.points));
  const insufficientIndicators = indicators.filter((s) => s.insufficientData).map((s) => s.indicatorCode);
  const band = insufficientIndicators.length > 0 ? null : bandOf(scorecard.bands, total);
  return {
    scorecardCode: scorecard.code,
    scorecardVersion: scorecard.version,
    indicators,
    criteria,
    groups,
    total,
    levelCode: band?.code ?? null,
    levelRank: band?.rank ?? null,
    insufficientData: insufficientIndicators.length > 0,
    insufficientIndicators,
  };
}

/** The self-assessed sheet: manual entries plus the measured values (frozen at submission). */
export function selfAssessedSheet(
  scorecard: Scorecard,
  manual: ReadonlyMap<string, ManualEntry>,
  measured: ReadonlyMap<string, MeasuredValue>,
): ScoreSheet {
  return sheetOf(scorecard, (indicator) => scoreIndicator(indicator, manual.get(indicator.code), measured.get(indicator.code) ?? null));
}
