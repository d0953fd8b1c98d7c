import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { assertUnitScope } from '../../common/application/record-unit';
import { translated } from '../../petitions/application/petition.config';
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
  ) {}

  execute(user: AuthUser, input: MediationOutcomeUpdate & { id: string }): Promise<MediationCase> {
    return translated(async () => {
      const updated = await this.transactions.run(async () => {
        const c = await this.cases.findForUpdate(input.id);
        if (!c) return null;
        assertUnitScope(user, c.unitCode);
        const next = updateMediationOutcome(c, input);
        await this.cases.saveOutcome(next);
        return next;
      });
      if (!updated) throw new NotFoundError('MediationCase', 'vụ việc hòa giải', input.id);
      return updated;
    });
  }
}
