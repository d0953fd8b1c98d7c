import { indicatorsOf } from '../../scorecards/domain/scorecard';
import { samePoints } from '../../scorecards/domain/points';
import { Assessment, FieldChange } from './assessment';
import { ReasonRequiredError, ReviewCommentRequiredError } from './assessment-errors';
import { isValidPoints } from './evidence';
import { ReviewEntry, reviewedSheet } from './reviewed-sheet';
import { ScoreSheet, selfAssessedSheet } from './score-sheet';
import { ScoreOutOfRangeError, UnknownIndicatorError } from './scoring-errors';
import { StepContext, StepOutcome } from './step-outcome';

export function selfSheetOf(assessment: Assessment, ctx: StepContext): ScoreSheet {
  return selfAssessedSheet(ctx.scorecard, new Map(Object.entries(assessment.manual)), new Map(Object.entries(assessment.measured ?? {})));
}

export function reviewedSheetOf(assessment: Assessment, ctx: StepContext): ScoreSheet {
  return reviewedSheet(ctx.scorecard, selfSheetOf(assessment, ctx), new Map(Object.entries(assessment.reviews)));
}

/** Sets or clears (null) reviewed points; a score that differs from the self score needs a comment. */
export function review(assessment: Assessment, entries: Readonly<Record<string, ReviewEntry | null>>, ctx: StepContext): StepOutcome {
  const indicators = new Map(indicatorsOf(ctx.scorecard).map(({ indicator }) => [indicator.code, indicator]));
  const selfPoints = new Map(selfSheetOf(assessment, ctx).indicators.map((s) => [s.indicatorCode, s.points]));
  const reviews: Record<string, ReviewEntry> = { ...assessment.reviews };
  const changes: FieldChange[] = [];
  for (const [code, entry] of Object.entries(entries)) {
    const indicator = indicators.get(code);
    if (!indicator) throw new UnknownIndicatorError(code, ctx.scorecard.code);
    if (entry) {
      if (!isValidPoints(entry.points, indicator.maxPoints)) throw new ScoreOutOfRangeError(code, entry.points, indicator.maxPoints);
      if (!samePoints(entry.points, selfPoints.get(code) ?? 0) && !entry.comment.trim()) throw new ReviewCommentRequiredError(code);
    }
    const before = reviews[code] ?? null;
    if (entry) reviews[code] = entry;
    else delete reviews[code];
    if (JSON.stringify(before) !== JSON.stringify(entry)) changes.push({ field: `reviews.${code}`, before, after: entry });
  }
  return { set: { reviews }, changes, reason: null };
}

export function requireReason(step: 'RETURN' | 'UNAPPROVE', reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new ReasonRequiredError(step);
  return trimmed;
}

/** Approves with the reviewed total and level on record. */
export function approve(assessment: Assessment, ctx: StepContext): StepOutcome {
  const sheet = reviewedSheetOf(assessment, ctx);
  return {
    set: {},
    changes: [
      { field: 'reviewedTotal', before: null, after: sheet.total },
      { field: 'level', before: null, after: sheet.levelCode },
    ],
    reason: null,
  };
}
