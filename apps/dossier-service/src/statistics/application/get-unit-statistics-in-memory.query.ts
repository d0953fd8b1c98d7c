import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { computeDossierStatistics } from '../domain';
import { StatisticsPeriod } from './statistics-period';
import type { UnitStatistics } from './unit-statistics';
import { UnitStatisticsRepository } from './unit-statistics.port';

/** The same statistics as `GetUnitStatistics`, by the pure domain over the unit's rows: the reference the SQL is tested against. */
@Injectable()
export class GetUnitStatisticsInMemory {
  constructor(
    private readonly statistics: UnitStatisticsRepository,
    private readonly period: StatisticsPeriod,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<UnitStatistics> {
    const { start, end } = await this.period.check(user, unitCode, from, to);
    const dossiers = await this.statistics.dossiersFor(unitCode, start, end);
    return { unitCode, ...computeDossierStatistics(dossiers, { from, to }) };
  }
}
