import type { Scorecard } from '../../scorecards/domain/scorecard';
import type { Assessment } from '../domain/assessment';
import { reviewedSheetOf, selfSheetOf } from '../domain/review-steps';
import type { ScoreSheet } from '../domain/score-sheet';

/** An assessment with its self-assessed and reviewed sheets side by side. */
export interface AssessmentView {
  readonly assessment: Assessment;
  readonly self: ScoreSheet;
  readonly reviewed: ScoreSheet;
}

export function assessmentViewOf(assessment: Assessment, scorecard: Scorecard): AssessmentView {
  const ctx = { scorecard, actor: { userId: '', roles: [], unitCode: '', provinceCode: '' }, at: new Date(0) };
  return { assessment, self: selfSheetOf(assessment, ctx), reviewed: reviewedSheetOf(assessment, ctx) };
}
