import { hungKingsDate, jdFromDate, jdToDate, lunarToSolar, solarToLunar, tetDate } from './lunar';
import { addDays } from './local-date';

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  // Tết Nguyên Đán as published for Vietnam. 2030 is 02-02, not 02-03: the new moon is at
  // 2030-02-02 16:07 UTC = 23:07 in Vietnam (UTC+7) but 00:07 on 02-03 in China (UTC+8), so
  // Chinese New Year 2030 is 02-03 while Tết is 02-02 (checked independently with Meeus'
  // full new-moon series, ch. 49).
  const tet: Array<[number, string]> = [
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-02'],
    [2031, '2031-01-23'],
    [2032, '2032-02-11'],
    [2033, '2033-01-31'],
    [2034, '2034-02-19'],
    [2035, '2035-02-08'],
  ];
  it.each(tet)('Tết %i is %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
    // the day before is the last day of the previous lunar year (month 12, day 29 or 30)
    const eve = solarToLunar(addDays(date, -1));
    expect(eve).toMatchObject({ year: year - 1, month: 12, leap: false });
    expect([29, 30]).toContain(eve.day);
  });

  it('Tết 2030 in Vietnam (UTC+7) differs from the UTC+8 (Chinese) date', () => {
    expect(lunarToSolar({ year: 2030, month: 1, day: 1 }, 7)).toBe('2030-02-02');
    expect(lunarToSolar({ year: 2030, month: 1, day: 1 }, 8)).toBe('2030-02-03');
  });

  const hung: Array<[number, string]> = [
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
    [2031, '2031-04-01'],
    [2032, '2032-04-19'],
    [2033, '2033-04-09'],
    [2034, '2034-04-28'],
    [2035, '2035-04-17'],
  ];
  it.each(hung)('Giỗ Tổ Hùng Vương %i is %s', (year, date) => {
    expect(hungKingsDate(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it('round-trips every day of 2019–2036 (solar → lunar → solar)', () => {
    let date = '2019-01-01';
    let days = 0;
    while (date <= '2036-12-31') {
      const l = solarToLunar(date);
      expect(lunarToSolar(l)).toBe(date);
      date = addDays(date, 1);
      days++;
    }
    expect(days).toBe(6575);
  });

  it('knows leap months: 2020 has a leap 4th month, 2023 a leap 2nd month, 2025 a leap 6th month', () => {
    expect(lunarToSolar({ year: 2020, month: 4, day: 1, leap: true })).toBe('2020-05-23');
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(() => lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2020, month: 5, day: 1, leap: true })).toThrow(RangeError);
  });

  it('rejects impossible lunar dates', () => {
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 1, day: 31 })).toThrow(RangeError);
    // a 29-day month has no day 30: lunar 12/2025 (Ất Tỵ) ends on 2026-02-16 with day 29
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30 })).toThrow(RangeError);
  });

  it('Julian day numbers round-trip', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdToDate(2451545)).toEqual([1, 1, 2000]);
    expect(jdToDate(jdFromDate(29, 2, 2028))).toEqual([29, 2, 2028]);
  });
});
