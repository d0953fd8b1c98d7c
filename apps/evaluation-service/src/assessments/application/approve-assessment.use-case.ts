import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';

/** The province approves the reviewed result. */
@Injectable()
export class ApproveAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string): Promise<AssessmentView> {
    return this.steps.run(user, cycleId, unitCode, ({ assessment }) => [
      ...(assessment.state === 'SUBMITTED' ? [{ type: 'START_REVIEW' as const }] : []),
      { type: 'APPROVE' as const },
    ]);
  }
}
