import { Injectable } from '@nestjs/common';
import { ADMIN_UNITS_CHUNK_SIZE, adminUnitsWithdrawn } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { UnitEventPublisher } from '../../units/application/unit-event-publisher.port';
import { UNIT_REGISTRY_AGGREGATE_ID } from '../../units/application/unit-events';
import { UnitRepository } from '../../units/application/unit.repository.port';
import type { PlanStatus } from '../domain/plan';
import type { RegistryStepResult } from './apply-plan-to-registry.use-case';
import { PlanRegistry } from './plan-registry.port';
import { RearrangementPlanRepository } from './rearrangement-plan.repository.port';
import { announceUnits, lockedPlanIn } from './registry-step-support';

/** States in which the saga compensates the registry step (before the plan is final). */
export const REGISTRY_REVERT_STATES: readonly PlanStatus[] = ['APPLYING', 'FAILED', 'FAILED_TO_COMPENSATE'];

/**
 * The compensation of ApplyPlanToRegistry, before the plan is final: undoes exactly what the
 * application wrote (kept per plan) in one transaction — its links and versions deleted, the old
 * versions' validTo restored — and tells the replicas (`admin-units.withdrawn` for the removed
 * versions, `admin-units.upserted` for the restored ones). Idempotent; a plan whose effect was
 * imported (nothing written by an application) has nothing to revert.
 */
@Injectable()
export class RevertPlanInRegistry {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
    private readonly registry: PlanRegistry,
    private readonly units: UnitRepository,
    private readonly events: UnitEventPublisher,
  ) {}

  async execute(planId: string, options: { allowedStates?: readonly PlanStatus[] } = {}): Promise<RegistryStepResult> {
    return this.transactions.run(async () => {
      await lockedPlanIn(this.registry, planId, (id) => this.plans.summary(id), options.allowedStates ?? REGISTRY_REVERT_STATES, 'COMPENSATED');
      const applied = await this.registry.appliedOf(planId);
      if (!applied) return { planId, ended: 0, created: 0, links: 0, events: 0, alreadyDone: true };
      await this.registry.revert(applied);
      await this.registry.forgetApplied(planId);
      let events = 0;
      for (let i = 0; i < applied.inserted.length; i += ADMIN_UNITS_CHUNK_SIZE) {
        const chunk = applied.inserted.slice(i, i + ADMIN_UNITS_CHUNK_SIZE);
        await this.events.publish({
          definition: adminUnitsWithdrawn,
          aggregateType: 'AdministrativeUnitRegistry',
          aggregateId: UNIT_REGISTRY_AGGREGATE_ID,
          unitCode: chunk.length === 1 ? chunk[0].code : null,
          payload: { units: chunk.map((k) => ({ code: k.code, validFrom: k.validFrom })), planId },
        });
        events += 1;
      }
      const inserted = new Set(applied.inserted.map((k) => `${k.code}@${k.validFrom}`));
      const restored = [...applied.ended, ...applied.links.map((l) => ({ code: l.predecessorCode, validFrom: l.predecessorValidFrom }))]
        .filter((k) => !inserted.has(`${k.code}@${k.validFrom}`));
      events += await announceUnits(this.units, this.events, restored);
      return { planId, ended: applied.ended.length, created: applied.inserted.length, links: applied.links.length, events, alreadyDone: false };
    });
  }
}
