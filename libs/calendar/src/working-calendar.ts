import {
  LocalDate,
  assertLocalDate,
  fromEpochDay,
  isWeekend,
  localDateParts,
  toEpochDay,
} from './local-date';
import { StatutoryHoliday, statutoryHolidays } from './holidays';
import {
  DEFAULT_YEAR_TABLES,
  HolidayGroup,
  YearCalendarTable,
  YearTableProblem,
  validateYearTableShape,
} from './year-table';

export type DayKind =
  | 'WORKDAY'
  | 'WEEKEND'
  /** A statutory holiday (or a Tết / 2/9 day from the year's table). */
  | 'HOLIDAY'
  /** Nghỉ bù: a holiday fell on a weekly rest day. */
  | 'COMPENSATION'
  /** Nghỉ hoán đổi: an announced swap day off (paid back by a make-up working day). */
  | 'SWAP_DAY_OFF'
  /** Làm bù: a weekend day announced as a working day. */
  | 'MAKEUP_WORKING_DAY';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** Holiday / reason name (Vietnamese) for special days; null for ordinary workdays and weekends. */
  name: string | null;
  group?: HolidayGroup;
}

export class CalendarTableError extends Error {
  constructor(readonly year: number, readonly problems: YearTableProblem[]) {
    super(`Invalid calendar table for ${year}: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'CalendarTableError';
  }
}

/** Years the lunar algorithm and the rules are trusted for. */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2199;

/** Guard against runaway loops (about 100 years of days). */
const MAX_SCAN_DAYS = 40_000;

interface YearData {
  special: Map<number, DayInfo>;
}

/**
 * Vietnam's working-day calendar for state agencies: rules (weekends, Labour Code holidays,
 * nghỉ bù) plus per-year tables (announced Tết days, swap days off, make-up Saturdays).
 *
 * How a year is built:
 * 1. The statutory holidays of the year ({@link statutoryHolidays}), each in a group.
 * 2. If the year has a table, every group tagged in one of its `daysOff` entries is *decided by
 *    the table*: the group's default (non-core) days and its rule-derived compensation days are
 *    dropped and the table's days are used instead. Core days (1/1, 10/3 lunar, 30/4, 1/5, 2/9)
 *    are always off. Untagged table days off are swap days off.
 * 3. For groups not decided by the table, each holiday day that falls on a Saturday/Sunday gets
 *    a compensation day: the next day that is neither a weekend nor already a day off.
 * 4. The table's `workingDays` (make-up Saturdays) are working days.
 *
 * All dates are local dates (Asia/Ho_Chi_Minh) as `YYYY-MM-DD`. Immutable: to change a table,
 * build a new calendar (the service does so when an ADMIN saves a table).
 */
export class WorkingCalendar {
  private readonly tables = new Map<number, YearCalendarTable>();
  private readonly years = new Map<number, YearData>();
  /** epoch day → working? (the hot path of addWorkingDays / workingDaysBetween). */
  private readonly workingCache = new Map<number, boolean>();

  constructor(tables: readonly YearCalendarTable[] = DEFAULT_YEAR_TABLES) {
    for (const table of tables) {
      if (this.tables.has(table.year)) {
        throw new CalendarTableError(table.year, [{ code: 'INVALID_YEAR', message: `Two tables for ${table.year}` }]);
      }
      const problems = WorkingCalendar.validateTable(table);
      if (problems.length > 0) throw new CalendarTableError(table.year, problems);
      this.tables.set(table.year, structuredClone(table));
    }
  }

  /** Every problem with a table (empty when valid): shape checks plus "a make-up working day on a public holiday". */
  static validateTable(table: YearCalendarTable): YearTableProblem[] {
    const problems = validateYearTableShape(table);
    if (problems.some((p) => p.code === 'INVALID_YEAR' || p.code === 'INVALID_DATE' || p.code === 'WRONG_YEAR')) return problems;
    const core = new Set(statutoryHolidays(table.year).filter((h) => h.core).map((h) => h.date));
    for (const w of table.workingDays) {
      if (core.has(w.date)) {
        problems.push({ date: w.date, code: 'WORKING_DAY_IS_HOLIDAY', message: `${w.date} is a public holiday and cannot be a working day` });
      }
    }
    return problems;
  }

  /** Copy of the table for a year, if one was supplied. */
  tableFor(year: number): YearCalendarTable | undefined {
    const t = this.tables.get(year);
    return t ? structuredClone(t) : undefined;
  }

  /** Years that have a table. */
  tableYears(): number[] {
    return [...this.tables.keys()].sort((a, b) => a - b);
  }

  /** A new calendar with `table` added or replacing the table of the same year. */
  withTable(table: YearCalendarTable): WorkingCalendar {
    const others = [...this.tables.values()].filter((t) => t.year !== table.year);
    return new WorkingCalendar([...others, table]);
  }

  describeDay(date: LocalDate): DayInfo {
    assertLocalDate(date);
    return this.describeEpochDay(toEpochDay(date), date);
  }

  isWorkingDay(date: LocalDate): boolean {
    assertLocalDate(date);
    return this.isWorkingEpochDay(toEpochDay(date));
  }

  /** Name of the holiday / compensation / swap day off; null for working days and plain weekends. */
  holidayName(date: LocalDate): string | null {
    const info = this.describeDay(date);
    return info.working ? null : info.name;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, -1);
  }

  /** `date` itself when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * The n-th working day after `start` (start itself is not counted; it need not be a working
   * day). n = 0 returns `start` unchanged; n < 0 walks backwards (the |n|-th working day before).
   */
  addWorkingDays(start: LocalDate, n: number): LocalDate {
    assertLocalDate(start);
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
    if (n === 0) return start;
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let day = toEpochDay(start);
    for (let guard = 0; remaining > 0; guard++) {
      if (guard > MAX_SCAN_DAYS) throw new RangeError('addWorkingDays: scanned too far');
      day += step;
      if (this.isWorkingEpochDay(day)) remaining--;
    }
    return fromEpochDay(day);
  }

  /**
   * Working days in (a, b] when a ≤ b; when a > b, minus the working days in (b, a]. So it is
   * antisymmetric and additive (between(a, b) + between(b, c) === between(a, c)), and
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 0 (for n < 0 when d is a working day).
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    assertLocalDate(a);
    assertLocalDate(b);
    const ea = toEpochDay(a);
    const eb = toEpochDay(b);
    if (Math.abs(eb - ea) > MAX_SCAN_DAYS) throw new RangeError('workingDaysBetween: range too large');
    const [lo, hi] = ea <= eb ? [ea, eb] : [eb, ea];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.isWorkingEpochDay(d)) count++;
    return ea <= eb || count === 0 ? count : -count;
  }

  /** All days of a year that are not ordinary (holidays, compensation, swap days off, make-up days), in date order. */
  specialDays(year: number): DayInfo[] {
    return [...this.yearData(year).special.entries()].sort((x, y) => x[0] - y[0]).map(([, info]) => ({ ...info }));
  }

  private isWorkingEpochDay(epochDay: number): boolean {
    let working = this.workingCache.get(epochDay);
    if (working === undefined) {
      working = this.describeEpochDay(epochDay).working;
      this.workingCache.set(epochDay, working);
    }
    return working;
  }

  private describeEpochDay(epochDay: number, date = fromEpochDay(epochDay)): DayInfo {
    const year = Number(date.slice(0, 4));
    const special = this.yearData(year).special.get(epochDay);
    if (special) return { ...special };
    const weekend = isWeekend(date);
    return { date, working: !weekend, kind: weekend ? 'WEEKEND' : 'WORKDAY', name: null };
  }

  private yearData(year: number): YearData {
    let data = this.years.get(year);
    if (!data) {
      if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
        throw new RangeError(`The working calendar covers ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}, not ${year}`);
      }
      data = buildYear(year, this.tables.get(year));
      this.years.set(year, data);
    }
    return data;
  }
}

function buildYear(year: number, table: YearCalendarTable | undefined): YearData {
  const special = new Map<number, DayInfo>();
  const decidedByTable = new Set<HolidayGroup>();
  for (const e of table?.daysOff ?? []) if (e.group) decidedByTable.add(e.group);

  const holidays: StatutoryHoliday[] = statutoryHolidays(year).filter((h) => h.core || !decidedByTable.has(h.group));
  for (const h of holidays) {
    special.set(toEpochDay(h.date), { date: h.date, working: false, kind: 'HOLIDAY', name: h.name, group: h.group });
  }
  for (const e of table?.daysOff ?? []) {
    const key = toEpochDay(e.date);
    if (special.has(key)) continue; // a core holiday keeps its statutory name
    const kind: DayKind = e.kind ?? (e.group ? 'HOLIDAY' : 'SWAP_DAY_OFF');
    special.set(key, { date: e.date, working: false, kind, name: e.reason, ...(e.group ? { group: e.group } : {}) });
  }

  // Nghỉ bù for the groups the table does not decide, in date order so that consecutive
  // holidays on a weekend (e.g. 30/4 Sat + 1/5 Sun) get consecutive compensation days.
  for (const h of holidays) {
    if (decidedByTable.has(h.group) || !isWeekend(h.date)) continue;
    let d = toEpochDay(h.date);
    for (;;) {
      d++;
      const date = fromEpochDay(d);
      if (localDateParts(date).year !== year) break; // never happens for Vietnamese holidays
      if (isWeekend(date) || special.has(d)) continue;
      special.set(d, { date, working: false, kind: 'COMPENSATION', name: `Nghỉ bù ${h.name}`, group: h.group });
      break;
    }
  }

  for (const w of table?.workingDays ?? []) {
    special.set(toEpochDay(w.date), { date: w.date, working: true, kind: 'MAKEUP_WORKING_DAY', name: w.reason });
  }
  return { special };
}

/** Convenience: a calendar with the shipped 2025 and 2026 tables. */
export function defaultWorkingCalendar(): WorkingCalendar {
  return new WorkingCalendar(DEFAULT_YEAR_TABLES);
}
