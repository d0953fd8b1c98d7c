import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import type { Cycle } from './cycle';
import { CycleNotFoundError } from './cycle-errors';
import { CycleRepository } from './cycle.repository.port';

/** A cycle, for its province's staff, the communes in it, and administrators. */
@Injectable()
export class GetCycle {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, id: string): Promise<Cycle> {
    const cycle = await this.cycles.get(id);
    if (!cycle) throw new CycleNotFoundError(id);
    const mayRead = user.roles.includes(Role.ADMIN) || (user.unitCode !== undefined && cycle.unitCodes.includes(user.unitCode)) || (await this.scope.canAccess(user, cycle.provinceCode));
    if (!mayRead) throw new CycleNotFoundError(id);
    return cycle;
  }
}
