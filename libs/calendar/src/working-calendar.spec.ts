import { WorkingCalendar, CalendarTableError } from './working-calendar';
import { addDays, isWeekend } from './local-date';
import { VN_YEAR_TABLE_2025, VN_YEAR_TABLE_2026, YearCalendarTable } from './year-table';

const cal = new WorkingCalendar();
const rulesOnly = new WorkingCalendar([]);

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('WorkingCalendar — weekends and fixed holidays', () => {
  it('ordinary weeks', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.holidayName('2026-03-07')).toBeNull();
    expect(cal.describeDay('2026-03-07').kind).toBe('WEEKEND');
    expect(cal.describeDay('2026-03-02').kind).toBe('WORKDAY');
  });

  it.each(['2025-01-01', '2026-01-01', '2027-01-01', '2030-01-01', '2035-01-01'])('1 Jan %s is off', (d) => {
    expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.holidayName(d)).toMatch(/Tết Dương lịch/);
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035])('30/4, 1/5, 2/9 and Hùng Kings of %i are off', (y) => {
    for (const d of [`${y}-04-30`, `${y}-05-01`, `${y}-09-02`]) expect(cal.isWorkingDay(d)).toBe(false);
  });

  it('Hùng Kings days are off', () => {
    for (const d of ['2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16', '2030-04-12']) {
      expect(cal.isWorkingDay(d)).toBe(false);
      expect(cal.holidayName(d)).toMatch(/Hùng Vương/);
    }
  });

  it('every year 2020–2035 has exactly 11 statutory holiday days off on weekdays or as nghỉ bù (rules only)', () => {
    for (let y = 2020; y <= 2035; y++) {
      const offWeekdays = rulesOnly.specialDays(y).filter((d) => !d.working && !isWeekend(d.date));
      expect({ y, n: offWeekdays.length }).toEqual({ y, n: 11 });
    }
  });
});

describe('nghỉ bù (a holiday on a weekly rest day moves to the next working day) — rules', () => {
  it('1 Jan 2023 (Sunday) → Monday 2 Jan', () => {
    expect(rulesOnly.describeDay('2023-01-02')).toMatchObject({ working: false, kind: 'COMPENSATION' });
    expect(rulesOnly.isWorkingDay('2023-01-03')).toBe(true);
  });

  it('2023: Hùng Kings Sat 29/4, 30/4 Sun, 1/5 Mon → 2/5 and 3/5 off (as announced that year)', () => {
    expect(range('2023-04-29', '2023-05-03').map((d) => rulesOnly.isWorkingDay(d))).toEqual([false, false, false, false, false]);
    expect(rulesOnly.isWorkingDay('2023-05-04')).toBe(true);
  });

  it('2023: 2/9 Saturday with 1/9 adjacent → Monday 4/9 off (as announced)', () => {
    expect(range('2023-09-01', '2023-09-05').map((d) => rulesOnly.isWorkingDay(d))).toEqual([false, false, false, false, true]);
  });

  it('2024: 2/9 Monday, 1/9 Sunday → the adjacent day is 3/9 (as announced)', () => {
    expect(rulesOnly.isWorkingDay('2024-09-03')).toBe(false);
    expect(rulesOnly.isWorkingDay('2024-09-04')).toBe(true);
  });

  it('2027: 1/5 Saturday → Monday 3/5', () => {
    expect(rulesOnly.describeDay('2027-05-03').kind).toBe('COMPENSATION');
  });

  it('2028: 30/4 Sunday, 1/5 Monday → Tuesday 2/5', () => {
    expect(rulesOnly.isWorkingDay('2028-05-01')).toBe(false);
    expect(rulesOnly.describeDay('2028-05-02').kind).toBe('COMPENSATION');
    expect(rulesOnly.isWorkingDay('2028-05-03')).toBe(true);
  });

  it('2026 Hùng Kings on Sunday 26/4 → Monday 27/4 both by rule and by the table', () => {
    expect(rulesOnly.describeDay('2026-04-27').kind).toBe('COMPENSATION');
    expect(cal.describeDay('2026-04-27')).toMatchObject({ working: false, kind: 'COMPENSATION' });
    expect(cal.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('default Tết without a table: 30 Tết + mùng 1–4 plus nghỉ bù (2027: 5/2–9/2, Sat/Sun → 10/2, 11/2)', () => {
    expect(range('2027-02-05', '2027-02-11').every((d) => !cal.isWorkingDay(d))).toBe(true);
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
  });
});

describe('2025 table', () => {
  it('Tết Ất Tỵ 25/1–2/2 off, 3/2 back to work', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    for (const d of range('2025-01-25', '2025-02-02')) {
      expect(cal.isWorkingDay(d)).toBe(false);
      expect(cal.holidayName(d)).toMatch(/Tết Nguyên Đán/);
    }
    expect(cal.isWorkingDay('2025-02-03')).toBe(true); // the table decides Tết: no rule nghỉ bù for Sat 1/2
  });

  it('30/4–1/5: 30/4–4/5 off, Saturday 26/4 worked', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.describeDay('2025-04-26').kind).toBe('MAKEUP_WORKING_DAY');
    expect(cal.isWorkingDay('2025-04-27')).toBe(false); // Sunday stays off
    expect(cal.isWorkingDay('2025-04-29')).toBe(true);
    for (const d of range('2025-04-30', '2025-05-04')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.describeDay('2025-05-02').kind).toBe('SWAP_DAY_OFF');
    expect(cal.isWorkingDay('2025-05-05')).toBe(true);
  });

  it('2/9: 30/8–2/9 off', () => {
    expect(cal.isWorkingDay('2025-08-29')).toBe(true);
    for (const d of range('2025-08-30', '2025-09-02')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-09-03')).toBe(true);
  });

  it('2025 has 365 − 104 weekend days − 12 weekdays off + 1 make-up Saturday = 250 working days', () => {
    // weekday days off in 2025: 1/1, Tết 27–31/1 (5), 7/4, 30/4, 1/5, 2/5 (swap), 1/9, 2/9 = 12
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(365 - 104 - 12 + 1);
  });
});

describe('2026 table', () => {
  it('Tết Bính Ngọ 14/2–22/2 off', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    for (const d of range('2026-02-14', '2026-02-22')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('2/9: 29/8–2/9 off, Saturday 22/8 worked', () => {
    expect(cal.describeDay('2026-08-22')).toMatchObject({ working: true, kind: 'MAKEUP_WORKING_DAY' });
    expect(cal.isWorkingDay('2026-08-23')).toBe(false);
    expect(cal.isWorkingDay('2026-08-28')).toBe(true);
    for (const d of range('2026-08-29', '2026-09-02')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.describeDay('2026-08-31').kind).toBe('SWAP_DAY_OFF');
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('without the table, the 2026 rules would give other days (the table matters)', () => {
    // rules: 30 Tết (Mon 16/2) + mùng 1–4 (17–20/2), no weekend → no nghỉ bù
    expect(range('2026-02-16', '2026-02-20').every((d) => !rulesOnly.isWorkingDay(d))).toBe(true);
    expect(rulesOnly.isWorkingDay('2026-02-23')).toBe(true);
    expect(rulesOnly.isWorkingDay('2026-08-22')).toBe(false);
  });
});

describe('addWorkingDays / workingDaysBetween / nextWorkingDay', () => {
  it('across the year boundary with 1 Jan', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02'); // Thu 1/1 off
    expect(cal.addWorkingDays('2025-12-30', 3)).toBe('2026-01-05'); // 31/12, 2/1, 5/1
    expect(cal.workingDaysBetween('2025-12-26', '2026-01-05')).toBe(5); // 29, 30, 31, 2, 5
    expect(cal.nextWorkingDay('2026-12-31')).toBe('2027-01-04'); // Fri 1/1/2027 off, weekend
    expect(cal.previousWorkingDay('2026-01-02')).toBe('2025-12-31');
  });

  it('across Tết 2025', () => {
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(cal.addWorkingDays('2025-01-22', 5)).toBe('2025-02-05'); // 23, 24, 3, 4, 5
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
  });

  it('across Tết 2026', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-11', 3)).toBe('2026-02-23'); // 12, 13, 23
    expect(cal.addWorkingDays('2026-02-23', -2)).toBe('2026-02-12');
  });

  it('the 2025 make-up Saturday counts', () => {
    expect(cal.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(cal.addWorkingDays('2025-04-25', 3)).toBe('2025-04-29'); // 26, 28, 29
    expect(cal.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
  });

  it('the 2026 make-up Saturday counts', () => {
    expect(cal.addWorkingDays('2026-08-21', 1)).toBe('2026-08-22');
    expect(cal.addWorkingDays('2026-08-27', 2)).toBe('2026-09-03'); // 28, 3/9
  });

  it('n = 0 returns the start; non-integers are rejected', () => {
    expect(cal.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
    expect(() => cal.addWorkingDays('2026-02-15', 1.5)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('property: workingDaysBetween(d, addWorkingDays(d, n)) === n for every day 2024-12-01…2027-01-31 and n ∈ −25…25', () => {
    let checks = 0;
    for (let d = '2024-12-01'; d <= '2027-01-31'; d = addDays(d, 1)) {
      for (let n = -25; n <= 25; n += 1) {
        const r = cal.addWorkingDays(d, n);
        // for n < 0 the identity holds when d itself is a working day; otherwise it is off by d's absence
        const expected = n >= 0 || cal.isWorkingDay(d) ? n : n + 1;
        if (cal.workingDaysBetween(d, r) !== expected) throw new Error(`failed for ${d}, ${n}: ${r}`);
        if (n !== 0 && !cal.isWorkingDay(r)) throw new Error(`${r} is not a working day`);
        checks++;
      }
    }
    expect(checks).toBeGreaterThan(40_000);
  });

  it('property: workingDaysBetween is additive and antisymmetric', () => {
    const days = range('2025-12-20', '2026-03-10');
    for (let i = 0; i < days.length; i += 3) {
      for (let j = 0; j < days.length; j += 5) {
        const a = days[i];
        const b = days[j];
        const m = days[(i + j) % days.length];
        expect(cal.workingDaysBetween(a, b)).toBe(cal.workingDaysBetween(a, m) + cal.workingDaysBetween(m, b));
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
      }
    }
  });

  it('property: nextWorkingDay is the first working day after, for every day 2020–2035', () => {
    for (let d = '2020-01-01'; d <= '2035-12-31'; d = addDays(d, 1)) {
      const next = cal.nextWorkingDay(d);
      if (!cal.isWorkingDay(next)) throw new Error(next);
      for (let x = addDays(d, 1); x < next; x = addDays(x, 1)) if (cal.isWorkingDay(x)) throw new Error(`${x} skipped`);
    }
  });
});

describe('tables: validation and editing', () => {
  it('ships valid 2025 and 2026 tables', () => {
    expect(WorkingCalendar.validateTable(VN_YEAR_TABLE_2025)).toEqual([]);
    expect(WorkingCalendar.validateTable(VN_YEAR_TABLE_2026)).toEqual([]);
    expect(cal.tableYears()).toEqual([2025, 2026]);
  });

  it('rejects bad tables', () => {
    const bad: YearCalendarTable = {
      year: 2027,
      daysOff: [
        { date: '2027-02-30', reason: 'x' },
        { date: '2026-12-31', reason: 'wrong year' },
        { date: '2027-03-01', reason: '' },
        { date: '2027-03-02', reason: 'a' },
        { date: '2027-03-02', reason: 'b' },
      ],
      workingDays: [
        { date: '2027-03-03', reason: 'a Wednesday' },
        { date: '2027-05-01', reason: 'Labour Day is a Saturday in 2027' },
      ],
    };
    const codes = WorkingCalendar.validateTable(bad).map((p) => p.code).sort();
    expect(codes).toEqual(['DUPLICATE_DATE', 'EMPTY_REASON', 'INVALID_DATE', 'WORKING_DAY_NOT_WEEKEND', 'WRONG_YEAR']);
    const holidayWorked: YearCalendarTable = { year: 2027, daysOff: [], workingDays: [{ date: '2027-05-01', reason: 'no' }] };
    expect(WorkingCalendar.validateTable(holidayWorked).map((p) => p.code)).toEqual(['WORKING_DAY_IS_HOLIDAY']);
    expect(() => new WorkingCalendar([holidayWorked])).toThrow(CalendarTableError);
    const both: YearCalendarTable = { year: 2027, daysOff: [{ date: '2027-03-06', reason: 'a' }], workingDays: [{ date: '2027-03-06', reason: 'b' }] };
    expect(WorkingCalendar.validateTable(both).map((p) => p.code)).toEqual(['BOTH_OFF_AND_WORKING']);
    expect(() => new WorkingCalendar([VN_YEAR_TABLE_2025, VN_YEAR_TABLE_2025])).toThrow(CalendarTableError);
  });

  it('an ADMIN edit (new calendar with a replaced table) changes the answers; the old calendar is unchanged', () => {
    const table2027: YearCalendarTable = {
      year: 2027,
      daysOff: [
        { date: '2027-02-04', reason: 'Tết Đinh Mùi', group: 'TET' },
        { date: '2027-02-05', reason: 'Tết Đinh Mùi', group: 'TET' },
        { date: '2027-02-08', reason: 'Tết Đinh Mùi', group: 'TET' },
        { date: '2027-02-09', reason: 'Tết Đinh Mùi', group: 'TET' },
        { date: '2027-02-10', reason: 'Tết Đinh Mùi', group: 'TET' },
      ],
      workingDays: [{ date: '2027-01-30', reason: 'Làm bù' }],
    };
    const edited = cal.withTable(table2027);
    expect(edited.isWorkingDay('2027-02-04')).toBe(false);
    expect(edited.isWorkingDay('2027-02-11')).toBe(true); // rule nghỉ bù dropped: the table decides Tết
    expect(edited.isWorkingDay('2027-01-30')).toBe(true);
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-11')).toBe(false);
    expect(edited.tableYears()).toEqual([2025, 2026, 2027]);
  });

  it('a table tagging only Tết still gets the rule-derived 2/9 adjacent day and nghỉ bù', () => {
    const only: YearCalendarTable = { year: 2029, daysOff: [{ date: '2029-02-12', reason: 'Tết', group: 'TET' }], workingDays: [] };
    const c = new WorkingCalendar([only]);
    expect(c.isWorkingDay('2029-02-14')).toBe(true); // only what the table says for Tết
    expect(c.isWorkingDay('2029-09-03')).toBe(false); // 2/9 2029 is a Sunday: 1/9 Sat → adjacent 3/9
    expect(c.isWorkingDay('2029-09-04')).toBe(false); // nghỉ bù for Sunday 2/9
    expect(c.isWorkingDay('2029-09-05')).toBe(true);
  });

  it('tableFor returns a copy', () => {
    const t = cal.tableFor(2025)!;
    t.daysOff.length = 0;
    expect(cal.tableFor(2025)!.daysOff.length).toBeGreaterThan(0);
    expect(cal.tableFor(2024)).toBeUndefined();
  });

  it('refuses years outside 1900–2199', () => {
    expect(() => cal.isWorkingDay('2200-01-01')).toThrow(RangeError);
  });
});
