import type { AuthUser } from './auth-user';
import { Role } from './role';
import { assertUnitScope, canAccessUnit } from './unit-scope';

const user = (roles: Role[], unitCode?: string): AuthUser => ({ sub: 'u', roles, ...(unitCode ? { unitCode } : {}) });

describe('unit scope', () => {
  // [who, unit, provinceCodeOfUnit, expected]
  const table: Array<[string, AuthUser | undefined, string, string | undefined, boolean]> = [
    ['admin, any unit', user([Role.ADMIN]), '00004', undefined, true],
    ['admin, a province', user([Role.ADMIN]), '01', undefined, true],
    ['officer, own commune', user([Role.OFFICER], '00004'), '00004', '01', true],
    ['officer, other commune', user([Role.OFFICER], '00004'), '00008', '01', false],
    ['officer, own province', user([Role.OFFICER], '00004'), '01', undefined, false],
    ['leader, own commune', user([Role.LEADER], '00004'), '00004', undefined, true],
    ['leader, other commune', user([Role.LEADER], '00004'), '00007', undefined, false],
    ['officer without unit', user([Role.OFFICER]), '00004', undefined, false],
    ['province officer, own province code', user([Role.PROVINCE_OFFICER], '01'), '01', undefined, true],
    ['province officer, commune in province', user([Role.PROVINCE_OFFICER], '01'), '00004', '01', true],
    ['province officer, commune elsewhere', user([Role.PROVINCE_OFFICER], '01'), '04321', '15', false],
    ['province officer, commune, province unknown', user([Role.PROVINCE_OFFICER], '01'), '00004', undefined, false],
    ['province officer, other province', user([Role.PROVINCE_OFFICER], '01'), '15', undefined, false],
    ['citizen with a unit claim', user([Role.CITIZEN], '00004'), '00004', '01', false],
    ['agency with a unit claim', user([Role.AGENCY], '00004'), '00004', '01', false],
    ['citizen + officer roles', user([Role.CITIZEN, Role.OFFICER], '00004'), '00004', undefined, true],
    ['nobody', undefined, '00004', undefined, false],
  ];

  it.each(table)('%s', (_name, who, unit, province, expected) => {
    const options = province ? { provinceCodeOfUnit: province } : {};
    expect(canAccessUnit(who, unit, options)).toBe(expected);
    if (expected) {
      expect(() => assertUnitScope(who, unit, options)).not.toThrow();
    } else {
      let thrown: unknown;
      try {
        assertUnitScope(who, unit, options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ status: 403, response: expect.objectContaining({ code: 'OUT_OF_UNIT_SCOPE' }) });
    }
  });
});
