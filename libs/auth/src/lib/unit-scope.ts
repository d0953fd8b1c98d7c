import { outOfUnitScope } from './auth-errors';
import type { AuthUser } from './auth-user';
import { Role } from './role';

export interface UnitScopeOptions {
  /** Province code of the unit being accessed (needed for PROVINCE_OFFICER access to a commune). */
  provinceCodeOfUnit?: string;
}

/**
 * Whether the user may act on the administrative unit `unitCode`:
 * ADMIN everything; OFFICER/LEADER only their own unit; PROVINCE_OFFICER their province and
 * any unit whose province (given by the caller) is theirs; CITIZEN/AGENCY get no unit scope.
 */
export function canAccessUnit(
  user: AuthUser | undefined | null,
  unitCode: string,
  options: UnitScopeOptions = {},
): boolean {
  if (!user) return false;
  const roles = user.roles;
  if (roles.includes(Role.ADMIN)) return true;
  const own = user.unitCode;
  if (!own) return false;
  if ((roles.includes(Role.OFFICER) || roles.includes(Role.LEADER)) && own === unitCode) return true;
  if (roles.includes(Role.PROVINCE_OFFICER)) {
    if (own === unitCode) return true;
    if (options.provinceCodeOfUnit !== undefined && options.provinceCodeOfUnit === own) return true;
  }
  return false;
}

/** Throws ForbiddenException `OUT_OF_UNIT_SCOPE` unless `canAccessUnit`. */
export function assertUnitScope(
  user: AuthUser | undefined | null,
  unitCode: string,
  options: UnitScopeOptions = {},
): void {
  if (!canAccessUnit(user, unitCode, options)) throw outOfUnitScope(unitCode);
}
