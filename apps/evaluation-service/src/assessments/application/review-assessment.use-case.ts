import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';
import { reviewEntriesOf } from './entries.schema';

/** The province reviews: reviewed points per indicator with a comment (a SUBMITTED assessment is taken under review first). */
@Injectable()
export class ReviewAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string, entries: unknown): Promise<AssessmentView> {
    const parsed = reviewEntriesOf(entries);
    return this.steps.run(user, cycleId, unitCode, ({ assessment }) => [
      ...(assessment.state === 'SUBMITTED' ? [{ type: 'START_REVIEW' as const }] : []),
      { type: 'REVIEW' as const, entries: parsed },
    ]);
  }
}
