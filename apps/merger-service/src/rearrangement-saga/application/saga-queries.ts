import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { PlanNotFoundError } from '../../rearrangements/domain/rearrangement-errors';
import { type ReconciliationRow, problemsOf, reconcile } from '../domain/reconciliation';
import type { RunKind, SagaRun } from '../domain/saga';
import { SagaRunNotFoundError } from '../domain/saga-errors';
import { assertCanWorkQueue, managedPlan } from './saga-access';
import { type ReviewItem, SagaRepository } from './saga.repository.port';

export interface RearrangementProgress extends SagaRun {
  planStatus: string;
  /** Review items still open (flagged to the province). */
  reviewQueued: number;
}

/** Progress of a plan's application or dry run (item 8): the plan's status, each step's state, moved and total. */
@Injectable()
export class GetRearrangementProgress {
  constructor(private readonly plans: RearrangementPlanRepository, private readonly saga: SagaRepository) {}

  async execute(planId: string, kind: RunKind, user: AuthUser): Promise<RearrangementProgress> {
    const plan = await managedPlan(this.plans, planId, user);
    const run = await this.saga.run(planId, kind);
    if (!run) throw new SagaRunNotFoundError(planId, kind);
    const queued = kind === 'APPLY' ? await this.saga.openReviewCount(planId) : 0;
    return { ...run, planStatus: plan.status, reviewQueued: queued };
  }
}

export interface ReconciliationReport {
  planId: string;
  kind: RunKind;
  rows: ReconciliationRow[];
  balanced: boolean;
  problems: number;
  signedOffBy: string | null;
  signedOffAt: string | null;
}

/** The reconciliation report (item 7); with kind DRY_RUN the dry run's counts. */
@Injectable()
export class GetReconciliationReport {
  constructor(private readonly plans: RearrangementPlanRepository, private readonly saga: SagaRepository) {}

  async execute(planId: string, kind: RunKind, user: AuthUser): Promise<ReconciliationReport> {
    await managedPlan(this.plans, planId, user);
    const run = await this.saga.run(planId, kind);
    if (!run) throw new SagaRunNotFoundError(planId, kind);
    const rows = reconcile(await this.saga.reportSources(planId, kind));
    const problems = problemsOf(rows);
    return { planId, kind, rows, balanced: problems === 0, problems, signedOffBy: run.signedOffBy, signedOffAt: run.signedOffAt };
  }
}

/** A commune's review queue for a plan (officers of a candidate successor), or the whole queue (province, ADMIN): one keyset page. */
@Injectable()
export class ListReviewQueue {
  constructor(private readonly plans: RearrangementPlanRepository, private readonly saga: SagaRepository) {}

  async execute(planId: string, unitCode: string | null, page: KeysetPageRequest, user: AuthUser): Promise<KeysetSlice<ReviewItem>> {
    const plan = await this.plans.summary(planId);
    if (!plan) throw new PlanNotFoundError(planId);
    assertCanWorkQueue(user, plan, unitCode);
    return this.saga.reviewQueue(planId, unitCode, page);
  }
}
