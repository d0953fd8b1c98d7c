import { AssessmentState, StepType } from './assessment';
import { StepOutOfOrderError } from './assessment-errors';

/**
 * The workflow: DRAFT → SUBMITTED → UNDER_REVIEW → RETURNED (→ DRAFT) | APPROVED → RECOGNISED,
 * and APPROVED → UNDER_REVIEW when the province undoes an approval before recognition.
 */
const TRANSITIONS: Readonly<Record<StepType, Readonly<Partial<Record<AssessmentState, AssessmentState>>>>> = {
  SAVE_SELF: { DRAFT: 'DRAFT', RETURNED: 'DRAFT' },
  REOPEN: { RETURNED: 'DRAFT' },
  SUBMIT: { DRAFT: 'SUBMITTED' },
  START_REVIEW: { SUBMITTED: 'UNDER_REVIEW' },
  REVIEW: { UNDER_REVIEW: 'UNDER_REVIEW' },
  RETURN: { UNDER_REVIEW: 'RETURNED' },
  APPROVE: { UNDER_REVIEW: 'APPROVED' },
  UNAPPROVE: { APPROVED: 'UNDER_REVIEW' },
  RECOGNISE: { APPROVED: 'RECOGNISED' },
};

/** The state `step` leads to from `state`, or a coded "out of order" error. */
export function nextState(step: StepType, state: AssessmentState): AssessmentState {
  const to = TRANSITIONS[step][state];
  if (!to) throw new StepOutOfOrderError(step, state, Object.keys(TRANSITIONS[step]) as AssessmentState[]);
  return to;
}

/** Steps possible from a state (for a client's buttons). */
export function stepsFrom(state: AssessmentState): StepType[] {
  return (Object.keys(TRANSITIONS) as StepType[]).filter((step) => TRANSITIONS[step][state] !== undefined);
}
