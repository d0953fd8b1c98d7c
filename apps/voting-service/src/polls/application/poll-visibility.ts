import { Injectable } from '@nestjs/common';
import { type AuthUser, isGovernmentStaff, UnitScope } from '@xaso/auth';

/** Drafts are seen only by government staff of the poll's commune; every other poll is public information of the commune. */
@Injectable()
export class PollVisibility {
  constructor(private readonly scope: UnitScope) {}

  async seesDrafts(user: AuthUser | undefined | null, unitCode: string): Promise<boolean> {
    return !!user && isGovernmentStaff(user) && (await this.scope.canAccess(user, unitCode));
  }
}
