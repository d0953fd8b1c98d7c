import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';

/** The province leader recognises an approved result in January, with its level (none below every band). */
@Injectable()
export class RecogniseAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string): Promise<AssessmentView> {
    return this.steps.run(user, cycleId, unitCode, () => [{ type: 'RECOGNISE' as const }]);
  }
}
