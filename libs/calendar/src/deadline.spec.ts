import {
  DeadlineCalculator,
  DEFAULT_DEADLINE_POLICY,
  classifyResolution,
  dueDateFor,
  isDueWithin,
  isOverdue,
} from './deadline';
import { WorkingCalendar } from './working-calendar';
import { atLocalTime, toLocalDate } from './local-date';

const cal = new WorkingCalendar();
const calc = new DeadlineCalculator(cal);
/** Local wall-clock time → instant. */
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atLocalTime(date, h * 60 + m);
};
const due = (date: string) => at(date, '17:00');

describe('effective receipt day and the 15:00 cut-off', () => {
  // Monday 2026-03-02
  it.each([
    ['DIRECT', '14:59', '2026-03-02'],
    ['DIRECT', '15:00', '2026-03-02'],
    ['DIRECT', '15:01', '2026-03-03'],
    ['POSTAL', '14:59', '2026-03-02'],
    ['POSTAL', '15:00', '2026-03-02'],
    ['POSTAL', '15:01', '2026-03-03'],
    ['ONLINE', '15:01', '2026-03-02'],
    ['ONLINE', '17:00', '2026-03-02'],
    ['ONLINE', '17:01', '2026-03-03'],
    ['ONLINE', '06:00', '2026-03-02'],
    ['ONLINE', '23:59', '2026-03-03'],
  ] as const)('%s at %s local on Mon 2026-03-02 counts as received %s', (channel, time, expected) => {
    expect(calc.effectiveReceiptDate(at('2026-03-02', time), channel)).toBe(expected);
  });

  it('15:00:00.001 is after 15:00', () => {
    expect(calc.effectiveReceiptDate(new Date(at('2026-03-02', '15:00').getTime() + 1), 'DIRECT')).toBe('2026-03-03');
  });

  it('the issue example: 2026-03-02T08:30:00Z is 15:30 local → a paper dossier counts from Tuesday', () => {
    expect(calc.effectiveReceiptDate(new Date('2026-03-02T08:30:00Z'), 'DIRECT')).toBe('2026-03-03');
    expect(calc.dueDateFor({ receivedAt: new Date('2026-03-02T08:30:00Z'), workingDays: 3, channel: 'DIRECT' })).toEqual(due('2026-03-06'));
    expect(calc.dueDateFor({ receivedAt: new Date('2026-03-02T08:30:00Z'), workingDays: 3, channel: 'ONLINE' })).toEqual(due('2026-03-05'));
  });

  it.each(['ONLINE', 'DIRECT', 'POSTAL'] as const)('%s received on a weekend or holiday counts from the next working day', (channel) => {
    expect(calc.effectiveReceiptDate(at('2026-03-07', '09:00'), channel)).toBe('2026-03-09'); // Saturday
    expect(calc.effectiveReceiptDate(at('2026-02-17', '09:00'), channel)).toBe('2026-02-23'); // mùng 1 Tết
    expect(calc.effectiveReceiptDate(at('2026-01-01', '10:00'), channel)).toBe('2026-01-02');
  });

  it('the make-up Saturday is a normal working day for receipt (2025-04-26 at 10:00 / 16:00)', () => {
    expect(calc.effectiveReceiptDate(at('2025-04-26', '10:00'), 'DIRECT')).toBe('2025-04-26');
    expect(calc.effectiveReceiptDate(at('2025-04-26', '16:00'), 'DIRECT')).toBe('2025-04-28');
  });
});

describe('dueDateFor', () => {
  it('day of receipt is not counted; due at 17:00 local', () => {
    const d = calc.dueDateFor({ receivedAt: at('2026-03-02', '09:00'), workingDays: 1, channel: 'DIRECT' });
    expect(d).toEqual(due('2026-03-03'));
    expect(d!.toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it.each([
    ['14:59', '2026-03-03'],
    ['15:00', '2026-03-03'],
    ['15:01', '2026-03-04'],
  ])('1 working day, paper received Mon %s → due %s', (time, expected) => {
    expect(calc.dueDateFor({ receivedAt: at('2026-03-02', time), workingDays: 1, channel: 'DIRECT' })).toEqual(due(expected));
  });

  it.each([
    ['14:59', '2026-03-02'],
    ['15:00', '2026-03-02'],
    ['15:01', '2026-03-03'],
  ])('same-day procedure (0 days), paper received Mon %s → due %s', (time, expected) => {
    expect(calc.dueDateFor({ receivedAt: at('2026-03-02', time), workingDays: 0, channel: 'POSTAL' })).toEqual(due(expected));
  });

  it('Friday after 15:00 with 1 day → Tuesday', () => {
    expect(calc.dueDateFor({ receivedAt: at('2026-03-06', '15:30'), workingDays: 1, channel: 'DIRECT' })).toEqual(due('2026-03-10'));
  });

  it('across the year boundary with 1 Jan', () => {
    expect(calc.dueDateFor({ receivedAt: at('2025-12-30', '10:00'), workingDays: 3, channel: 'DIRECT' })).toEqual(due('2026-01-05'));
    expect(calc.dueDateFor({ receivedAt: at('2025-12-31', '16:00'), workingDays: 1, channel: 'DIRECT' })).toEqual(due('2026-01-05'));
    expect(calc.dueDateFor({ receivedAt: at('2026-12-31', '08:00'), workingDays: 2, channel: 'ONLINE' })).toEqual(due('2027-01-05'));
  });

  it('across Tết 2025 (25/1–2/2)', () => {
    expect(calc.dueDateFor({ receivedAt: at('2025-01-23', '09:00'), workingDays: 3, channel: 'DIRECT' })).toEqual(due('2025-02-04'));
    expect(calc.dueDateFor({ receivedAt: at('2025-01-24', '15:30'), workingDays: 1, channel: 'DIRECT' })).toEqual(due('2025-02-04'));
    expect(calc.dueDateFor({ receivedAt: at('2025-01-29', '09:00'), workingDays: 1, channel: 'ONLINE' })).toEqual(due('2025-02-04'));
  });

  it('across Tết 2026 (14/2–22/2)', () => {
    expect(calc.dueDateFor({ receivedAt: at('2026-02-12', '10:00'), workingDays: 5, channel: 'DIRECT' })).toEqual(due('2026-02-26'));
    expect(calc.dueDateFor({ receivedAt: at('2026-02-13', '16:00'), workingDays: 0, channel: 'DIRECT' })).toEqual(due('2026-02-23'));
  });

  it('the 2025 swap: Saturday 26/4 counts, 30/4–4/5 do not', () => {
    expect(calc.dueDateFor({ receivedAt: at('2025-04-25', '09:00'), workingDays: 1, channel: 'DIRECT' })).toEqual(due('2025-04-26'));
    expect(calc.dueDateFor({ receivedAt: at('2025-04-25', '09:00'), workingDays: 3, channel: 'DIRECT' })).toEqual(due('2025-04-29'));
    expect(calc.dueDateFor({ receivedAt: at('2025-04-25', '09:00'), workingDays: 4, channel: 'DIRECT' })).toEqual(due('2025-05-05'));
  });

  it('2026-08-22 worked, 29/8–2/9 off', () => {
    expect(calc.dueDateFor({ receivedAt: at('2026-08-21', '09:00'), workingDays: 1, channel: 'ONLINE' })).toEqual(due('2026-08-22'));
    expect(calc.dueDateFor({ receivedAt: at('2026-08-27', '09:00'), workingDays: 2, channel: 'ONLINE' })).toEqual(due('2026-09-03'));
  });

  it('Hùng Kings 2026 compensation day (Mon 27/4) is skipped', () => {
    expect(calc.dueDateFor({ receivedAt: at('2026-04-24', '09:00'), workingDays: 1, channel: 'DIRECT' })).toEqual(due('2026-04-28'));
  });

  it('functional form and details', () => {
    expect(dueDateFor(cal, { receivedAt: at('2026-03-02', '09:00'), workingDays: 2, channel: 'ONLINE' })).toEqual(due('2026-03-04'));
    expect(calc.deadlineFor({ receivedAt: at('2026-03-02', '16:00'), workingDays: 2, channel: 'DIRECT' })).toEqual({
      receiptDate: '2026-03-03',
      dueDate: '2026-03-05',
      dueAt: due('2026-03-05'),
      pausedWorkingDays: 0,
      openPause: false,
    });
  });

  it('rejects negative or fractional working days', () => {
    expect(() => calc.dueDateFor({ receivedAt: at('2026-03-02', '09:00'), workingDays: -1, channel: 'DIRECT' })).toThrow(RangeError);
    expect(() => calc.dueDateFor({ receivedAt: at('2026-03-02', '09:00'), workingDays: 1.5, channel: 'DIRECT' })).toThrow(RangeError);
  });

  it('property: without pauses, due day = addWorkingDays(effective receipt day, n) and is a working day', () => {
    const times = ['07:00', '14:59', '15:01', '17:30'];
    for (let t = at('2025-12-15', '00:00').getTime(); t < at('2026-03-15', '00:00').getTime(); t += 86_400_000) {
      const day = toLocalDate(new Date(t));
      for (const time of times) {
        for (const channel of ['ONLINE', 'DIRECT'] as const) {
          for (const n of [0, 1, 3, 5, 10, 15]) {
            const r = calc.deadlineFor({ receivedAt: at(day, time), workingDays: n, channel });
            expect(r.dueDate).toBe(cal.addWorkingDays(r.receiptDate, n));
            expect(cal.isWorkingDay(r.dueDate!)).toBe(true);
            expect(cal.workingDaysBetween(r.receiptDate, r.dueDate!)).toBe(n);
          }
        }
      }
    }
  });
});

describe('supplement pauses', () => {
  const base = { receivedAt: at('2026-03-02', '09:00'), workingDays: 5, channel: 'DIRECT' as const };
  // without pause: due Mon 2026-03-09

  it('baseline', () => {
    expect(calc.dueDateFor(base)).toEqual(due('2026-03-09'));
  });

  it('Tue 10:00 → Thu 14:00 pauses Tue and Wed (paused at their 17:00): +2 working days', () => {
    const r = calc.deadlineFor({ ...base, pauses: [{ from: at('2026-03-03', '10:00'), to: at('2026-03-05', '14:00') }] });
    expect(r.pausedWorkingDays).toBe(2);
    expect(r.dueAt).toEqual(due('2026-03-11'));
  });

  it('a pause opened and closed on the same day pauses nothing', () => {
    expect(calc.dueDateFor({ ...base, pauses: [{ from: at('2026-03-03', '08:00'), to: at('2026-03-03', '16:59') }] })).toEqual(due('2026-03-09'));
  });

  it('the 17:00 boundary: from exactly 17:00 pauses that day; to exactly 17:00 does not pause the last day', () => {
    expect(calc.deadlineFor({ ...base, pauses: [{ from: at('2026-03-03', '17:00'), to: at('2026-03-04', '09:00') }] }).pausedWorkingDays).toBe(1);
    expect(calc.deadlineFor({ ...base, pauses: [{ from: at('2026-03-03', '17:01'), to: at('2026-03-04', '17:00') }] }).pausedWorkingDays).toBe(0);
  });

  it('a pause spanning a weekend counts only the working days (Thu 10:00 → Tue 09:00 = Thu, Fri, Mon)', () => {
    const r = calc.deadlineFor({ ...base, pauses: [{ from: at('2026-03-05', '10:00'), to: at('2026-03-10', '09:00') }] });
    expect(r.pausedWorkingDays).toBe(3);
    expect(r.dueAt).toEqual(due('2026-03-12'));
  });

  it('a pause spanning Tết 2026 counts only working days', () => {
    const r = calc.deadlineFor({
      receivedAt: at('2026-02-09', '09:00'),
      workingDays: 5,
      channel: 'ONLINE',
      pauses: [{ from: at('2026-02-11', '10:00'), to: at('2026-02-24', '09:00') }], // Wed 11 … Tue 24: 11, 12, 13, 23 paused
    });
    expect(r.pausedWorkingDays).toBe(4);
    // counted: 10, 24, 25, 26, 27 → due Fri 27/2
    expect(r.dueDate).toBe('2026-02-27');
  });

  it('several pauses add up; a pause after the due day does not move it', () => {
    const r = calc.deadlineFor({
      ...base,
      pauses: [
        { from: at('2026-03-03', '10:00'), to: at('2026-03-04', '10:00') }, // Tue
        { from: at('2026-03-05', '10:00'), to: at('2026-03-06', '10:00') }, // Thu
        { from: at('2026-04-01', '10:00'), to: at('2026-04-03', '10:00') }, // long after
      ],
    });
    expect(r.pausedWorkingDays).toBe(2);
    expect(r.dueDate).toBe('2026-03-11');
  });

  it('a pause on a same-day procedure moves the due day', () => {
    const r = calc.deadlineFor({ receivedAt: at('2026-03-02', '09:00'), workingDays: 0, channel: 'DIRECT', pauses: [{ from: at('2026-03-02', '11:00'), to: at('2026-03-03', '09:00') }] });
    expect(r.dueDate).toBe('2026-03-03');
  });

  it('an open pause: unknown due date, or provisional with asOf', () => {
    const open = { ...base, pauses: [{ from: at('2026-03-03', '10:00') }] };
    expect(calc.deadlineFor(open)).toMatchObject({ dueDate: null, dueAt: null, openPause: true });
    const provisional = calc.deadlineFor({ ...open, asOf: at('2026-03-05', '09:00') }); // paused Tue, Wed
    expect(provisional).toMatchObject({ dueDate: '2026-03-11', openPause: true, pausedWorkingDays: 2 });
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => calc.dueDateFor({ ...base, pauses: [{ from: at('2026-03-05', '10:00'), to: at('2026-03-04', '10:00') }] })).toThrow(RangeError);
  });

  it('pausedWorkingDays helper', () => {
    expect(calc.pausedWorkingDays([{ from: at('2026-03-05', '10:00'), to: at('2026-03-10', '09:00') }])).toBe(3);
    expect(calc.pausedWorkingDays([{ from: at('2026-03-05', '10:00') }], at('2026-03-06', '18:00'))).toBe(2);
    expect(calc.pausedWorkingDays([])).toBe(0);
  });
});

describe('overdue, due soon, resolution classes', () => {
  const d = due('2026-03-05');
  it('isOverdue', () => {
    expect(isOverdue(d, at('2026-03-05', '16:59'))).toBe(false);
    expect(isOverdue(d, at('2026-03-05', '17:00'))).toBe(false);
    expect(isOverdue(d, at('2026-03-05', '17:01'))).toBe(true);
    expect(isOverdue(null, at('2030-01-01', '00:00'))).toBe(false);
  });
  it('isDueWithin', () => {
    expect(isDueWithin(d, at('2026-03-04', '17:00'), 24)).toBe(true);
    expect(isDueWithin(d, at('2026-03-04', '16:59'), 24)).toBe(false);
    expect(isDueWithin(d, at('2026-03-05', '17:01'), 24)).toBe(false);
    expect(isDueWithin(null, at('2026-03-05', '10:00'), 24)).toBe(false);
  });
  it('classifyResolution compares local days', () => {
    expect(classifyResolution(d, at('2026-03-04', '23:59'))).toBe('EARLY');
    expect(classifyResolution(d, at('2026-03-05', '00:00'))).toBe('ON_TIME');
    expect(classifyResolution(d, at('2026-03-05', '19:00'))).toBe('ON_TIME');
    expect(classifyResolution(d, at('2026-03-06', '00:00'))).toBe('LATE');
    // 2026-03-04T17:30Z is already 00:30 on 03-05 local → on time, not early
    expect(classifyResolution(d, new Date('2026-03-04T17:30:00Z'))).toBe('ON_TIME');
    expect(classifyResolution(null, at('2026-03-06', '00:00'))).toBe('ON_TIME');
  });
  it('policy constants', () => {
    expect(DEFAULT_DEADLINE_POLICY).toEqual({ paperCutoffMinutes: 900, onlineCutoffMinutes: 1020, endOfWorkingDayMinutes: 1020 });
  });
});
