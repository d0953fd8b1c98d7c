/** A calendar day as `YYYY-MM-DD` (no time, no zone). ISO strings order like the days they name. */
export type CalendarDate = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): value is CalendarDate {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today in Vietnam (UTC+7, no daylight saving): the default `asOf` of every lookup. */
export function todayInVietnam(now: Date = new Date()): CalendarDate {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
