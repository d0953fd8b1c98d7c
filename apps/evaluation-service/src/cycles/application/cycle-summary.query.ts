import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import { Clock } from '../../common/application/clock.port';
import { type CycleSummary, cycleSummaryOf } from '../domain/cycle-summary';
import type { Cycle } from './cycle';
import { CycleRepository } from './cycle.repository.port';

/** A cycle's assessments per state and the overdue ones per stage, today in Vietnam (the caller already read the cycle). */
@Injectable()
export class CycleSummaryQuery {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly clock: Clock,
  ) {}

  async execute(cycle: Cycle): Promise<CycleSummary> {
    return cycleSummaryOf(cycle.year, todayInVietnam(this.clock.now()), await this.cycles.stateCounts(cycle.id));
  }
}
