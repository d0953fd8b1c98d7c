import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type LocalDate, isValidLocalDate, todayInVietnam } from '@xaso/calendar';
import type { AdministrativeUnit } from '../domain/unit';
import { type UnitListFilter, type UnitPage, type UnitPageQuery, UnitRepository } from './ports';

/** Every entry point (GraphQL, REST, other callers) gets the same answer for a day that does not exist. */
export function checkedDay(asOf: LocalDate, field = 'asOf'): LocalDate {
  if (!isValidLocalDate(asOf)) {
    throw new ValidationFailedError(`${field} must be a calendar date YYYY-MM-DD: ${asOf}`, `${field} phải là ngày dạng YYYY-MM-DD: ${asOf}`, { field });
  }
  return asOf;
}

/** The unit a code named on a day (default today), or null. */
@Injectable()
export class GetAdministrativeUnit {
  constructor(private readonly units: UnitRepository) {}

  execute(code: string, asOf: LocalDate = todayInVietnam()): Promise<AdministrativeUnit | null> {
    return this.units.findInForce(code, checkedDay(asOf));
  }
}

/** Units in force on a day, filtered by level / parent / accent-insensitive name, one page at a time. */
@Injectable()
export class ListAdministrativeUnits {
  constructor(private readonly units: UnitRepository) {}

  execute(filter: Omit<UnitListFilter, 'asOf'> & { asOf?: LocalDate }, page: UnitPageQuery): Promise<UnitPage> {
    return this.units.list({ ...filter, asOf: checkedDay(filter.asOf ?? todayInVietnam()) }, page);
  }
}

/**
 * "Which unit(s) is this today?": the unit `code` named on `asOf`, followed through every
 * rearrangement since, to the units in force today. A unit still in force answers itself;
 * a divided one answers all its successors. Old codes keep resolving (Resolution 190/2025/QH15 Art. 5).
 */
@Injectable()
export class CurrentUnitsFor {
  constructor(private readonly units: UnitRepository) {}

  execute(code: string, asOf: LocalDate, today: LocalDate = todayInVietnam()): Promise<AdministrativeUnit[]> {
    return this.units.currentUnitsFor(code, checkedDay(asOf), today);
  }
}
