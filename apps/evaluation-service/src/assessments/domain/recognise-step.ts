import { toLocalDate } from '@xaso/calendar';
import { Assessment } from './assessment';
import { RecognitionOutsideWindowError } from './assessment-errors';
import { defaultRecognitionWindow } from './deadlines';
import { reviewedSheetOf } from './review-steps';
import { StepContext, StepOutcome } from './step-outcome';

/**
 * Recognises the approved result with its level (null: below every band or insufficient data,
 * i.e. not recognised), only within the recognition window (January of the next year by default).
 */
export function recognise(assessment: Assessment, ctx: StepContext): StepOutcome {
  const window = ctx.recognitionWindow ?? defaultRecognitionWindow(assessment.year);
  const today = toLocalDate(ctx.at);
  if (today < window.from || today > window.to) throw new RecognitionOutsideWindowError(today, window.from, window.to);
  const level = reviewedSheetOf(assessment, ctx).levelCode;
  return { set: { recognisedLevelCode: level }, changes: [{ field: 'recognisedLevel', before: assessment.recognisedLevelCode, after: level }], reason: null };
}
