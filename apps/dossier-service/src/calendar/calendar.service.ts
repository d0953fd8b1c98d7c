import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ValidationFailedError } from '@xaso/api';
import {
  DeadlineCalculator,
  WorkingCalendar,
  type CalendarEntry,
  type YearCalendarTable,
} from '@xaso/calendar';
import { inTransaction, managerFor } from '@xaso/persistence';

interface CalendarYearRow {
  year: number;
  days_off: CalendarEntry[];
  working_days: CalendarEntry[];
  updated_at: Date;
  updated_by: string | null;
}

export interface StoredCalendarYear extends YearCalendarTable {
  updatedAt: Date;
  updatedBy: string | null;
}

/**
 * The working calendar of this service: @xaso/calendar's rules plus the per-year tables kept in
 * `calendar_year` (seeded from the library's 2025/2026 tables, editable by an ADMIN). The
 * WorkingCalendar is rebuilt whenever a table is saved (and re-read by `reload()`).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private calendar = new WorkingCalendar([]);
  private calculator = new DeadlineCalculator(this.calendar);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  get workingCalendar(): WorkingCalendar {
    return this.calendar;
  }

  get deadlines(): DeadlineCalculator {
    return this.calculator;
  }

  async reload(): Promise<void> {
    const rows: CalendarYearRow[] = await managerFor(this.dataSource).query(
      'SELECT year, days_off, working_days, updated_at, updated_by FROM calendar_year ORDER BY year',
    );
    this.install(new WorkingCalendar(rows.map((r) => ({ year: r.year, daysOff: r.days_off, workingDays: r.working_days }))));
  }

  async year(year: number): Promise<StoredCalendarYear | null> {
    const rows: CalendarYearRow[] = await managerFor(this.dataSource).query(
      'SELECT year, days_off, working_days, updated_at, updated_by FROM calendar_year WHERE year = $1',
      [year],
    );
    const row = rows[0];
    return row
      ? { year: row.year, daysOff: row.days_off, workingDays: row.working_days, updatedAt: row.updated_at, updatedBy: row.updated_by }
      : null;
  }

  /** Validates and saves a year's table, then rebuilds the calendar. */
  async setYear(table: YearCalendarTable, actor: string): Promise<StoredCalendarYear> {
    const problems = WorkingCalendar.validateTable(table);
    if (problems.length) {
      throw new ValidationFailedError(
        `Invalid calendar table for ${table.year}: ${problems.map((p) => p.message).join('; ')}`,
        `Bảng lịch làm việc năm ${table.year} không hợp lệ`,
        { problems },
      );
    }
    const next = this.calendar.withTable(table);
    await inTransaction(this.dataSource, (manager) =>
      manager.query(
        `INSERT INTO calendar_year (year, days_off, working_days, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (year) DO UPDATE SET days_off = EXCLUDED.days_off, working_days = EXCLUDED.working_days,
           updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [table.year, JSON.stringify(table.daysOff), JSON.stringify(table.workingDays), actor],
      ),
    );
    this.install(next);
    return (await this.year(table.year))!;
  }

  private install(calendar: WorkingCalendar): void {
    this.calendar = calendar;
    this.calculator = new DeadlineCalculator(calendar);
  }
}
