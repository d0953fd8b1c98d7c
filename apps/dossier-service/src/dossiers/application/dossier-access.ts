import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import { type IsoDate, type ResolvedUnit, UnitReplica, UnitResolver } from '@xaso/unit-replica';
import type { Actor, DossierCommand } from '../domain';
import type { DossierRecord, DossierScope } from './dossier.records';
import { applicantIdOf, pickRole } from './domain-bridge';

/** Roles in the order an actor's role is picked for the history when a user has several. */
const ROLE_PRECEDENCE: Role[] = [Role.ADMIN, Role.LEADER, Role.OFFICER, Role.PROVINCE_OFFICER, Role.AGENCY, Role.CITIZEN];

export function primaryRole(user: AuthUser): Role {
  return ROLE_PRECEDENCE.find((role) => user.roles.includes(role)) ?? Role.CITIZEN;
}

export const unitsOf = (d: Pick<DossierRecord, 'receivingUnitCode' | 'competentUnitCode' | 'processingUnitCode'>) => [
  ...new Set([d.receivingUnitCode, d.competentUnitCode, d.processingUnitCode]),
];

export function isApplicant(user: AuthUser, d: DossierRecord): boolean {
  if (!user.roles.includes(Role.CITIZEN)) return false;
  if (d.applicant.sub && d.applicant.sub === user.sub) return true;
  return !!user.idNumber && user.idNumber === d.applicant.idNumber;
}

/**
 * Who sees and acts on which dossier:
 * - the applicant (CITIZEN, by account or ID number) sees their own dossiers;
 * - OFFICER/LEADER (and AGENCY systems acting for a unit) the dossiers where their unit is the
 *   receiving, competent or processing unit;
 * - PROVINCE_OFFICER the dossiers of any unit in their province (through the unit replica);
 * - ADMIN everything.
 */
@Injectable()
export class DossierAccess {
  constructor(
    private readonly units: UnitReplica,
    private readonly resolver: UnitResolver,
    private readonly scope: UnitScope,
  ) {}

  /** The shared unit scope (`UnitScope`). */
  canUnit(user: AuthUser, unitCode: string): Promise<boolean> {
    return this.scope.canAccess(user, unitCode);
  }

  /** Staff access through one of the dossier's units. */
  async staffCanSee(user: AuthUser, d: DossierRecord): Promise<boolean> {
    for (const unit of unitsOf(d)) if (await this.canUnit(user, unit)) return true;
    return false;
  }

  async canSee(user: AuthUser | undefined, d: DossierRecord): Promise<boolean> {
    if (!user) return false;
    return isApplicant(user, d) || (await this.staffCanSee(user, d));
  }

  /** The domain actor on `d`: staff of one of the dossier's units, else the applicant (CITIZEN); otherwise FORBIDDEN. */
  async actorFor(user: AuthUser, d: DossierRecord, action: DossierCommand['type']): Promise<Actor> {
    const staffRoles = user.roles.filter((r) => r !== Role.CITIZEN);
    if (staffRoles.length && (await this.staffCanSee(user, d))) return { id: user.sub, role: pickRole(staffRoles, action) };
    if (isApplicant(user, d)) return { id: applicantIdOf(d), role: 'CITIZEN' };
    if (staffRoles.length && user.unitCode) {
      throw new ForbiddenError(
        `Dossier ${d.code} is not handled by unit ${user.unitCode}`,
        `Hồ sơ ${d.code} không thuộc đơn vị ${user.unitCode}`,
        'OUT_OF_UNIT_SCOPE',
      );
    }
    throw new ForbiddenError(`You may not act on dossier ${d.code}`, `Bạn không được thao tác trên hồ sơ ${d.code}`, 'NOT_APPLICANT');
  }

  assertStaffUnit(user: AuthUser, unitCode: string): Promise<void> {
    return this.scope.assert(user, unitCode);
  }

  /** Scope for lists: what `dossiers(...)` may return for this user. */
  scopeFor(user: AuthUser): DossierScope {
    if (user.roles.includes(Role.ADMIN)) return { all: true };
    const scope: DossierScope = {};
    if (user.roles.includes(Role.CITIZEN)) {
      scope.applicantSub = user.sub;
      if (user.idNumber) scope.applicantIdNumber = user.idNumber;
    }
    if (user.unitCode && user.roles.some((r) => r === Role.OFFICER || r === Role.LEADER || r === Role.AGENCY)) {
      scope.unitCodes = [user.unitCode];
    }
    if (user.unitCode && user.roles.includes(Role.PROVINCE_OFFICER)) {
      scope.unitCodes = [...(scope.unitCodes ?? []), user.unitCode];
      scope.provinceCode = user.unitCode;
    }
    return scope;
  }

  /**
   * Units of a new dossier on its day of receipt, by the shared unit rule (`UnitResolver`): each
   * is a unit on that day (one abolished with a single successor goes to the successor, said in
   * `notes`); when a competent unit is named, it is in the receiving unit's province ("any centre
   * in the province may receive").
   */
  async resolveUnits(receivingUnitCode: string, competentUnitCode: string, date: IsoDate): Promise<{ receiving: ResolvedUnit; competent: ResolvedUnit; notes: string[] }> {
    const receiving = await this.resolver.resolve('receivingUnitCode', receivingUnitCode, date);
    const competent =
      competentUnitCode === receivingUnitCode ? receiving : await this.resolver.resolve('competentUnitCode', competentUnitCode, date);
    await this.assertSameProvince(receiving.code, competent.code, date);
    return { receiving, competent, notes: [...new Set([receiving.note, competent.note].filter((n): n is string => !!n))] };
  }

  /** The unit a dossier received by `receivingUnitCode` is transferred to on `date` (same rule, same province). */
  async resolveTransferTarget(receivingUnitCode: string, toUnitCode: string, date: IsoDate): Promise<ResolvedUnit> {
    const target = await this.resolver.resolve('toUnitCode', toUnitCode, date);
    await this.assertSameProvince(receivingUnitCode, target.code, date);
    return target;
  }

  private async assertSameProvince(receivingUnitCode: string, competentUnitCode: string, date: IsoDate): Promise<void> {
    if (receivingUnitCode === competentUnitCode) return;
    const [a, b] = [await this.units.provinceOf(receivingUnitCode, date), await this.units.provinceOf(competentUnitCode, date)];
    if (a && b && a !== b) {
      throw new ForbiddenError(
        `Unit ${receivingUnitCode} cannot receive dossiers for ${competentUnitCode}: they are in different provinces`,
        `Đơn vị ${receivingUnitCode} không được tiếp nhận hồ sơ của ${competentUnitCode} vì khác tỉnh`,
        'OUTSIDE_PROVINCE',
      );
    }
  }
}
