import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { validatePlanAgainst } from '../domain/plan-validation';
import { PlanInvalidError, PlanNotFoundError, PlanTransitionError } from '../domain/rearrangement-errors';
import { assertCanManagePlan } from './plan-access';
import { type PlanValidationReport, validationReport } from './plan-validation-report';
import { PlanRegistry } from './plan-registry.port';
import { type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';

/**
 * Checks a DRAFT (or VALIDATED) plan against the registry around its effective date; clean → VALIDATED.
 * Problems → PLAN_INVALID with every problem (code, messages, entry, unit) in `details.problems`.
 */
@Injectable()
export class ValidatePlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly registry: PlanRegistry,
  ) {}

  async execute(planId: string, user: AuthUser | null): Promise<{ plan: PlanSummary; report: PlanValidationReport }> {
    return this.transactions.run(async () => {
      const plan = await this.plans.get(planId);
      if (!plan) throw new PlanNotFoundError(planId);
      if (user) assertCanManagePlan(user, plan.provinceCode);
      if (plan.status !== 'DRAFT' && plan.status !== 'VALIDATED') throw new PlanTransitionError(plan.status, 'VALIDATED');
      const snapshot = await this.registry.snapshotAround(plan.effectiveDate);
      const validation = validatePlanAgainst(plan, snapshot);
      if (validation.problems.length) throw new PlanInvalidError(planId, validation.problems);
      const summary = await this.plans.setStatus(planId, plan.status, 'VALIDATED');
      return { plan: summary, report: validationReport(plan, validation, snapshot) };
    });
  }
}
