import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { validatePlanAgainst } from '../domain/plan-validation';
import { PlanInvalidError, PlanNotFoundError } from '../domain/rearrangement-errors';
import { assertCanManagePlan } from './plan-access';
import { PlanRegistry } from './plan-registry.port';
import { type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';

/** VALIDATED → SCHEDULED, after checking once more that the registry has not moved under the plan. */
@Injectable()
export class SchedulePlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly registry: PlanRegistry,
  ) {}

  async execute(planId: string, user: AuthUser): Promise<PlanSummary> {
    return this.transactions.run(async () => {
      const plan = await this.plans.get(planId);
      if (!plan) throw new PlanNotFoundError(planId);
      assertCanManagePlan(user, plan.provinceCode);
      if (plan.status === 'VALIDATED') {
        const { problems } = validatePlanAgainst(plan, await this.registry.snapshotAround(plan.effectiveDate));
        if (problems.length) throw new PlanInvalidError(planId, problems);
      }
      return this.plans.setStatus(planId, plan.status, 'SCHEDULED');
    });
  }
}
