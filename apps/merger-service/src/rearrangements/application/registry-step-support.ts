import { UnitEventPublisher } from '../../units/application/unit-event-publisher.port';
import { unitsUpsertedEvents } from '../../units/application/unit-events';
import { UnitRepository } from '../../units/application/unit.repository.port';
import type { PlanStatus } from '../domain/plan';
import { PlanNotFoundError, PlanTransitionError } from '../domain/rearrangement-errors';
import { PlanRegistry } from './plan-registry.port';

/**
 * The start of a registry step, inside its transaction: the registry lock first (steps of two plans
 * never interleave), then the plan, which must be in one of `allowed` states to move towards `next`.
 */
export async function lockedPlanIn<P extends { status: PlanStatus }>(
  registry: PlanRegistry,
  planId: string,
  load: (planId: string) => Promise<P | null>,
  allowed: readonly PlanStatus[],
  next: PlanStatus,
): Promise<P> {
  await registry.lock();
  const plan = await load(planId);
  if (!plan) throw new PlanNotFoundError(planId);
  if (!allowed.includes(plan.status)) throw new PlanTransitionError(plan.status, next);
  return plan;
}

/** Tells every replica about these unit versions (with their successors): `admin-units.upserted` chunks through the outbox. Returns how many events. */
export async function announceUnits(units: UnitRepository, events: UnitEventPublisher, keys: readonly { code: string; validFrom: string }[]): Promise<number> {
  const drafts = unitsUpsertedEvents(await units.withSuccessors([...keys]));
  for (const draft of drafts) await events.publish(draft);
  return drafts.length;
}
