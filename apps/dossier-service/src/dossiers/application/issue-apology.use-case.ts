import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { dossierApologyIssued } from '@xaso/contracts';
import type { DossierRecord } from './dossier.records';
import { DossierTransitionRunner } from './dossier-transition-runner';

/** A written apology with a new appointment date (the domain allows it once, no later than allowed). */
@Injectable()
export class IssueApology {
  constructor(private readonly runner: DossierTransitionRunner) {}

  execute(user: AuthUser, code: string, reason: string, newDueAt: Date): Promise<DossierRecord> {
    return this.runner.run(user, code, { type: 'ISSUE_APOLOGY', note: reason, newDueAt }, dossierApologyIssued, {
      after: async (d) => ({
        reason,
        originalDueAt: d.apology!.previousDueAt.toISOString(),
        newDueAt: d.apology!.newDueAt.toISOString(),
      }),
    });
  }
}
