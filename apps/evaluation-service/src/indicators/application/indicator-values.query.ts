import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, UnitScope } from '@xaso/auth';
import type { LocalDate } from '@xaso/calendar';
import { aggregateFacts, totalOf } from '../domain/daily-fact';
import { METRIC, type MetricName } from '../domain/metrics';
import { UnitFacts } from './unit-facts';

/** The most days one indicator read may span (a year and a day, for leap years). */
export const MAX_INDICATOR_PERIOD_DAYS = 366;

export interface MetricTotal {
  readonly metric: MetricName;
  readonly total: number;
}

export interface IndicatorValues {
  readonly unitCode: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Every metric, 0 where nothing happened. */
  readonly totals: readonly MetricTotal[];
  readonly daysWithFacts: number;
}

/** A unit's metric sums over a period (rates are formed from these sums by the scorecard computations). */
@Injectable()
export class IndicatorValuesQuery {
  constructor(
    private readonly facts: UnitFacts,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: LocalDate, to: LocalDate): Promise<IndicatorValues> {
    if (to < from) throw new ValidationFailedError('`to` must not be before `from`', 'Ngày kết thúc không được trước ngày bắt đầu', { field: 'to' });
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_INDICATOR_PERIOD_DAYS) {
      throw new ValidationFailedError(`a period spans at most ${MAX_INDICATOR_PERIOD_DAYS} days`, `khoảng thời gian tối đa ${MAX_INDICATOR_PERIOD_DAYS} ngày`, { field: 'to' });
    }
    await this.scope.assert(user, unitCode);
    const aggregated = aggregateFacts(await this.facts.between(unitCode, from, to));
    return {
      unitCode,
      from,
      to,
      totals: Object.values(METRIC).map((metric) => ({ metric, total: totalOf(aggregated, metric) })),
      daysWithFacts: aggregated.daysWithFacts,
    };
  }
}
