import { type AuthUser, Role } from '@xaso/auth';
import { RearrangementPlanRepository, type PlanSummary } from '../../rearrangements/application/rearrangement-plan.repository.port';
import { assertCanManagePlan, canManagePlan } from '../../rearrangements/application/plan-access';
import { PlanNotFoundError } from '../../rearrangements/domain/rearrangement-errors';
import { SagaForbiddenError } from '../domain/saga-errors';

/** The plan, if it exists and the user manages it (ADMIN; the plan's province officer). */
export async function managedPlan(plans: RearrangementPlanRepository, planId: string, user: AuthUser | null | undefined): Promise<PlanSummary> {
  const plan = await plans.summary(planId);
  if (!plan) throw new PlanNotFoundError(planId);
  assertCanManagePlan(user, plan.provinceCode);
  return plan;
}

/** Officers and leaders of a commune work the queue of their commune (a candidate target); managers see all of it. */
export function assertCanWorkQueue(user: AuthUser | null | undefined, plan: PlanSummary, unitCode: string | null): void {
  if (canManagePlan(user, plan.provinceCode)) return;
  const commune = user && (user.roles.includes(Role.OFFICER) || user.roles.includes(Role.LEADER)) ? user.unitCode : undefined;
  if (!commune || !unitCode || commune !== unitCode) throw new SagaForbiddenError(`work the review queue of ${unitCode ?? 'every unit'}`);
}
