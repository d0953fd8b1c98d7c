import { Injectable } from '@nestjs/common';
import { DomainError } from '@xaso/errors';
import type { AuthUser } from './auth-user';
import { Role } from './role';
import { canAccessUnit } from './unit-scope';

/**
 * Port: the province an administrative unit belongs to (undefined when unknown). The unit
 * replica (`@xaso/unit-replica`) implements it; a service binds it in its module.
 */
export abstract class UnitProvinces {
  abstract provinceOf(unitCode: string): Promise<string | undefined>;
}

export class OutOfUnitScopeError extends DomainError {
  constructor(unitCode: string) {
    super(
      'OUT_OF_UNIT_SCOPE',
      `Administrative unit ${unitCode} is outside your scope`,
      `Đơn vị hành chính ${unitCode} nằm ngoài phạm vi quản lý của bạn`,
      'forbidden',
      { unitCode },
    );
  }
}

/**
 * The one province-aware unit-scope rule of every service: ADMIN everywhere; OFFICER/LEADER and
 * an AGENCY system their own unit; PROVINCE_OFFICER their province and every unit in it (the
 * province from {@link UnitProvinces}, asked only when the cheap checks fail).
 */
@Injectable()
export class UnitScope {
  constructor(private readonly provinces: UnitProvinces) {}

  async canAccess(user: AuthUser | undefined | null, unitCode: string): Promise<boolean> {
    if (!user) return false;
    if (user.roles.includes(Role.AGENCY) && user.unitCode === unitCode) return true;
    if (canAccessUnit(user, unitCode)) return true;
    if (!user.roles.includes(Role.PROVINCE_OFFICER) || !user.unitCode) return false;
    return canAccessUnit(user, unitCode, { provinceCodeOfUnit: await this.provinces.provinceOf(unitCode) });
  }

  /** Throws {@link OutOfUnitScopeError} (403 `OUT_OF_UNIT_SCOPE`) unless {@link canAccess}. */
  async assert(user: AuthUser | undefined | null, unitCode: string): Promise<void> {
    if (!(await this.canAccess(user, unitCode))) throw new OutOfUnitScopeError(unitCode);
  }
}
