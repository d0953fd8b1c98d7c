import { Assessment, AssessmentStep } from './assessment';
import { ScorecardMismatchError } from './assessment-errors';
import { assertActorMay } from './actor';
import { nextState } from './transitions';
import { saveSelf, submit } from './self-assessment-steps';
import { approve, requireReason, review } from './review-steps';
import { recognise } from './recognise-step';
import { noChange, StepContext, StepOutcome } from './step-outcome';

function outcomeOf(assessment: Assessment, step: AssessmentStep, ctx: StepContext): StepOutcome {
  switch (step.type) {
    case 'SAVE_SELF':
      return saveSelf(assessment, step.entries, ctx);
    case 'SUBMIT':
      return submit(assessment, step.measured, ctx);
    case 'REVIEW':
      return review(assessment, step.entries, ctx);
    case 'RETURN':
    case 'UNAPPROVE':
      return { ...noChange(), reason: requireReason(step.type, step.reason) };
    case 'APPROVE':
      return approve(assessment, ctx);
    case 'RECOGNISE':
      return recognise(assessment, ctx);
    case 'REOPEN':
    case 'START_REVIEW':
      return noChange();
  }
}

/**
 * Applies one workflow step: order, then who may, then the step's own rules; returns the new
 * assessment with one more history entry. Pure: the caller persists it (and the history entry)
 * in one transaction and publishes the event.
 */
export function applyStep(assessment: Assessment, step: AssessmentStep, ctx: StepContext): Assessment {
  if (ctx.scorecard.code !== assessment.scorecardCode || ctx.scorecard.version !== assessment.scorecardVersion) {
    throw new ScorecardMismatchError(`${assessment.scorecardCode} v${assessment.scorecardVersion}`, `${ctx.scorecard.code} v${ctx.scorecard.version}`);
  }
  const to = nextState(step.type, assessment.state);
  assertActorMay(ctx.actor, step.type, assessment);
  const outcome = outcomeOf(assessment, step, ctx);
  return {
    ...assessment,
    ...outcome.set,
    state: to,
    history: [
      ...assessment.history,
      {
        seq: assessment.history.length + 1,
        step: step.type,
        from: assessment.state,
        to,
        actorId: ctx.actor.userId,
        at: ctx.at.toISOString(),
        changes: outcome.changes,
        reason: outcome.reason,
      },
    ],
  };
}
