/**
 * Per-year calendar tables: the days off and make-up working days the government announces
 * each year (Prime Minister's decision / Ministry of Home Affairs notice for civil servants).
 * The service keeps them in its database where an ADMIN edits them; the two shipped tables
 * below are the defaults / seed data.
 */
import { LocalDate, isValidLocalDate, isWeekend, localDateParts } from './local-date';

/**
 * Holiday groups of Labour Code 2019 Art. 112. A table entry tagged with a group *replaces*
 * the rule-derived movable days of that group for that year (see {@link WorkingCalendar}).
 */
export type HolidayGroup = 'NEW_YEAR' | 'TET' | 'HUNG_KINGS' | 'REUNIFICATION_LABOUR' | 'NATIONAL_DAY';

export const HOLIDAY_GROUPS: readonly HolidayGroup[] = ['NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'NATIONAL_DAY'];

export interface CalendarEntry {
  date: LocalDate;
  reason: string;
  /**
   * The holiday group this day belongs to (Tết days, the 2/9 adjacent day, a compensation day
   * for 1/1, …). Untagged days off are plain swap days (ngày nghỉ hoán đổi).
   */
  group?: HolidayGroup;
  /** For days off: how the day is shown. Default: 'HOLIDAY' when `group` is set, else 'SWAP_DAY_OFF'. */
  kind?: 'HOLIDAY' | 'COMPENSATION' | 'SWAP_DAY_OFF';
}

export interface YearCalendarTable {
  year: number;
  /** Announced days off: Tết days, compensation (nghỉ bù) days, swap days off. Weekend days may be listed; they are off anyway. */
  daysOff: CalendarEntry[];
  /** Make-up working days (ngày làm bù), normally Saturdays. */
  workingDays: CalendarEntry[];
}

export interface YearTableProblem {
  date?: LocalDate;
  code: 'INVALID_DATE' | 'WRONG_YEAR' | 'DUPLICATE_DATE' | 'BOTH_OFF_AND_WORKING' | 'WORKING_DAY_NOT_WEEKEND' | 'WORKING_DAY_IS_HOLIDAY' | 'INVALID_YEAR' | 'EMPTY_REASON' | 'INVALID_GROUP' | 'INVALID_KIND';
  message: string;
}

/**
 * Structural checks of a table (for the ADMIN API). Checks that need the statutory holidays
 * (a make-up working day on a public holiday) are done by `WorkingCalendar.validateTable`.
 */
export function validateYearTableShape(table: YearCalendarTable): YearTableProblem[] {
  const problems: YearTableProblem[] = [];
  if (!Number.isInteger(table.year) || table.year < 1900 || table.year > 2199) {
    problems.push({ code: 'INVALID_YEAR', message: `Invalid year ${table.year}` });
    return problems;
  }
  const seen = new Map<string, 'off' | 'working'>();
  const check = (entry: CalendarEntry, kind: 'off' | 'working') => {
    if (!isValidLocalDate(entry.date)) {
      problems.push({ date: entry.date, code: 'INVALID_DATE', message: `Invalid date ${String(entry.date)}` });
      return;
    }
    if (localDateParts(entry.date).year !== table.year) {
      problems.push({ date: entry.date, code: 'WRONG_YEAR', message: `${entry.date} is not in ${table.year}` });
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
      problems.push({ date: entry.date, code: 'EMPTY_REASON', message: `${entry.date} needs a reason` });
    }
    const previous = seen.get(entry.date);
    if (previous === kind) {
      problems.push({ date: entry.date, code: 'DUPLICATE_DATE', message: `${entry.date} is listed twice` });
    } else if (previous) {
      problems.push({ date: entry.date, code: 'BOTH_OFF_AND_WORKING', message: `${entry.date} is both a day off and a working day` });
    }
    seen.set(entry.date, kind);
    if (entry.group !== undefined && !HOLIDAY_GROUPS.includes(entry.group)) {
      problems.push({ date: entry.date, code: 'INVALID_GROUP', message: `Unknown holiday group ${String(entry.group)}` });
    }
    if (entry.kind !== undefined && (kind === 'working' || !['HOLIDAY', 'COMPENSATION', 'SWAP_DAY_OFF'].includes(entry.kind))) {
      problems.push({ date: entry.date, code: 'INVALID_KIND', message: `Invalid kind ${String(entry.kind)} for ${entry.date}` });
    }
    if (kind === 'working' && !isWeekend(entry.date)) {
      problems.push({ date: entry.date, code: 'WORKING_DAY_NOT_WEEKEND', message: `${entry.date} is a weekday; a make-up working day must be a Saturday or Sunday` });
    }
  };
  table.daysOff.forEach((e) => check(e, 'off'));
  table.workingDays.forEach((e) => check(e, 'working'));
  return problems;
}

function range(from: LocalDate, to: LocalDate, reason: string, group?: HolidayGroup): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  let t = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (; t <= end; t += 86_400_000) {
    out.push(group ? { date: new Date(t).toISOString().slice(0, 10), reason, group } : { date: new Date(t).toISOString().slice(0, 10), reason });
  }
  return out;
}

/**
 * 2025, as announced for civil servants (Ministry of Home Affairs notices approved by the Prime
 * Minister): Tết Ất Tỵ 9 days (Sat 25/1 – Sun 2/2); 30/4–1/5: Wed 30/4 – Sun 4/5 with Friday
 * 2/5 swapped for Saturday 26/4; Quốc khánh Sat 30/8 – Tue 2/9 (1/9 the adjacent day).
 * 1/1 (Wed) and Hùng Kings 7/4 (Mon) need no compensation.
 */
export const VN_YEAR_TABLE_2025: YearCalendarTable = {
  year: 2025,
  daysOff: [
    ...range('2025-01-25', '2025-02-02', 'Tết Nguyên Đán Ất Tỵ', 'TET'),
    { date: '2025-05-02', reason: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4)' },
    ...range('2025-05-03', '2025-05-04', 'Nghỉ dịp 30/4–1/5 (cuối tuần)', 'REUNIFICATION_LABOUR'),
    ...range('2025-08-30', '2025-08-31', 'Nghỉ dịp Quốc khánh (cuối tuần)', 'NATIONAL_DAY'),
    { date: '2025-09-01', reason: 'Quốc khánh (ngày liền kề)', group: 'NATIONAL_DAY' },
  ],
  workingDays: [{ date: '2025-04-26', reason: 'Làm bù cho ngày nghỉ 02/5/2025' }],
};

/**
 * 2026 [as given in the issue: Tết Bính Ngọ 14/2–22/2 (9 days); Hùng Kings 26/4 is a Sunday,
 * compensated Monday 27/4; 30/4 (Thu) and 1/5 (Fri); Quốc khánh 29/8–2/9 with Monday 31/8 a
 * swap day off worked on Saturday 22/8].
 */
export const VN_YEAR_TABLE_2026: YearCalendarTable = {
  year: 2026,
  daysOff: [
    ...range('2026-02-14', '2026-02-22', 'Tết Nguyên Đán Bính Ngọ', 'TET'),
    { date: '2026-04-27', reason: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật)', group: 'HUNG_KINGS', kind: 'COMPENSATION' },
    ...range('2026-08-29', '2026-08-30', 'Nghỉ dịp Quốc khánh (cuối tuần)', 'NATIONAL_DAY'),
    { date: '2026-08-31', reason: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8)' },
    { date: '2026-09-01', reason: 'Quốc khánh (ngày liền kề)', group: 'NATIONAL_DAY' },
  ],
  workingDays: [{ date: '2026-08-22', reason: 'Làm bù cho ngày nghỉ 31/8/2026' }],
};

/** The tables shipped with the library (seed data for the service's editable tables). */
export const DEFAULT_YEAR_TABLES: readonly YearCalendarTable[] = [VN_YEAR_TABLE_2025, VN_YEAR_TABLE_2026];
