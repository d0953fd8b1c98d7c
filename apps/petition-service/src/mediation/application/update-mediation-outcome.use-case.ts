import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@xaso/api';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { updateMediationOutcome, type MediationCase, type MediationOutcomeUpdate } from '../domain/mediation';
import { MediationRepository } from './mediation.repository.port';

/**
 * Records the outcome of a pending mediation (or a note), or re-opens a successful one whose
 * agreement was not carried out: loaded row-locked, changed and saved in one transaction.
 */
@Injectable()
export class UpdateMediationOutcome {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: MediationRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, input: MediationOutcomeUpdate & { id: string }): Promise<MediationCase> {
    const updated = await this.transactions.run(async () => {
      const c = await this.cases.findForUpdate(input.id);
      if (!c) return null;
      await this.scope.assert(user, c.unitCode);
      const next = updateMediationOutcome(c, input);
      await this.cases.saveOutcome(next);
      return next;
    });
    if (!updated) throw new NotFoundError('MediationCase', 'vụ việc hòa giải', input.id);
    return updated;
  }
}
