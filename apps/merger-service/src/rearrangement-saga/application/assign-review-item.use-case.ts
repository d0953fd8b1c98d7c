import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { PlanNotFoundError } from '../../rearrangements/domain/rearrangement-errors';
import { ReviewItemClosedError, ReviewItemNotFoundError, ReviewTargetNotCandidateError } from '../domain/saga-errors';
import { assertCanWorkQueue } from './saga-access';
import { SagaCoordinator } from './saga-coordinator';
import { type ReviewItem, SagaRepository } from './saga.repository.port';

/**
 * An officer of a candidate successor (or the province, ADMIN) decides where a divided unit's
 * record goes: the item is ASSIGNING until the participant moved it (ASSIGN command, reply →
 * ASSIGNED) and is counted as assigned in the reconciliation.
 */
@Injectable()
export class AssignReviewItem {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
    private readonly coordinator: SagaCoordinator,
  ) {}

  async execute(id: string, targetUnitCode: string, user: AuthUser): Promise<ReviewItem> {
    return this.transactions.run(async () => {
      const found = await this.saga.reviewItem(id);
      if (!found) throw new ReviewItemNotFoundError(id);
      const plan = await this.plans.summary(found.planId);
      if (!plan) throw new PlanNotFoundError(found.planId);
      // An officer of any candidate successor may decide; the target must be a candidate.
      const ownCandidate = found.candidateCodes.includes(user.unitCode ?? '') ? (user.unitCode ?? null) : targetUnitCode;
      assertCanWorkQueue(user, plan, ownCandidate);
      if (!found.candidateCodes.includes(targetUnitCode)) throw new ReviewTargetNotCandidateError(id, targetUnitCode, found.candidateCodes);
      await this.saga.lock(found.planId);
      const item = (await this.saga.reviewItem(id)) ?? found;
      if (item.status !== 'OPEN') throw new ReviewItemClosedError(id, item.status);
      await this.saga.setReviewItem(id, 'ASSIGNING', targetUnitCode, user.sub);
      const run = await this.saga.run(found.planId, 'APPLY');
      const step = run?.steps.find((s) => s.service === item.service && s.action === 'ASSIGN');
      await this.coordinator.issue(found.planId, plan.effectiveDate, 'ASSIGN', item.service, [[]], [
        { reviewItemId: id, recordType: item.recordType, recordId: item.recordId, sourceCode: item.sourceCode, targetCode: targetUnitCode },
      ], step?.chunks ?? 0);
      return { ...item, status: 'ASSIGNING', targetCode: targetUnitCode, assignedBy: user.sub };
    });
  }
}
