import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { PlanFinalError, PlanNotApplicableError, SagaRunNotFoundError } from '../domain/saga-errors';
import { SagaCoordinator } from './saga-coordinator';
import { managedPlan } from './saga-access';
import { SagaRepository } from './saga.repository.port';

/** Rolls a plan back before it is final (APPLYING, FAILED; again after FAILED_TO_COMPENSATE): participants re-point the records, then the registry is reverted. */
@Injectable()
export class RollbackPlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
    private readonly coordinator: SagaCoordinator,
  ) {}

  async execute(planId: string, user: AuthUser): Promise<void> {
    await this.transactions.run(async () => {
      const plan = await managedPlan(this.plans, planId, user);
      await this.saga.lock(planId);
      if (plan.status === 'APPLIED') throw new PlanFinalError(planId);
      if (!['APPLYING', 'FAILED', 'FAILED_TO_COMPENSATE'].includes(plan.status)) {
        throw new PlanNotApplicableError(planId, plan.status, ['APPLYING', 'FAILED', 'FAILED_TO_COMPENSATE']);
      }
      const run = await this.saga.run(planId, 'APPLY');
      if (!run) throw new SagaRunNotFoundError(planId, 'APPLY');
      if (run.status === 'COMPENSATING') return;
      await this.coordinator.compensate(planId, plan.effectiveDate, `rolled back by ${user.sub}`);
    });
  }
}
