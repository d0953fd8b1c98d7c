import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitProvinces, UnitScope } from '@xaso/auth';
import { CycleNotFoundError } from '../../cycles/application/cycle-errors';
import { CycleRepository } from '../../cycles/application/cycle.repository.port';
import { ResultsNotPublishedError } from '../../cycles/domain/results-publication';

/**
 * Who reads a province's results of a cycle (rankings, exports): administrators and the
 * province's staff always; a commune officer of the province only once the province published
 * the cycle's results (`RESULTS_NOT_PUBLISHED` before); anyone else is out of scope.
 */
@Injectable()
export class ResultsVisibility {
  constructor(
    private readonly scope: UnitScope,
    private readonly provinces: UnitProvinces,
    private readonly cycles: CycleRepository,
  ) {}

  async assertMayRead(user: AuthUser, cycleId: string, provinceCode: string): Promise<void> {
    if (await this.scope.canAccess(user, provinceCode)) return;
    const ownUnit = user.roles.includes(Role.OFFICER) || user.roles.includes(Role.LEADER) ? user.unitCode : undefined;
    if (!ownUnit || (await this.provinces.provinceOf(ownUnit)) !== provinceCode) return this.scope.assert(user, provinceCode);
    const cycle = await this.cycles.get(cycleId);
    if (!cycle || cycle.provinceCode !== provinceCode) throw new CycleNotFoundError(cycleId);
    if (!cycle.publishedAt) throw new ResultsNotPublishedError(cycleId);
  }
}
