import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import { type IndexedEntry, type PlanSummary, RearrangementPlanRepository } from './rearrangement-plan.repository.port';

/** One plan's header, or null. */
@Injectable()
export class GetRearrangementPlan {
  constructor(private readonly plans: RearrangementPlanRepository) {}

  execute(id: string): Promise<PlanSummary | null> {
    return this.plans.summary(id);
  }

  entries(id: string, page: KeysetPageRequest): Promise<KeysetSlice<IndexedEntry>> {
    return this.plans.entries(id, page);
  }
}
