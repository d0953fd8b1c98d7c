import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { WorkingCalendar, type YearCalendarTable } from '@xaso/calendar';
import { TransactionRunner } from '@xaso/persistence';
import type { StoredCalendarYear } from '../domain';
import { CalendarYearRepository } from './calendar-year.repository.port';
import { CurrentCalendar } from './current-calendar';

/** ADMIN: validates and saves a year's table, then rebuilds the calendar (deadlines use it at once). */
@Injectable()
export class SetCalendarYear {
  constructor(
    private readonly years: CalendarYearRepository,
    private readonly current: CurrentCalendar,
    private readonly transactions: TransactionRunner,
  ) {}

  async execute(table: YearCalendarTable, actor: string): Promise<StoredCalendarYear> {
    const problems = WorkingCalendar.validateTable(table);
    if (problems.length) {
      throw new ValidationFailedError(
        `Invalid calendar table for ${table.year}: ${problems.map((p) => p.message).join('; ')}`,
        `Bảng lịch làm việc năm ${table.year} không hợp lệ`,
        { problems },
      );
    }
    const next = this.current.workingCalendar.withTable(table);
    await this.transactions.run(() => this.years.save(table, actor));
    this.current.install(next);
    return (await this.years.find(table.year))!;
  }
}
