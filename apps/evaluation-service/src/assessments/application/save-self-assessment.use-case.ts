import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { AssessmentSteps } from './assessment-steps';
import type { AssessmentView } from './assessment-view';
import { manualEntriesOf } from './entries.schema';

/** The commune's officers fill or change MANUAL scores with evidence (a RETURNED assessment is reopened first). */
@Injectable()
export class SaveSelfAssessment {
  constructor(private readonly steps: AssessmentSteps) {}

  execute(user: AuthUser, cycleId: string, unitCode: string, entries: unknown): Promise<AssessmentView> {
    const parsed = manualEntriesOf(entries);
    return this.steps.run(user, cycleId, unitCode, ({ assessment }) => [
      ...(assessment.state === 'RETURNED' ? [{ type: 'REOPEN' as const }] : []),
      { type: 'SAVE_SELF' as const, entries: parsed },
    ]);
  }
}
