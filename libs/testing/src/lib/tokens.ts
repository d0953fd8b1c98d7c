import { issueDevToken, Role } from '@xaso/auth';

/**
 * Development tokens for each role, signed like the dev issuer's (`POST /auth/dev/token`) with the
 * test's secret (else AUTH_DEV_SECRET, else the dev default): one line per user in a test.
 */
export interface TestTokens {
  citizen(sub?: string, identity?: { idNumber?: string; name?: string }): Promise<string>;
  officer(unitCode: string, sub?: string): Promise<string>;
  leader(unitCode: string, sub?: string): Promise<string>;
  provinceOfficer(provinceCode: string, sub?: string): Promise<string>;
  agency(sub?: string): Promise<string>;
  admin(sub?: string): Promise<string>;
}

export function testTokens(secret?: string): TestTokens {
  const sign = (role: Role, sub: string, extra: { unitCode?: string; idNumber?: string; name?: string } = {}) =>
    issueDevToken({ role, sub, ...extra }, secret);
  return {
    citizen: (sub = 'citizen-1', identity = {}) => sign(Role.CITIZEN, sub, identity),
    officer: (unitCode, sub = `officer-${unitCode}`) => sign(Role.OFFICER, sub, { unitCode }),
    leader: (unitCode, sub = `leader-${unitCode}`) => sign(Role.LEADER, sub, { unitCode }),
    provinceOfficer: (provinceCode, sub = `province-officer-${provinceCode}`) => sign(Role.PROVINCE_OFFICER, sub, { unitCode: provinceCode }),
    agency: (sub = 'agency-1') => sign(Role.AGENCY, sub),
    admin: (sub = 'admin-1') => sign(Role.ADMIN, sub),
  };
}

/** The Authorization header value for a token. */
export const bearer = (token: string): string => `Bearer ${token}`;
