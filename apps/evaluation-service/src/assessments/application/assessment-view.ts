import type { Scorecard } from '../../scorecards/domain/scorecard';
import type { Assessment } from '../domain/assessment';
import { reviewedSheetOf, selfSheetOf } from '../domain/review-steps';
import type { ScoreSheet } from '../domain/score-sheet';
import { defaultDeadlines, type OverdueFlags, overdueFlags } from '../domain/deadlines';
import { type LocalDate, todayInVietnam } from '@xaso/calendar';

/** An assessment with its self-assessed and reviewed sheets side by side. */
export interface AssessmentView {
  readonly assessment: Assessment;
  readonly self: ScoreSheet;
  readonly reviewed: ScoreSheet;
  /** Stages late on Vietnam's local date (self-assessment/review after 31 Dec, recognition after January). */
  readonly overdue: OverdueFlags;
}

/** `now`: the service clock's instant; the deadlines are local days in Vietnam. */
export function assessmentViewOf(assessment: Assessment, scorecard: Scorecard, now: Date): AssessmentView {
  const ctx = { scorecard, actor: { userId: '', roles: [], unitCode: '', provinceCode: '' }, at: new Date(0) };
  const today: LocalDate = todayInVietnam(now);
  return {
    assessment,
    self: selfSheetOf(assessment, ctx),
    reviewed: reviewedSheetOf(assessment, ctx),
    overdue: overdueFlags(assessment.state, today, defaultDeadlines(assessment.year)),
  };
}
