import { Injectable } from '@nestjs/common';
import { type LocalDate, todayInVietnam } from '@xaso/calendar';
import type { AdministrativeUnit } from '../domain/unit';
import { checkedDay } from './checked-day';
import { UnitLinkRepository } from './unit-link.repository.port';

/**
 * "Which unit(s) is this today?": the unit `code` named on `asOf`, followed through every
 * rearrangement since, to the units in force today. A unit still in force answers itself;
 * a divided one answers all its successors. Old codes keep resolving (Resolution 190/2025/QH15 Art. 5).
 */
@Injectable()
export class CurrentUnitsFor {
  constructor(private readonly links: UnitLinkRepository) {}

  execute(code: string, asOf: LocalDate, today: LocalDate = todayInVietnam()): Promise<AdministrativeUnit[]> {
    return this.links.currentUnitsFor(code, checkedDay(asOf), today);
  }
}
