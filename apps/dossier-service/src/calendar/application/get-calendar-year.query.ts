import { Injectable } from '@nestjs/common';
import type { StoredCalendarYear } from '../domain';
import { CalendarYearRepository } from './calendar-year.repository.port';

/** A year's stored table of days off and make-up working days (public), or null. */
@Injectable()
export class GetCalendarYear {
  constructor(private readonly years: CalendarYearRepository) {}

  execute(year: number): Promise<StoredCalendarYear | null> {
    return this.years.find(year);
  }
}
