import type { YearCalendarTable } from '@xaso/calendar';
import type { StoredCalendarYear } from '../domain';

/** The per-year calendar tables (`calendar_year`). Joins the ambient transaction (`TransactionRunner.run`). */
export abstract class CalendarYearRepository {
  abstract all(): Promise<YearCalendarTable[]>;
  abstract find(year: number): Promise<StoredCalendarYear | null>;
  /** Inserts or replaces the year's table. */
  abstract save(table: YearCalendarTable, actor: string): Promise<void>;
}
