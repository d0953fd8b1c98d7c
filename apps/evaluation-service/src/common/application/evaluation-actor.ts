import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitProvinces } from '@xaso/auth';
import type { Actor, EvaluationRole } from '../../assessments/domain/actor';

/** A province code (GSO, two digits): a unit code of that shape is a province body. */
const PROVINCE_CODE = /^\d{2}$/;

/**
 * The platform's roles as evaluation roles. OFFICER/LEADER of a commune fill its assessment;
 * PROVINCE_OFFICER reviews for their province; a LEADER whose unit is a province is the province
 * leader who recognises (no new platform role needed). A caller with both a commune role and
 * PROVINCE_OFFICER keeps the commune as their unit, so the domain refuses them as its reviewer.
 */
@Injectable()
export class EvaluationActors {
  constructor(private readonly provinces: UnitProvinces) {}

  async actorOf(user: AuthUser): Promise<Actor> {
    const unitCode = user.unitCode ?? '';
    const isProvinceUnit = PROVINCE_CODE.test(unitCode);
    const roles: EvaluationRole[] = [];
    if (!isProvinceUnit && (user.roles.includes(Role.OFFICER) || user.roles.includes(Role.LEADER))) roles.push('COMMUNE_OFFICER');
    if (user.roles.includes(Role.PROVINCE_OFFICER)) roles.push('PROVINCE_OFFICER');
    if (isProvinceUnit && user.roles.includes(Role.LEADER)) roles.push('PROVINCE_LEADER');
    const provinceCode = isProvinceUnit ? unitCode : ((await this.provinces.provinceOf(unitCode)) ?? '');
    return { userId: user.sub, roles, unitCode, provinceCode };
  }
}
