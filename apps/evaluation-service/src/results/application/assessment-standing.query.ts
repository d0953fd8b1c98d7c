import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { fromHundredths, toHundredths } from '../../scorecards/domain/points';
import { FINAL_STATES, ResultsRepository } from './results.repository.port';
import { ResultsVisibility } from './results-visibility';

export interface AssessmentStanding {
  /** Rank within the province among the cycle's approved results (null: not ranked, or the caller may not see the ranking yet). */
  readonly rank: number | null;
  readonly previousYearTotal: number | null;
  readonly previousYearLevelCode: string | null;
  /** Reviewed total minus last year's approved total (null unless both are final with sufficient data). */
  readonly changeAgainstPreviousYear: number | null;
}

export interface StandingOf {
  readonly cycleId: string;
  readonly unitCode: string;
  readonly provinceCode: string;
  readonly year: number;
  readonly state: string;
  readonly total: number;
  readonly insufficientData: boolean;
}

/** Where an assessment stands: its rank in the province and its change against the previous year's approved result. */
@Injectable()
export class AssessmentStandingQuery {
  constructor(
    private readonly results: ResultsRepository,
    private readonly visibility: ResultsVisibility,
  ) {}

  async execute(user: AuthUser, a: StandingOf): Promise<AssessmentStanding> {
    const final = (FINAL_STATES as readonly string[]).includes(a.state) && !a.insufficientData;
    const mayRank = await this.visibility.assertMayRead(user, a.cycleId, a.provinceCode).then(() => true, () => false);
    const rank = final && mayRank ? await this.results.rankOf(a.cycleId, a.provinceCode, a.unitCode) : null;
    const previous = await this.results.latestFinal(a.unitCode, a.year - 1);
    const comparable = final && previous !== null && previous.total !== null && !previous.insufficientData;
    return {
      rank,
      previousYearTotal: previous?.total ?? null,
      previousYearLevelCode: previous?.levelCode ?? null,
      changeAgainstPreviousYear: comparable ? fromHundredths(toHundredths(a.total) - toHundredths(previous.total ?? 0)) : null,
    };
  }
}
