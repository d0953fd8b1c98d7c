import { Injectable } from '@nestjs/common';
import { type LocalDate, todayInVietnam } from '@xaso/calendar';
import type { AdministrativeUnit } from '../domain/unit';
import { checkedDay } from './checked-day';
import { UnitRepository } from './unit.repository.port';

/** The unit a code named on a day (default today), or null. */
@Injectable()
export class GetAdministrativeUnit {
  constructor(private readonly units: UnitRepository) {}

  execute(code: string, asOf: LocalDate = todayInVietnam()): Promise<AdministrativeUnit | null> {
    return this.units.findInForce(code, checkedDay(asOf));
  }
}
