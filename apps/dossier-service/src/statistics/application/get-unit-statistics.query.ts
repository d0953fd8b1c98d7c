import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { FINISHED_STATUSES } from '../../dossiers/domain';
import { DECISION_STATUSES } from '../domain';
import { StatisticsPeriod } from './statistics-period';
import type { UnitStatistics } from './unit-statistics';
import { UnitStatisticsRepository } from './unit-statistics.port';

const STATISTICS_STATUSES = { finished: [...FINISHED_STATUSES], decision: [...DECISION_STATUSES] };

/**
 * Statistics of `unitCode` (as processing unit) for local days from..to inclusive, computed by
 * one set-based query. Staff of the unit only (ADMIN: any unit).
 */
@Injectable()
export class GetUnitStatistics {
  constructor(
    private readonly statistics: UnitStatisticsRepository,
    private readonly period: StatisticsPeriod,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<UnitStatistics> {
    const { start, end } = await this.period.check(user, unitCode, from, to);
    const counts = await this.statistics.counts(unitCode, start, end, STATISTICS_STATUSES);
    const decided = counts.resolved.early + counts.resolved.onTime;
    return { unitCode, from, to, ...counts, onTimeRate: counts.resolved.total === 0 ? null : decided / counts.resolved.total };
  }
}
