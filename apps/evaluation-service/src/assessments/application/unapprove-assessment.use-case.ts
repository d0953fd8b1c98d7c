import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';

/** The province undoes an approval before recognition, with a reason (back under review). */
@Injectable()
export class UnapproveAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string, reason: string): Promise<AssessmentView> {
    return this.steps.run(user, cycleId, unitCode, () => [{ type: 'UNAPPROVE' as const, reason }]);
  }
}
