import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import { type RankedRow, ResultsRepository } from './results.repository.port';

/**
 * A province's approved results of a cycle, ranked by total (ties share a rank), insufficient
 * data left out. For the province's staff and administrators (communes see only their own
 * assessment until results are published).
 */
@Injectable()
export class RankingsQuery {
  constructor(
    private readonly results: ResultsRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, cycleId: string, provinceCode: string, page: KeysetPageRequest): Promise<KeysetSlice<RankedRow>> {
    if (!user.roles.includes(Role.ADMIN)) await this.scope.assert(user, provinceCode);
    return this.results.ranking(cycleId, provinceCode, page);
  }
}

export const rankingKey = (r: RankedRow) => [r.total, r.unitCode] as const;
