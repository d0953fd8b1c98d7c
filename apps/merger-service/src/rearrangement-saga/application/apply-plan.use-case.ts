import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { ApplyPlanToRegistry } from '../../rearrangements/application/apply-plan-to-registry.use-case';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { PlanNotFoundError } from '../../rearrangements/domain/rearrangement-errors';
import { PlanUnitMoves } from '../../rearrangements/application/plan-unit-moves';
import { chunked } from '../domain/saga';
import { PlanNotApplicableError } from '../domain/saga-errors';
import { SagaCoordinator } from './saga-coordinator';
import { managedPlan } from './saga-access';
import { SagaRepository } from './saga.repository.port';

/**
 * Applies a scheduled plan (item 3), in one transaction: SCHEDULED → APPLYING, merger's registry
 * step (ApplyPlanToRegistry: versions, links, unit events), then every participant's APPLY
 * commands through the outbox. Replies move the run on (SagaCoordinator.advance).
 */
@Injectable()
export class ApplyPlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
    private readonly registry: ApplyPlanToRegistry,
    private readonly coordinator: SagaCoordinator,
    private readonly moves: PlanUnitMoves,
  ) {}

  async execute(planId: string, user: AuthUser): Promise<void> {
    await this.transactions.run(async () => {
      const summary = await managedPlan(this.plans, planId, user);
      await this.saga.lock(planId);
      if (summary.status !== 'SCHEDULED') throw new PlanNotApplicableError(planId, summary.status, ['SCHEDULED']);
      await this.plans.setStatus(planId, 'SCHEDULED', 'APPLYING');
      const plan = await this.plans.get(planId);
      if (!plan) throw new PlanNotFoundError(planId);
      await this.saga.startRun(planId, 'APPLY', user.sub);
      const step = await this.registry.execute(planId);
      const units = step.ended + step.created;
      await this.saga.upsertStep({ planId, kind: 'APPLY', service: 'merger', action: 'REGISTRY' }, 'DONE', { chunks: 1, moved: units, total: units });
      const chunks = chunked(await this.moves.of(plan), this.coordinator.settings.chunkUnits);
      for (const service of this.coordinator.settings.participants) await this.coordinator.issue(planId, plan.effectiveDate, 'APPLY', service, chunks);
      await this.coordinator.advance(planId, 'APPLY');
    });
  }
}
