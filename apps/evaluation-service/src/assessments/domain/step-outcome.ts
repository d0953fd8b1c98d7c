import { Scorecard } from '../../scorecards/domain/scorecard';
import { Assessment, FieldChange } from './assessment';
import { Actor } from './actor';
import { RecognitionWindow } from './deadlines';

/** What a step needs besides the assessment: the (frozen) scorecard, who acts, when. */
export interface StepContext {
  readonly scorecard: Scorecard;
  readonly actor: Actor;
  readonly at: Date;
  /** Overrides the default January-of-next-year recognition window. */
  readonly recognitionWindow?: RecognitionWindow;
}

/** The fields a step sets, what changed (for the history) and the reason given, if any. */
export interface StepOutcome {
  readonly set: Partial<Pick<Assessment, 'manual' | 'measured' | 'submittedOn' | 'reviews' | 'recognisedLevelCode'>>;
  readonly changes: readonly FieldChange[];
  readonly reason: string | null;
}

export function noChange(): StepOutcome {
  return { set: {}, changes: [], reason: null };
}
