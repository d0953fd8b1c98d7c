/**
 * Local dates and instants in Vietnam.
 *
 * - A *local date* is a plain `YYYY-MM-DD` string meaning a calendar day in Asia/Ho_Chi_Minh.
 * - An *instant* is a JS `Date` (a point on the UTC time line).
 * - Vietnam uses UTC+7 all year round (no daylight saving time since 1975), so conversions are
 *   a fixed offset: 2026-03-02T08:30:00Z is 2026-03-02 15:30 local time.
 *
 * Internally days are handled as integer "epoch days" (days since 1970-01-01) for speed.
 */

/** A calendar day in Asia/Ho_Chi_Minh, formatted `YYYY-MM-DD`. */
export type LocalDate = string;

/** Vietnam's UTC offset in minutes (UTC+7, no DST). */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;
/** Vietnam's UTC offset in hours, as used by the lunar calendar algorithm. */
export const VN_TIME_ZONE_HOURS = 7;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days of the week as returned by {@link dayOfWeek}: 0 = Sunday … 6 = Saturday (like `Date#getUTCDay`). */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function assertLocalDate(value: unknown, what = 'date'): asserts value is LocalDate {
  if (!isValidLocalDate(value)) {
    throw new RangeError(`Invalid ${what}: ${String(value)} (expected a real calendar day as YYYY-MM-DD)`);
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Builds a local date from numbers (month 1–12). */
export function localDate(year: number, month: number, day: number): LocalDate {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  assertLocalDate(s);
  return s;
}

/** Splits a local date into numbers (month 1–12). */
export function localDateParts(date: LocalDate): { year: number; month: number; day: number } {
  assertLocalDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 for a local date. */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = localDateParts(date);
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The local date of an epoch day. */
export function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Negative when a < b, 0 when equal, positive when a > b (ISO strings compare lexically). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  assertLocalDate(a);
  assertLocalDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 4) % 7) + 7) % 7) as DayOfWeek;
}

export function isWeekend(date: LocalDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The local date (Asia/Ho_Chi_Minh) of an instant. */
export function toLocalDate(instant: Date): LocalDate {
  assertInstant(instant);
  return new Date(instant.getTime() + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE).toISOString().slice(0, 10);
}

/** Today in Vietnam (`toLocalDate(now)`): the default "as of" day of lookups. */
export function todayInVietnam(now: Date = new Date()): LocalDate {
  return toLocalDate(now);
}

/** Minutes since local midnight (0–1439, fractional for seconds/ms) of an instant. */
export function localMinutesOfDay(instant: Date): number {
  assertInstant(instant);
  const localMs = instant.getTime() + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
  return (((localMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE;
}

/** The instant at `minutesOfDay` local time on a local date, e.g. `atLocalTime('2026-03-02', 17 * 60)` = 2026-03-02T10:00:00Z. */
export function atLocalTime(date: LocalDate, minutesOfDay = 0): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY + (minutesOfDay - VN_UTC_OFFSET_MINUTES) * MS_PER_MINUTE);
}

/** Local midnight at the start of a local date. */
export function startOfLocalDay(date: LocalDate): Date {
  return atLocalTime(date, 0);
}

/** `HH:MM` → minutes since midnight. */
export function parseTimeOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Invalid time of day: ${hhmm} (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
}
