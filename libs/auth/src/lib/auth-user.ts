import type { Role } from './role';

/** The authenticated caller, built from a verified token's claims. */
export interface AuthUser {
  /** Subject (`sub` claim): stable user id from the identity provider. */
  sub: string;
  roles: Role[];
  /** Unit the user works for: a commune code for OFFICER/LEADER, a province code for PROVINCE_OFFICER. */
  unitCode?: string;
  /** Citizen identity number (12 digits, CCCD). Personal data: never log it. */
  idNumber?: string;
  name?: string;
}

export function hasRole(user: AuthUser | undefined | null, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}
