import { type AuthUser, Role } from '@xaso/auth';
import { PlanForbiddenError } from '../domain/rearrangement-errors';

/** Who manages (creates, edits, validates, schedules, applies) a plan: ADMIN; PROVINCE_OFFICER of the plan's province. */
export function canManagePlan(user: AuthUser | null | undefined, provinceCode: string | null): boolean {
  if (!user) return false;
  if (user.roles.includes(Role.ADMIN)) return true;
  return provinceCode !== null && user.roles.includes(Role.PROVINCE_OFFICER) && user.unitCode === provinceCode;
}

export function assertCanManagePlan(user: AuthUser | null | undefined, provinceCode: string | null): void {
  if (!canManagePlan(user, provinceCode)) throw new PlanForbiddenError(provinceCode);
}
