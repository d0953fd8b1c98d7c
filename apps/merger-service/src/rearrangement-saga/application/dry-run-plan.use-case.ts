import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { RearrangementPlanRepository } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { PlanNotFoundError } from '../../rearrangements/domain/rearrangement-errors';
import { PlanUnitMoves } from '../../rearrangements/application/plan-unit-moves';
import { chunked } from '../domain/saga';
import { SagaCoordinator } from './saga-coordinator';
import { managedPlan } from './saga-access';
import { SagaRepository } from './saga.repository.port';

/** Dry run (item 2): every participant counts what would move per source → target, by rule and to review; nothing is written. */
@Injectable()
export class DryRunPlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly saga: SagaRepository,
    private readonly coordinator: SagaCoordinator,
    private readonly moves: PlanUnitMoves,
  ) {}

  async execute(planId: string, user: AuthUser): Promise<void> {
    await this.transactions.run(async () => {
      await managedPlan(this.plans, planId, user);
      await this.saga.lock(planId);
      const plan = await this.plans.get(planId);
      if (!plan) throw new PlanNotFoundError(planId);
      await this.saga.startRun(planId, 'DRY_RUN', user.sub);
      const chunks = chunked(await this.moves.of(plan), this.coordinator.settings.chunkUnits);
      for (const service of this.coordinator.settings.participants) await this.coordinator.issue(planId, plan.effectiveDate, 'DRY_RUN', service, chunks);
      await this.coordinator.advance(planId, 'DRY_RUN');
    });
  }
}
