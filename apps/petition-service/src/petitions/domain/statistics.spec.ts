import { classifyRecord, computeStatistics, evaluationInstant, type PetitionStatRecord } from './statistics';

// local-time helper: `d('2026-03-05')` = 2026-03-05 10:00 ICT
const d = (s: string) => new Date(`${s}T03:00:00Z`);
const period = { from: '2026-03-01', to: '2026-03-31' };
const now = d('2026-04-15');

/** A seeded set with known counts. */
const records: PetitionStatRecord[] = [
  // 1. complaint, online, accepted, resolved on time, in March
  { kind: 'COMPLAINT', channel: 'ONLINE', receivedAt: d('2026-03-02'), acceptanceDue: '2026-03-12', acceptedAt: d('2026-03-04'), resolutionDue: '2026-04-03', resolvedAt: d('2026-03-30') },
  // 2. complaint, reception, accepted, resolved late in March (due 03-20)
  { kind: 'COMPLAINT', channel: 'RECEPTION', receivedAt: d('2026-03-01'), acceptanceDue: '2026-03-11', acceptedAt: d('2026-02-19'), resolutionDue: '2026-03-20', resolvedAt: d('2026-03-25') },
  // 3. denunciation, mail, accepted, still pending at 03-31, due 04-05 → pending on time
  { kind: 'DENUNCIATION', channel: 'MAIL', receivedAt: d('2026-03-03'), acceptanceDue: '2026-03-13', acceptedAt: d('2026-03-06'), resolutionDue: '2026-04-05' },
  // 4. feedback, hotline, accepted, due 03-20, unresolved → pending overdue; rated? no
  { kind: 'FEEDBACK', channel: 'HOTLINE', receivedAt: d('2026-03-04'), acceptanceDue: '2026-03-14', acceptedAt: d('2026-03-05'), resolutionDue: '2026-03-20' },
  // 5. feedback, hotline, resolved on time, rated 5 in March
  { kind: 'FEEDBACK', channel: 'HOTLINE', receivedAt: d('2026-03-05'), acceptanceDue: '2026-03-15', acceptedAt: d('2026-03-05'), resolutionDue: '2026-03-20', resolvedAt: d('2026-03-10'), rating: { score: 5, at: d('2026-03-11') } },
  // 6. recommendation, online, resolved on time, rated 2 in March
  { kind: 'RECOMMENDATION', channel: 'ONLINE', receivedAt: d('2026-03-06'), acceptanceDue: '2026-03-16', acceptedAt: d('2026-03-07'), resolutionDue: '2026-03-22', resolvedAt: d('2026-03-20'), rating: { score: 2, at: d('2026-03-21') } },
  // 7. complaint, online, refused
  { kind: 'COMPLAINT', channel: 'ONLINE', receivedAt: d('2026-03-07'), acceptanceDue: '2026-03-17', refusedAt: d('2026-03-09') },
  // 8. recommendation, mail, referred
  { kind: 'RECOMMENDATION', channel: 'MAIL', receivedAt: d('2026-03-08'), acceptanceDue: '2026-03-18', referredAt: d('2026-03-10') },
  // 9. information (anonymous denunciation), mail, never pending
  { kind: 'INFORMATION', channel: 'MAIL', receivedAt: d('2026-03-09'), acceptanceDue: '2026-03-19' },
  // 10. complaint, online, not accepted, acceptance due 03-30 passed → pending overdue
  { kind: 'COMPLAINT', channel: 'ONLINE', receivedAt: d('2026-03-20'), acceptanceDue: '2026-03-30' },
  // 11. feedback duplicate, linked (closed at once)
  { kind: 'FEEDBACK', channel: 'ONLINE', receivedAt: d('2026-03-21'), acceptanceDue: '2026-03-31', closedAt: d('2026-03-21'), linked: true },
  // 12. complaint withdrawn
  { kind: 'COMPLAINT', channel: 'RECEPTION', receivedAt: d('2026-03-22'), acceptanceDue: '2026-04-01', withdrawnAt: d('2026-03-23') },
  // 13. received in February, still pending in March (carried over, due 04-10) → pending on time, not "received"
  { kind: 'DENUNCIATION', channel: 'ONLINE', receivedAt: d('2026-02-20'), acceptanceDue: '2026-03-02', acceptedAt: d('2026-03-01'), resolutionDue: '2026-04-10' },
  // 14. received in April: outside the period entirely
  { kind: 'FEEDBACK', channel: 'ONLINE', receivedAt: d('2026-04-02'), acceptanceDue: '2026-04-12' },
  // 15. resolved in April after the period: pending at 03-31 (due 04-03, on time then)
  { kind: 'COMPLAINT', channel: 'MAIL', receivedAt: d('2026-03-15'), acceptanceDue: '2026-03-25', acceptedAt: d('2026-03-16'), resolutionDue: '2026-04-15', resolvedAt: d('2026-04-02'), rating: undefined },
];

describe('computeStatistics on a seeded set', () => {
  const s = computeStatistics(records, period, now);

  it('counts received by kind and channel', () => {
    expect(s.received).toBe(13);
    expect(s.receivedByKind).toEqual({ COMPLAINT: 6, DENUNCIATION: 1, RECOMMENDATION: 2, FEEDBACK: 3, INFORMATION: 1 });
    expect(s.receivedByChannel).toEqual({ RECEPTION: 2, ONLINE: 5, MAIL: 4, HOTLINE: 2 });
    expect(s.linkedDuplicates).toBe(1);
  });

  it('counts outcomes in the period', () => {
    expect(s).toMatchObject({ accepted: 7, refused: 1, referred: 1, withdrawn: 1, resolvedOnTime: 3, resolvedLate: 1, onTimeRate: 0.75 });
  });

  it('counts pending cases at the end of the period', () => {
    // on time: #3 (due 04-05), #13 (04-10), #15 (04-15); overdue: #4 (03-20), #10 (acceptance 03-30)
    expect(s.pendingOnTime).toBe(3);
    expect(s.pendingOverdue).toBe(2);
  });

  it('computes satisfaction from ratings given in the period', () => {
    expect(s).toMatchObject({ ratings: 2, averageRating: 3.5, satisfied: 1, satisfactionRate: 0.5 });
  });

  it('is empty-safe', () => {
    expect(computeStatistics([], period, now)).toMatchObject({ received: 0, onTimeRate: null, averageRating: null, satisfactionRate: null });
    expect(() => computeStatistics([], { from: '2026-04-01', to: '2026-03-01' }, now)).toThrow(RangeError);
  });
});

describe('classifyRecord', () => {
  it('evaluates pending cases at now when the period has not ended', () => {
    expect(evaluationInstant(period, d('2026-03-10'))).toEqual(d('2026-03-10'));
    expect(evaluationInstant(period, now).toISOString()).toBe('2026-03-31T16:59:59.999Z');
    const c = classifyRecord(records[3], period, d('2026-03-10'));
    expect(c.pending).toBe('ON_TIME'); // due 03-20 not yet passed on 03-10
  });

  it('a case resolved without a resolution due counts as on time', () => {
    expect(classifyRecord({ kind: 'FEEDBACK', channel: 'ONLINE', receivedAt: d('2026-03-02'), acceptanceDue: '2026-03-12', resolvedAt: d('2026-03-03') }, period, now).resolved).toBe('ON_TIME');
  });
});
