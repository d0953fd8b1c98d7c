import type { AuthUser } from './auth-user';
import { Role } from './role';
import { ANY_ROLE, COMMUNE_STAFF, GOVERNMENT_STAFF, isGovernmentStaff, STAFF_OR_AGENCY } from './role-sets';
import { OutOfUnitScopeError, UnitProvinces, UnitScope } from './unit-scope.service';

const user = (roles: Role[], unitCode?: string): AuthUser => ({ sub: 'u', roles, ...(unitCode ? { unitCode } : {}) });

/** Two provinces: 01 (communes 00004, 00008) and 15 (04321). */
class TwoProvinces extends UnitProvinces {
  readonly asked: string[] = [];
  async provinceOf(unitCode: string): Promise<string | undefined> {
    this.asked.push(unitCode);
    return ({ '00004': '01', '00008': '01', '04321': '15' } as Record<string, string>)[unitCode];
  }
}

describe('UnitScope', () => {
  const provinces = new TwoProvinces();
  const scope = new UnitScope(provinces);

  it.each<[string, AuthUser | undefined, string, boolean]>([
    ['admin, any unit', user([Role.ADMIN]), '04321', true],
    ['officer, own commune', user([Role.OFFICER], '00004'), '00004', true],
    ['officer, other commune of the same province', user([Role.OFFICER], '00004'), '00008', false],
    ['leader, other commune', user([Role.LEADER], '00004'), '04321', false],
    ['province officer, commune in the province', user([Role.PROVINCE_OFFICER], '01'), '00008', true],
    ['province officer, commune of another province', user([Role.PROVINCE_OFFICER], '01'), '04321', false],
    ['province officer, unknown commune', user([Role.PROVINCE_OFFICER], '01'), '99999', false],
    ['agency, its own unit', user([Role.AGENCY], '00004'), '00004', true],
    ['agency, another unit', user([Role.AGENCY], '00004'), '00008', false],
    ['citizen with a unit claim', user([Role.CITIZEN], '00004'), '00004', false],
    ['nobody', undefined, '00004', false],
  ])('%s', async (_name, who, unitCode, expected) => {
    await expect(scope.canAccess(who, unitCode)).resolves.toBe(expected);
    if (expected) await expect(scope.assert(who, unitCode)).resolves.toBeUndefined();
    else await expect(scope.assert(who, unitCode)).rejects.toMatchObject({ code: 'OUT_OF_UNIT_SCOPE', httpStatus: 403, details: { unitCode } });
  });

  it('asks for the province only for a province officer outside their own code', async () => {
    provinces.asked.length = 0;
    await scope.canAccess(user([Role.OFFICER], '00004'), '00008');
    await scope.canAccess(user([Role.PROVINCE_OFFICER], '01'), '01');
    expect(provinces.asked).toEqual([]);
    await scope.canAccess(user([Role.PROVINCE_OFFICER], '01'), '00008');
    expect(provinces.asked).toEqual(['00008']);
  });

  it('refuses with a bilingual DomainError', async () => {
    const error = await scope.assert(user([Role.OFFICER], '00004'), '00008').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfUnitScopeError);
    expect(error).toMatchObject({ messageEn: expect.stringContaining('00008'), messageVi: expect.stringContaining('00008'), kind: 'forbidden' });
  });
});

describe('role sets', () => {
  it('names the two meanings of "staff": government staff with a unit scope, and every non-citizen caller', () => {
    expect([...COMMUNE_STAFF]).toEqual([Role.OFFICER, Role.LEADER]);
    expect([...GOVERNMENT_STAFF].sort()).toEqual([Role.ADMIN, Role.LEADER, Role.OFFICER, Role.PROVINCE_OFFICER]);
    expect([...STAFF_OR_AGENCY].sort()).toEqual([...GOVERNMENT_STAFF, Role.AGENCY].sort());
    expect([...ANY_ROLE].sort()).toEqual(Object.values(Role).sort());
    expect(isGovernmentStaff(user([Role.AGENCY], '00004'))).toBe(false);
    expect(isGovernmentStaff(user([Role.CITIZEN, Role.PROVINCE_OFFICER], '01'))).toBe(true);
  });
});
