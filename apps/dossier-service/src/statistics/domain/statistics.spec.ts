import { atLocalTime } from '@xaso/calendar';
import { DossierDomainError, DossierStatus } from '../../dossiers/domain';
import { StatisticsDossier, computeDossierStatistics } from './statistics';

const S = DossierStatus;
const at = (date: string, hhmm = '09:00') => {
  const [h, m] = hhmm.split(':').map(Number);
  return atLocalTime(date, h * 60 + m);
};
const due = (date: string) => at(date, '17:00');
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };

const set: Record<string, StatisticsDossier> = {
  A: { receivedAt: at('2026-02-20'), dueAt: due('2026-02-24'), completedAt: at('2026-02-25'), status: S.PROCESSED, channel: 'DIRECT' }, // finished before: out
  B: { receivedAt: at('2026-02-25'), dueAt: due('2026-03-02'), completedAt: at('2026-03-03'), status: S.RETURNED, channel: 'DIRECT' }, // carried, late
  C: { receivedAt: at('2026-02-26'), dueAt: due('2026-03-04'), completedAt: null, status: S.IN_PROCESSING, channel: 'ONLINE' }, // carried, pending overdue
  D: { receivedAt: at('2026-03-02'), dueAt: due('2026-03-05'), completedAt: at('2026-03-03'), status: S.PROCESSED, channel: 'ONLINE' }, // early
  E: { receivedAt: at('2026-03-02'), dueAt: due('2026-03-05'), completedAt: at('2026-03-05', '10:00'), status: S.RETURNED, channel: 'DIRECT' }, // on time
  F: { receivedAt: at('2026-03-10'), dueAt: due('2026-03-13'), completedAt: at('2026-03-11'), status: S.REFUSED, channel: 'POSTAL' }, // early (refusal is a decision)
  G: { receivedAt: at('2026-03-15'), dueAt: due('2026-03-18'), completedAt: at('2026-03-16'), status: S.WITHDRAWN, channel: 'ONLINE' }, // closed without decision
  H: { receivedAt: at('2026-03-30'), dueAt: due('2026-04-02'), completedAt: null, status: S.RECEIVED, channel: 'DIRECT' }, // pending on time
  I: { receivedAt: at('2026-03-25'), dueAt: due('2026-03-27'), completedAt: null, status: S.SUPPLEMENT_REQUESTED, channel: 'ONLINE' }, // pending overdue
  J: { receivedAt: at('2026-03-31', '23:00'), dueAt: due('2026-04-03'), completedAt: at('2026-04-02'), status: S.RETURNED, channel: 'ONLINE' }, // received; pending at end
  K: { receivedAt: at('2026-04-01', '00:00'), dueAt: due('2026-04-03'), completedAt: null, status: S.RECEIVED, channel: 'ONLINE' }, // after the period
  L: { receivedAt: at('2026-02-10'), dueAt: due('2026-02-13'), completedAt: at('2026-03-31', '23:59'), status: S.STOPPED, channel: 'DIRECT' }, // carried, closed
  M: { receivedAt: at('2026-03-05'), dueAt: due('2026-03-10'), completedAt: at('2026-03-20'), status: S.PROCESSED, channel: 'DIRECT' }, // late
  N: { receivedAt: at('2026-03-20'), dueAt: null, completedAt: at('2026-03-31'), status: S.RETURNED, channel: 'ONLINE' }, // no deadline: on time
};

describe('computeDossierStatistics', () => {
  it('counts a hand-built set', () => {
    const r = computeDossierStatistics(Object.values(set), PERIOD);
    expect(r).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      carriedOver: 3, // B, C, L
      received: { total: 9, online: 5, direct: 3, postal: 1 }, // D G I J N / E H M / F
      resolved: { total: 6, early: 2, onTime: 2, late: 2 }, // D F / E N / B M
      closedWithoutDecision: 2, // G, L
      pendingOnTime: 2, // H, J
      pendingOverdue: 2, // C, I
      onTimeRate: 4 / 6,
    });
    expect(r.carriedOver + r.received.total).toBe(r.resolved.total + r.closedWithoutDecision + r.pendingOnTime + r.pendingOverdue);
  });

  it('the next period carries over what was pending', () => {
    const r = computeDossierStatistics(Object.values(set), { from: '2026-04-01', to: '2026-04-30' });
    expect(r.carriedOver).toBe(4); // C, H, I, J
    expect(r.received.total).toBe(1); // K
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 }); // J: due 04-03, done 04-02 → early
  });

  it('period boundaries are local midnights', () => {
    const edge: StatisticsDossier[] = [
      { receivedAt: at('2026-03-01', '00:00'), dueAt: null, completedAt: null, status: S.RECEIVED, channel: 'ONLINE' },
      { receivedAt: new Date(at('2026-03-01', '00:00').getTime() - 1), dueAt: null, completedAt: null, status: S.RECEIVED, channel: 'ONLINE' },
    ];
    const r = computeDossierStatistics(edge, PERIOD);
    expect(r.received.total).toBe(1);
    expect(r.carriedOver).toBe(1);
  });

  it('onTimeRate is null when nothing was resolved; an empty list gives zeros', () => {
    const r = computeDossierStatistics([], PERIOD);
    expect(r.onTimeRate).toBeNull();
    expect(r.received.total + r.carriedOver + r.pendingOnTime + r.pendingOverdue).toBe(0);
  });

  it('rejects a finished dossier without completedAt and a bad period', () => {
    expect(() => computeDossierStatistics([{ ...set.D, completedAt: null }], PERIOD)).toThrow(DossierDomainError);
    expect(() => computeDossierStatistics([], { from: '2026-03-31', to: '2026-03-01' })).toThrow(DossierDomainError);
    expect(() => computeDossierStatistics([], { from: '2026-02-30', to: '2026-03-01' })).toThrow(DossierDomainError);
  });
});
