import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CalendarEntry, YearCalendarTable } from '@xaso/calendar';
import { managerFor } from '@xaso/persistence';
import { CalendarYearRepository } from '../application/calendar-year.repository.port';
import type { StoredCalendarYear } from '../domain';

interface CalendarYearRow {
  year: number;
  days_off: CalendarEntry[];
  working_days: CalendarEntry[];
  updated_at: Date;
  updated_by: string | null;
}

const COLUMNS = 'year, days_off, working_days, updated_at, updated_by';

/** `CalendarYearRepository` over the `calendar_year` table. */
@Injectable()
export class PgCalendarYearRepository extends CalendarYearRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private get db() {
    return managerFor(this.dataSource);
  }

  async all(): Promise<YearCalendarTable[]> {
    const rows: CalendarYearRow[] = await this.db.query(`SELECT ${COLUMNS} FROM calendar_year ORDER BY year`);
    return rows.map((r) => ({ year: r.year, daysOff: r.days_off, workingDays: r.working_days }));
  }

  async find(year: number): Promise<StoredCalendarYear | null> {
    const rows: CalendarYearRow[] = await this.db.query(`SELECT ${COLUMNS} FROM calendar_year WHERE year = $1`, [year]);
    const row = rows[0];
    return row
      ? { year: row.year, daysOff: row.days_off, workingDays: row.working_days, updatedAt: row.updated_at, updatedBy: row.updated_by }
      : null;
  }

  async save(table: YearCalendarTable, actor: string): Promise<void> {
    await this.db.query(
      `INSERT INTO calendar_year (year, days_off, working_days, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (year) DO UPDATE SET days_off = EXCLUDED.days_off, working_days = EXCLUDED.working_days,
         updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [table.year, JSON.stringify(table.daysOff), JSON.stringify(table.workingDays), actor],
    );
  }
}
