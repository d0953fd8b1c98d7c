import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@xaso/persistence';
import { UnitEventPublisher } from '../../units/application/unit-event-publisher.port';
import { UnitRepository } from '../../units/application/unit.repository.port';
import { unitKeyString } from '../../units/domain/unit';
import type { PlanStatus } from '../domain/plan';
import { registryChangeOf } from '../domain/registry-change';
import { PlanInvalidError } from '../domain/rearrangement-errors';
import { validatePlanAgainst } from '../domain/plan-validation';
import { isEmptyChange, PlanRegistry } from './plan-registry.port';
import { RearrangementPlanRepository } from './rearrangement-plan.repository.port';
import { announceUnits, lockedPlanIn } from './registry-step-support';

/** States in which the saga applies a plan's registry step (first run, or a retry after a failed step). */
export const REGISTRY_APPLY_STATES: readonly PlanStatus[] = ['APPLYING', 'FAILED'];

export interface RegistryStepResult {
  planId: string;
  /** Versions ended, inserted and links written by THIS call (all 0 when it had already been done). */
  ended: number;
  created: number;
  links: number;
  /** Events written to the outbox (`admin-units.upserted` chunks, or `admin-units.withdrawn` on revert). */
  events: number;
  /** Nothing was left to do: the registry already showed the plan's effect (or, on revert, never did). */
  alreadyDone: boolean;
}

/**
 * The saga's first step, merger's own: versions the registry for a plan in ONE transaction. Old
 * versions end the day before the effective date, new ones start on it, links are written, and the
 * units whose rows changed travel to every replica as `admin-units.upserted` through the outbox
 * (same transaction). Idempotent: a second call finds nothing to write and publishes nothing.
 * The plan is validated again against the registry as it is now (PLAN_INVALID otherwise).
 */
@Injectable()
export class ApplyPlanToRegistry {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly registry: PlanRegistry,
    private readonly units: UnitRepository,
    private readonly events: UnitEventPublisher,
  ) {}

  async execute(planId: string, options: { allowedStates?: readonly PlanStatus[] } = {}): Promise<RegistryStepResult> {
    return this.transactions.run(async () => {
      const plan = await lockedPlanIn(this.registry, planId, (id) => this.plans.get(id), options.allowedStates ?? REGISTRY_APPLY_STATES, 'APPLIED');
      const snapshot = await this.registry.snapshotAround(plan.effectiveDate);
      const validation = validatePlanAgainst(plan, snapshot);
      if (validation.problems.length) throw new PlanInvalidError(planId, validation.problems);
      const applied = await this.registry.apply(registryChangeOf(validation.compiled, snapshot));
      if (isEmptyChange(applied)) return { planId, ended: 0, created: 0, links: 0, events: 0, alreadyDone: true };
      await this.registry.recordApplied(planId, applied);
      const changed = new Map(
        [...applied.ended, ...applied.inserted, ...applied.links.map((l) => ({ code: l.predecessorCode, validFrom: l.predecessorValidFrom }))].map((k) => [
          unitKeyString(k),
          { code: k.code, validFrom: k.validFrom },
        ]),
      );
      const events = await announceUnits(this.units, this.events, [...changed.values()]);
      return { planId, ended: applied.ended.length, created: applied.inserted.length, links: applied.links.length, events, alreadyDone: false };
    });
  }
}
