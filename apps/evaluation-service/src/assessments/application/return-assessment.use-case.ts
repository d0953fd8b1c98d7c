import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';

/** The province returns the assessment to the commune for correction, with a reason. */
@Injectable()
export class ReturnAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string, reason: string): Promise<AssessmentView> {
    return this.steps.run(user, cycleId, unitCode, ({ assessment }) => [
      ...(assessment.state === 'SUBMITTED' ? [{ type: 'START_REVIEW' as const }] : []),
      { type: 'RETURN' as const, reason },
    ]);
  }
}
