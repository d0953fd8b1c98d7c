import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import { type LocalDate, todayInVietnam } from '@xaso/calendar';
import type { AdministrativeUnit } from '../domain/unit';
import { checkedDay } from './checked-day';
import { type UnitListFilter, UnitListRepository } from './unit-list.repository.port';

/** Units in force on a day, filtered by level / parent / accent-insensitive name, one page at a time. */
@Injectable()
export class ListAdministrativeUnits {
  constructor(private readonly units: UnitListRepository) {}

  execute(filter: Omit<UnitListFilter, 'asOf'> & { asOf?: LocalDate }, page: KeysetPageRequest): Promise<KeysetSlice<AdministrativeUnit>> {
    return this.units.list({ ...filter, asOf: checkedDay(filter.asOf ?? todayInVietnam()) }, page);
  }
}
