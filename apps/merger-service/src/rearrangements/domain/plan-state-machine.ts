/**
 * A plan's life: DRAFT → VALIDATED → SCHEDULED → APPLYING → APPLIED, or FAILED → (retried) /
 * COMPENSATED / FAILED_TO_COMPENSATE. Pure.
 */
import type { PlanStatus } from './plan';
import { PlanTransitionError } from './rearrangement-errors';

export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  DRAFT: ['VALIDATED'],
  // An edit (new entry) sends a validated plan back to DRAFT; validation may run again.
  VALIDATED: ['DRAFT', 'VALIDATED', 'SCHEDULED'],
  // Unscheduling goes back to VALIDATED; the saga starts from SCHEDULED.
  SCHEDULED: ['VALIDATED', 'APPLYING'],
  APPLYING: ['APPLIED', 'FAILED', 'COMPENSATED', 'FAILED_TO_COMPENSATE'],
  // A failed step: retried (APPLYING) or rolled back.
  FAILED: ['APPLYING', 'COMPENSATED', 'FAILED_TO_COMPENSATE'],
  // Final: the successors carry on.
  APPLIED: [],
  // Rolled back: the registry and the records are as before; the plan may be edited again.
  COMPENSATED: ['DRAFT'],
  // Alerted, never swallowed: an operator retries the compensation.
  FAILED_TO_COMPENSATE: ['COMPENSATED', 'FAILED_TO_COMPENSATE'],
};

/** States in which the plan's entries may change. */
export const EDITABLE_STATUSES: readonly PlanStatus[] = ['DRAFT', 'VALIDATED', 'COMPENSATED'];

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_TRANSITIONS[from].includes(to);
}

/** Throws PLAN_TRANSITION_NOT_ALLOWED (409) unless `from → to` is allowed. */
export function assertTransition(from: PlanStatus, to: PlanStatus): void {
  if (!canTransition(from, to)) throw new PlanTransitionError(from, to);
}

export const isEditable = (status: PlanStatus): boolean => EDITABLE_STATUSES.includes(status);
