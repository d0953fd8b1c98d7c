import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { type RankedRow, ResultsRepository } from './results.repository.port';
import { ResultsVisibility } from './results-visibility';

/**
 * A province's approved results of a cycle, ranked by total (ties share a rank), insufficient
 * data left out. For the province's staff and administrators; for the province's communes once
 * the results are published (they see only their own assessment before).
 */
@Injectable()
export class RankingsQuery {
  constructor(
    private readonly results: ResultsRepository,
    private readonly visibility: ResultsVisibility,
  ) {}

  async execute(user: AuthUser, cycleId: string, provinceCode: string, page: KeysetPageRequest): Promise<KeysetSlice<RankedRow>> {
    await this.visibility.assertMayRead(user, cycleId, provinceCode);
    return this.results.ranking(cycleId, provinceCode, page);
  }
}

export const rankingKey = (r: RankedRow) => [r.total, r.unitCode] as const;
