import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { checkPlanEntry } from '../domain/plan-entry-shape';
import type { PlanProblemCode } from '../domain/plan-problems';
import { isEditable } from '../domain/plan-state-machine';
import { validatePlanAgainst } from '../domain/plan-validation';
import { PlanEntryRejectedError, PlanNotEditableError, PlanNotFoundError } from '../domain/rearrangement-errors';
import { assertCanManagePlan } from './plan-access';
import { PlanRegistry } from './plan-registry.port';
import { type IndexedEntry, type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';

/** Problems an entry has on its own, whatever entries come later (the rest waits for validatePlan). */
const LOCAL_PROBLEMS: readonly PlanProblemCode[] = [
  'SOURCE_NOT_IN_FORCE',
  'SOURCE_IN_SEVERAL_ENTRIES',
  'DUPLICATE_TARGET',
  'TARGET_CODE_CLASH',
  'TYPE_NOT_OF_LEVEL',
  'OUTSIDE_PLAN_PROVINCE',
  'VILLAGE_NOT_OF_SOURCE',
];

/**
 * Adds one entry to an editable plan. The entry's own problems are answered at once, with their
 * codes (SOURCE_NOT_IN_FORCE, TARGET_CODE_CLASH, ...); a VALIDATED plan goes back to DRAFT.
 */
@Injectable()
export class AddPlanEntry {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly registry: PlanRegistry,
  ) {}

  async execute(planId: string, input: Record<string, unknown>, user: AuthUser): Promise<{ plan: PlanSummary; entry: IndexedEntry }> {
    const entry = checkPlanEntry(input);
    return this.transactions.run(async () => {
      const plan = await this.plans.get(planId);
      if (!plan) throw new PlanNotFoundError(planId);
      assertCanManagePlan(user, plan.provinceCode);
      if (!isEditable(plan.status)) throw new PlanNotEditableError(planId, plan.status);
      const index = plan.entries.length;
      const snapshot = await this.registry.snapshotAround(plan.effectiveDate);
      const { problems } = validatePlanAgainst({ ...plan, entries: [...plan.entries, entry] }, snapshot);
      const own = problems.filter((p) => p.entryIndex === index && LOCAL_PROBLEMS.includes(p.code));
      if (own.length) throw new PlanEntryRejectedError(own[0], own);
      let status = plan.status;
      if (status !== 'DRAFT') status = (await this.plans.setStatus(planId, status, 'DRAFT')).status;
      const summary = await this.plans.appendEntries(planId, status, [entry]);
      return { plan: summary, entry: { index, entry } };
    });
  }
}
