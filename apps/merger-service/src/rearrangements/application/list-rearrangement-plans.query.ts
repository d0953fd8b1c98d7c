import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import { type PlanListFilter, type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';

/** Plans, newest first, filtered by status and province. */
@Injectable()
export class ListRearrangementPlans {
  constructor(private readonly plans: RearrangementPlanRepository) {}

  execute(filter: PlanListFilter, page: KeysetPageRequest): Promise<KeysetSlice<PlanSummary>> {
    return this.plans.list(filter, page);
  }
}
