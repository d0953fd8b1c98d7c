import { Scorecard } from '../../scorecards/domain/scorecard';
import { roundPoints } from '../../scorecards/domain/points';
import { IndicatorScore } from './indicator-score';
import { ScoreSheet, sheetOf } from './score-sheet';

/** The reviewer's points for an indicator (before weight) and why. */
export interface ReviewEntry {
  readonly points: number;
  readonly comment: string;
}

/**
 * The reviewed sheet: the reviewer's points where given, the self-assessed score elsewhere. A
 * reviewer cannot invent missing data: an indicator that was insufficient stays insufficient
 * unless its rule lets someone score it by hand (MANUAL_FALLBACK).
 */
export function reviewedSheet(scorecard: Scorecard, self: ScoreSheet, reviews: ReadonlyMap<string, ReviewEntry>): ScoreSheet {
  const selfScores = new Map(self.indicators.map((s) => [s.indicatorCode, s]));
  return sheetOf(scorecard, (indicator): IndicatorScore => {
    const own = selfScores.get(indicator.code);
    if (!own) throw new RangeError(`The self-assessed sheet has no score for ${indicator.code}: built from another scorecard`);
    const review = reviews.get(indicator.code);
    if (!review) return own;
    const fallsBackToManual = indicator.kind === 'COMPUTED' && indicator.computation.missingData === 'MANUAL_FALLBACK';
    const insufficientData = own.insufficientData && !fallsBackToManual;
    const points = roundPoints(review.points);
    return { ...own, points, weightedPoints: roundPoints(points * indicator.weight), insufficientData };
  });
}
