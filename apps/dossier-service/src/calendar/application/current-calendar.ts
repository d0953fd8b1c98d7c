import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DeadlineCalculator, WorkingCalendar } from '@xaso/calendar';
import { CalendarYearRepository } from './calendar-year.repository.port';

/**
 * The working calendar of this service: @xaso/calendar's rules plus the per-year tables kept in
 * `calendar_year` (seeded from the library's 2025/2026 tables, editable by an ADMIN). Loaded at
 * start-up, replaced whenever a table is saved (`install`) or re-read (`reload`).
 */
@Injectable()
export class CurrentCalendar implements OnModuleInit {
  private calendar = new WorkingCalendar([]);
  private calculator = new DeadlineCalculator(this.calendar);

  constructor(private readonly years: CalendarYearRepository) {}

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
    this.install(new WorkingCalendar(await this.years.all()));
  }

  install(calendar: WorkingCalendar): void {
    this.calendar = calendar;
    this.calculator = new DeadlineCalculator(calendar);
  }
}
