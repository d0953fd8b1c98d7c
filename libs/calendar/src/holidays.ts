/**
 * The fixed rules of the Vietnamese working calendar [Labour Code 2019 (Law 45/2019/QH14)]:
 * - Art. 111(3) and Decision 188/1999/QĐ-TTg (40-hour week): in state agencies the weekly rest days are Saturday
 *   and Sunday; "if a weekly rest day coincides with a public holiday in Art. 112(1), the
 *   employee takes the rest day on the next working day" (nghỉ bù).
 * - Art. 112(1) public holidays: Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Ngày Chiến thắng
 *   1 day (30/4); Ngày Quốc tế lao động 1 day (1/5); Quốc khánh 2 days (2/9 and one adjacent
 *   day before or after); Giỗ Tổ Hùng Vương 1 day (10/3 lunar).
 * - Art. 112(3): the Prime Minister decides the concrete Tết days and the 2/9 adjacent day each
 *   year — hence the per-year tables, which override the defaults computed here.
 */
import { HolidayGroup } from './year-table';
import { LocalDate, addDays, isWeekend, localDate } from './local-date';
import { hungKingsDate, tetDate } from './lunar';

export interface StatutoryHoliday {
  date: LocalDate;
  group: HolidayGroup;
  name: string;
  /**
   * A *core* day is named by the law itself (1/1, 10/3 lunar, 30/4, 1/5, 2/9): always off,
   * whatever the year's table says. Non-core days (the 5 Tết days, the 2/9 adjacent day) are
   * defaults that a year table may replace.
   */
  core: boolean;
}

export const HOLIDAY_NAMES = {
  NEW_YEAR: 'Tết Dương lịch (1/1)',
  TET_EVE: 'Tết Nguyên Đán (30 Tết — ngày cuối năm âm lịch)',
  TET: 'Tết Nguyên Đán',
  HUNG_KINGS: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  REUNIFICATION: 'Ngày Chiến thắng (30/4)',
  LABOUR: 'Ngày Quốc tế Lao động (1/5)',
  NATIONAL_DAY: 'Quốc khánh (2/9)',
  NATIONAL_DAY_ADJACENT: 'Quốc khánh (ngày liền kề 2/9)',
} as const;

/**
 * The statutory holidays of a Gregorian year before compensation, with the default choices
 * where the law leaves them to a yearly decision:
 * - Tết: the last day of the lunar year and the first 4 days of the new one (the usual
 *   pattern of the decisions: "01 ngày cuối năm và 04 ngày đầu năm âm lịch").
 * - 2/9 adjacent day: 1/9 when it is a working weekday, otherwise 3/9 (as decided in 2023:
 *   1–2/9 + Monday 4/9 compensation; 2024: 2–3/9).
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const tet = tetDate(year);
  const d = (m: number, day: number) => localDate(year, m, day);
  const sep1 = d(9, 1);
  const adjacent = isWeekend(sep1) ? d(9, 3) : sep1;
  const list: StatutoryHoliday[] = [
    { date: d(1, 1), group: 'NEW_YEAR', name: HOLIDAY_NAMES.NEW_YEAR, core: true },
    { date: addDays(tet, -1), group: 'TET', name: HOLIDAY_NAMES.TET_EVE, core: false },
    { date: tet, group: 'TET', name: `${HOLIDAY_NAMES.TET} (mùng 1)`, core: false },
    { date: addDays(tet, 1), group: 'TET', name: `${HOLIDAY_NAMES.TET} (mùng 2)`, core: false },
    { date: addDays(tet, 2), group: 'TET', name: `${HOLIDAY_NAMES.TET} (mùng 3)`, core: false },
    { date: addDays(tet, 3), group: 'TET', name: `${HOLIDAY_NAMES.TET} (mùng 4)`, core: false },
    { date: hungKingsDate(year), group: 'HUNG_KINGS', name: HOLIDAY_NAMES.HUNG_KINGS, core: true },
    { date: d(4, 30), group: 'REUNIFICATION_LABOUR', name: HOLIDAY_NAMES.REUNIFICATION, core: true },
    { date: d(5, 1), group: 'REUNIFICATION_LABOUR', name: HOLIDAY_NAMES.LABOUR, core: true },
    { date: d(9, 2), group: 'NATIONAL_DAY', name: HOLIDAY_NAMES.NATIONAL_DAY, core: true },
    { date: adjacent, group: 'NATIONAL_DAY', name: HOLIDAY_NAMES.NATIONAL_DAY_ADJACENT, core: false },
  ];
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
