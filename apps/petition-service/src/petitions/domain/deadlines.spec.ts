import {
  acceptanceDue,
  DEFAULT_POLICY,
  deadlineState,
  makeAddDays,
  markDeadline,
  maxExtensions,
  outcomeTiming,
  policyWith,
  resolutionDays,
  resolutionDue,
  type ResolutionTerms,
} from './deadlines';
import { addDays, toLocalDate } from '@xaso/calendar';
import type { Complexity } from './petition.types';

// 2026-03-02 09:00 in Vietnam
const at = new Date('2026-03-02T02:00:00Z');

describe('statutory resolution table', () => {
  const terms = (t: Partial<ResolutionTerms>): ResolutionTerms => ({
    kind: 'COMPLAINT',
    attempt: 1,
    complexity: 'NORMAL',
    remoteArea: false,
    extensionsUsed: 0,
    ...t,
  });

  it.each`
    attempt | complexity        | remoteArea | days
    ${1}    | ${'NORMAL'}       | ${false}   | ${30}
    ${1}    | ${'COMPLEX'}      | ${false}   | ${45}
    ${1}    | ${'VERY_COMPLEX'} | ${false}   | ${45}
    ${1}    | ${'NORMAL'}       | ${true}    | ${45}
    ${1}    | ${'COMPLEX'}      | ${true}    | ${60}
    ${2}    | ${'NORMAL'}       | ${false}   | ${45}
    ${2}    | ${'COMPLEX'}      | ${false}   | ${60}
    ${2}    | ${'NORMAL'}       | ${true}    | ${60}
    ${2}    | ${'COMPLEX'}      | ${true}    | ${70}
  `('complaint attempt $attempt $complexity remote=$remoteArea → $days days', ({ attempt, complexity, remoteArea, days }) => {
    expect(resolutionDays(terms({ attempt, complexity, remoteArea }))).toBe(days);
  });

  it.each`
    extensionsUsed | days
    ${0}           | ${30}
    ${1}           | ${60}
    ${2}           | ${90}
  `('denunciation with $extensionsUsed extension(s) → $days days', ({ extensionsUsed, days }) => {
    expect(resolutionDays(terms({ kind: 'DENUNCIATION', extensionsUsed }))).toBe(days);
  });

  it('feedback and recommendation use the configurable defaults; information has no resolution limit', () => {
    expect(resolutionDays(terms({ kind: 'FEEDBACK' }))).toBe(15);
    expect(resolutionDays(terms({ kind: 'RECOMMENDATION', extensionsUsed: 1 }))).toBe(30);
    expect(resolutionDays(terms({ kind: 'INFORMATION' }))).toBeUndefined();
    expect(resolutionDue(at, terms({ kind: 'INFORMATION' }))).toBeUndefined();
  });

  it.each<[string, Complexity, number]>([
    ['DENUNCIATION', 'NORMAL', 0],
    ['DENUNCIATION', 'COMPLEX', 1],
    ['DENUNCIATION', 'VERY_COMPLEX', 2],
    ['COMPLAINT', 'NORMAL', 1],
    ['COMPLAINT', 'COMPLEX', 0],
    ['FEEDBACK', 'NORMAL', 1],
    ['INFORMATION', 'NORMAL', 0],
  ])('max extensions %s %s = %d', (kind, complexity, n) => {
    expect(maxExtensions(kind as never, complexity)).toBe(n);
  });

  it('the day of acceptance is not counted (calendar days by default)', () => {
    expect(resolutionDue(at, terms({}))).toBe('2026-04-01');
    expect(acceptanceDue(at, 'COMPLAINT')).toBe('2026-03-12');
  });

  it('uses the local day in Vietnam (UTC+7) as the start', () => {
    // 2026-03-01 20:00Z is 2026-03-02 03:00 in Vietnam
    expect(toLocalDate(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(acceptanceDue(new Date('2026-03-01T20:00:00Z'), 'FEEDBACK')).toBe('2026-03-12');
  });
});

describe('calendar vs working days', () => {
  // a stand-in working-day function (skips weekends only) — the real one is @xaso/calendar
  const skipWeekends = (start: string, n: number) => {
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6) left--;
    }
    return d;
  };

  it('routes WORKING days to the injected calendar when the policy says so', () => {
    const policy = policyWith({ dayKind: { ...DEFAULT_POLICY.dayKind, COMPLAINT: 'WORKING' } });
    const addDays = makeAddDays(skipWeekends);
    // Monday 2026-03-02 + 10 working days = Monday 2026-03-16
    expect(acceptanceDue(at, 'COMPLAINT', policy, addDays)).toBe('2026-03-16');
    // other kinds stay calendar days
    expect(acceptanceDue(at, 'FEEDBACK', policy, addDays)).toBe('2026-03-12');
  });

  it('refuses working days without a calendar', () => {
    const policy = policyWith({ dayKind: { ...DEFAULT_POLICY.dayKind, COMPLAINT: 'WORKING' } });
    expect(() => acceptanceDue(at, 'COMPLAINT', policy)).toThrow(/working-day calendar/);
  });
});

describe('due-soon / overdue marking', () => {
  it.each`
    today           | state
    ${'2026-03-01'} | ${'ON_TRACK'}
    ${'2026-03-07'} | ${'DUE_SOON'}
    ${'2026-03-10'} | ${'DUE_SOON'}
    ${'2026-03-11'} | ${'OVERDUE'}
  `('due 2026-03-10, today $today → $state', ({ today, state }) => {
    expect(deadlineState('2026-03-10', today)).toBe(state);
  });

  it('marks the running deadline and asks for escalation once per due date', () => {
    const p = { status: 'ASSIGNED' as const, acceptanceDue: '2026-03-01', resolutionDue: '2026-03-10' };
    expect(markDeadline(p, new Date('2026-03-09T03:00:00Z'))).toEqual({
      due: '2026-03-10',
      stage: 'RESOLUTION',
      state: 'DUE_SOON',
      needsEscalation: false,
      needsDueSoonNotice: true,
      daysLeft: 1,
    });
    expect(markDeadline({ ...p, dueSoonDue: '2026-03-10' }, new Date('2026-03-09T03:00:00Z'))?.needsDueSoonNotice).toBe(false);
    // a new due date (extension) is announced again
    expect(markDeadline({ ...p, dueSoonDue: '2026-02-28' }, new Date('2026-03-09T03:00:00Z'))?.needsDueSoonNotice).toBe(true);
    expect(markDeadline(p, new Date('2026-03-11T03:00:00Z'))).toMatchObject({ needsDueSoonNotice: false, daysLeft: -1 });
    expect(markDeadline(p, new Date('2026-03-11T03:00:00Z'))?.needsEscalation).toBe(true);
    expect(markDeadline({ ...p, escalatedDue: '2026-03-10' }, new Date('2026-03-11T03:00:00Z'))?.needsEscalation).toBe(false);
    expect(markDeadline({ ...p, status: 'CLASSIFIED' }, new Date('2026-03-02T03:00:00Z'))).toMatchObject({ stage: 'ACCEPTANCE', state: 'OVERDUE' });
    expect(markDeadline({ ...p, status: 'RESOLVED' }, new Date())).toBeUndefined();
  });

  it('on-time outcome compares local days', () => {
    expect(outcomeTiming(new Date('2026-03-10T16:59:00Z'), '2026-03-10')).toBe('ON_TIME'); // 23:59 local
    expect(outcomeTiming(new Date('2026-03-10T17:00:00Z'), '2026-03-10')).toBe('LATE'); // 00:00 next day
  });
});
