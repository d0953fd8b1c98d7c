import { type AuthUser, hasRole } from './auth-user';
import { Role } from './role';

/**
 * The role sets the services guard with, named once. Two meanings that used to share the name
 * `STAFF`: government staff with a unit scope, and every non-citizen caller (which adds the
 * specialised agencies' systems, `AGENCY`, that handle dossiers for their own unit).
 */

/** Staff of one commune: act for their own commune only. */
export const COMMUNE_STAFF: readonly Role[] = [Role.OFFICER, Role.LEADER];

/** Government staff with a unit scope (commune or province) and administrators: who reads a unit's records. */
export const GOVERNMENT_STAFF: readonly Role[] = [...COMMUNE_STAFF, Role.PROVINCE_OFFICER, Role.ADMIN];

/** Every non-citizen caller: government staff and the specialised agencies' systems (`AGENCY`). */
export const STAFF_OR_AGENCY: readonly Role[] = [...GOVERNMENT_STAFF, Role.AGENCY];

/** Every role a token can carry. */
export const ANY_ROLE: readonly Role[] = [Role.CITIZEN, ...STAFF_OR_AGENCY];

export const isGovernmentStaff = (user: AuthUser | undefined | null): boolean => hasRole(user, ...GOVERNMENT_STAFF);
