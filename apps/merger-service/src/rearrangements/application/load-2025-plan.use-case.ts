import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import type { CsvRecord } from '../../units/domain/import-plan';
import { PLAN_2025, plan2025Entries } from '../domain/plan-2025';
import { ApplyPlanToRegistry } from './apply-plan-to-registry.use-case';
import { CreateRearrangementPlan } from './create-rearrangement-plan.use-case';
import type { PlanValidationReport } from './plan-validation-report';
import { type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';
import { ValidatePlan } from './validate-plan.use-case';

export interface Load2025Input {
  legacy: CsvRecord[];
  current: CsvRecord[];
  rearrangement: CsvRecord[];
  user: AuthUser;
}

export interface Load2025Result {
  plan: PlanSummary;
  /** null when the plan had been loaded before (the same plan is answered). */
  report: PlanValidationReport | null;
  created: boolean;
}

/**
 * The real 2025 rearrangement as a plan, from the repository's data (data/admin-units), validated
 * against the registry as it was on 2025-06-30. When the registry already holds 2025 as imported
 * history (the usual case: the import loads both structures), the plan goes
 * VALIDATED → SCHEDULED → APPLYING → APPLIED with `imported: true`: its registry step finds every
 * version and link in place and writes nothing. On a registry holding only the legacy units, it
 * stays VALIDATED for the saga to apply. Loading twice answers the plan loaded first.
 */
@Injectable()
export class Load2025Plan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly create: CreateRearrangementPlan,
    private readonly validate: ValidatePlan,
    private readonly applyToRegistry: ApplyPlanToRegistry,
  ) {}

  async execute(input: Load2025Input): Promise<Load2025Result> {
    return this.transactions.run(async () => {
      const existing = await this.plans.findByResolution(PLAN_2025.legalBasis.resolutionNumber, PLAN_2025.effectiveDate);
      if (existing) return { plan: existing, report: null, created: false };
      const entries = plan2025Entries(input.legacy, input.current, input.rearrangement);
      const draft = await this.create.execute({
        ...PLAN_2025.legalBasis,
        effectiveDate: PLAN_2025.effectiveDate,
        provinceCode: null,
        title: PLAN_2025.title,
        entries: entries as unknown as Record<string, unknown>[],
        user: input.user,
        imported: false,
      });
      const { plan, report } = await this.validate.execute(draft.id, input.user);
      if (!report.alreadyInRegistry) return { plan, report, created: true };
      await this.plans.setStatus(plan.id, 'VALIDATED', 'SCHEDULED');
      await this.plans.setStatus(plan.id, 'SCHEDULED', 'APPLYING');
      await this.applyToRegistry.execute(plan.id);
      await this.plans.markImported(plan.id);
      const applied = await this.plans.setStatus(plan.id, 'APPLYING', 'APPLIED');
      return { plan: applied, report, created: true };
    });
  }
}
