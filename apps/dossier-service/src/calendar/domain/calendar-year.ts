import type { YearCalendarTable } from '@xaso/calendar';

/** A year's table of days off and make-up working days as stored, with who changed it last. */
export interface StoredCalendarYear extends YearCalendarTable {
  updatedAt: Date;
  updatedBy: string | null;
}
