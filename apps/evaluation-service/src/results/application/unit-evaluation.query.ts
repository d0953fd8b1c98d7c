import { Injectable } from '@nestjs/common';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { ResultsRepository, type StoredResult } from './results.repository.port';

/** A commune's approved result of a year (its latest cycle), for those whose scope covers the commune. */
@Injectable()
export class UnitEvaluationQuery {
  constructor(
    private readonly results: ResultsRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, unitCode: string, year: number): Promise<StoredResult | null> {
    await this.scope.assert(user, unitCode);
    return this.results.latestFinal(unitCode, year);
  }
}
