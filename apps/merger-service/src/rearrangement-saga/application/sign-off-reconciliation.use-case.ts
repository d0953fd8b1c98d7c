import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { problemsOf, reconcile } from '../domain/reconciliation';
import { PlanNotApplicableError, ReconciliationNotBalancedError } from '../domain/saga-errors';
import { managedPlan } from './saga-access';
import { SagaRepository } from './saga.repository.port';

/** The province signs the reconciliation of an applied plan off (recorded: who, when, note); refused while a row does not balance or a hash differs. */
@Injectable()
export class SignOffReconciliation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
  ) {}

  async execute(planId: string, note: string | null, user: AuthUser): Promise<void> {
    await this.transactions.run(async () => {
      const plan = await managedPlan(this.plans, planId, user);
      if (plan.status !== 'APPLIED') throw new PlanNotApplicableError(planId, plan.status, ['APPLIED']);
      const problems = problemsOf(reconcile(await this.saga.reportSources(planId, 'APPLY')));
      if (problems) throw new ReconciliationNotBalancedError(planId, problems);
      await this.saga.signOff(planId, user.sub, note);
    });
  }
}
