/**
 * Local dates in Vietnam (UTC+7, no DST) come from `@xaso/calendar`, the platform's one calendar;
 * the petition domain names the two helpers it uses its own way.
 */
import { addDays, isValidLocalDate, toEpochDay, type LocalDate } from '@xaso/calendar';

export { fromEpochDay, startOfLocalDay, toEpochDay, toLocalDate } from '@xaso/calendar';

export const isLocalDate = isValidLocalDate;
export const addCalendarDays: (date: LocalDate, days: number) => LocalDate = addDays;

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}
