/**
 * Minimal local-date helpers (Asia/Ho_Chi_Minh is UTC+7 all year, no DST). Calendar-day
 * arithmetic only: working days come from `@xaso/calendar` through the `AddDaysPort`.
 */
import type { LocalDate } from './petition.types';

const MS_PER_DAY = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !LOCAL_DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day in Vietnam on which an instant falls. */
export function toLocalDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function toEpochDay(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`Invalid local date ${date}`);
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function fromEpochDay(day: number): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The first instant (UTC) of a local day in Vietnam. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - VN_OFFSET_MS);
}
