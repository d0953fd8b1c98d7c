import {
  addDays,
  atLocalTime,
  dayOfWeek,
  isValidLocalDate,
  localDate,
  localMinutesOfDay,
  parseTimeOfDay,
  toEpochDay,
  toLocalDate,
  fromEpochDay,
  daysBetween,
  todayInVietnam,
} from './local-date';

describe('local dates in Asia/Ho_Chi_Minh (UTC+7)', () => {
  it('2026-03-02T08:30:00Z is 15:30 local on 2026-03-02', () => {
    const t = new Date('2026-03-02T08:30:00Z');
    expect(toLocalDate(t)).toBe('2026-03-02');
    expect(localMinutesOfDay(t)).toBe(15 * 60 + 30);
  });

  it('17:00 UTC is already the next local day', () => {
    expect(toLocalDate(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(toLocalDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
    expect(localMinutesOfDay(new Date('2025-12-31T17:00:00Z'))).toBe(0);
  });

  it('atLocalTime is the inverse', () => {
    expect(atLocalTime('2026-03-02', 17 * 60).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(atLocalTime('2026-01-01', 0).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('validates dates', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2025-02-29')).toBe(false);
    expect(isValidLocalDate('2025-13-01')).toBe(false);
    expect(isValidLocalDate('2025-1-01')).toBe(false);
    expect(isValidLocalDate(20250101)).toBe(false);
    expect(() => localDate(2025, 2, 30)).toThrow(RangeError);
  });

  it('days of the week and arithmetic across years', () => {
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2025-04-26')).toBe(6); // Saturday
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(fromEpochDay(toEpochDay('2030-02-02'))).toBe('2030-02-02');
  });

  it('parses HH:MM', () => {
    expect(parseTimeOfDay('15:00')).toBe(900);
    expect(() => parseTimeOfDay('24:00')).toThrow(RangeError);
  });

  it('counts days between local dates and names today in Vietnam', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(todayInVietnam(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(todayInVietnam(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
  });
});
