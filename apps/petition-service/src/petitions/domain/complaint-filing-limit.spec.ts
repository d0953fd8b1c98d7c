import { accept, classify, markDueSoon, refuse, submitPetition } from './petition-machine';
import { complaintFilingDeadline, isFiledLate, policyWith } from './deadlines';
import { citizen, ctx, day, expectDomainError, input, leader, officer, system, T0 } from '../../../test/petition-machine.fixtures';

describe('complaint filing limit (90 days from the act) [Law on Complaints 2011 Art. 9]', () => {
  // T0 is 2026-03-02: the 90th day after 2025-12-02 is 2026-03-02
  it('records actDate; in time up to the 90th day after the act', () => {
    const p = submitPetition(input({ actDate: '2025-12-02' }), ctx(citizen));
    expect(p).toMatchObject({ actDate: '2025-12-02' });
    expect(p.filedLate).toBeUndefined();
    expect(complaintFilingDeadline('2025-12-02')).toBe('2026-03-02');
    expect(isFiledLate('2025-12-02', T0)).toBe(false);
    expect(isFiledLate('2025-12-01', T0)).toBe(true);
  });

  it('receives a late complaint but flags it (history note), never turns it away at intake', () => {
    const p = submitPetition(input({ actDate: '2025-11-01' }), ctx(citizen));
    expect(p.status).toBe('RECEIVED');
    expect(p.filedLate).toBe(true);
    expect(p.history[0].note).toMatch(/2026-01-30/);
  });

  it('refuses to accept a late complaint without a force-majeure reason (coded error); accepts with one, recorded', () => {
    const p = classify(submitPetition(input({ actDate: '2025-11-01' }), ctx(citizen)), {}, ctx(officer));
    const err = expectDomainError(() => accept(p, {}, ctx(leader)), 'PETITION_FILING_LIMIT_PASSED');
    expect(err.details).toEqual({ deadline: '2026-01-30' });
    expect(err.messageVi).toMatch(/thời hiệu/);
    expectDomainError(() => accept(p, { lateFilingReason: '   ' }, ctx(leader)), 'PETITION_FILING_LIMIT_PASSED');
    const a = accept(p, { lateFilingReason: 'Nằm viện điều trị từ 20/01 đến 25/02' }, ctx(leader));
    expect(a.status).toBe('ACCEPTED');
    expect(a.lateFilingReason).toBe('Nằm viện điều trị từ 20/01 đến 25/02');
    expect(a.history.at(-1)!.note).toMatch(/late filing accepted: Nằm viện/);
    // refusing stays possible
    expect(refuse(p, { reason: 'Quá thời hiệu khiếu nại' }, ctx(leader)).status).toBe('REFUSED');
  });

  it('the limit is a policy value; other kinds and second-time complaints are not concerned', () => {
    expect(submitPetition(input({ actDate: '2025-11-01' }), ctx(citizen, T0, { policy: policyWith({ complaintFilingDays: 180 }) })).filedLate).toBeUndefined();
    expect(submitPetition(input({ kind: 'FEEDBACK', actDate: '2025-01-01' }), ctx(citizen)).filedLate).toBeUndefined();
    const fb = classify(submitPetition(input({ kind: 'FEEDBACK', actDate: '2025-01-01' }), ctx(citizen)), {}, ctx(officer));
    expect(accept(fb, {}, ctx(officer)).status).toBe('ACCEPTED');
  });

  it('re-classifying into a complaint, or giving the act date at classification, evaluates the limit', () => {
    const fb = submitPetition(input({ kind: 'FEEDBACK' }), ctx(citizen));
    const c = classify(fb, { kind: 'COMPLAINT', actDate: '2025-10-01' }, ctx(officer));
    expect(c).toMatchObject({ kind: 'COMPLAINT', actDate: '2025-10-01', filedLate: true });
    expectDomainError(() => accept(c, {}, ctx(leader)), 'PETITION_FILING_LIMIT_PASSED');
  });

  it('rejects an invalid or future act date', () => {
    expectDomainError(() => submitPetition(input({ actDate: '2026-02-30' }), ctx(citizen)), 'BAD_USER_INPUT');
    expectDomainError(() => submitPetition(input({ actDate: '2026-03-03' }), ctx(citizen)), 'BAD_USER_INPUT');
  });
});

describe('due-soon marking', () => {
  it('marks the running deadline once per due date (system only), and not when not due soon', () => {
    const p = submitPetition(input({ kind: 'FEEDBACK' }), ctx(citizen)); // acceptance due 2026-03-12
    expectDomainError(() => markDueSoon(p, ctx(system, day(1))), 'PETITION_NOT_DUE_SOON');
    const m = markDueSoon(p, ctx(system, day(8)));
    expect(m).toMatchObject({ dueSoonDue: '2026-03-12', status: 'RECEIVED' });
    expect(m.history.at(-1)).toMatchObject({ action: 'MARK_DUE_SOON', actorRole: 'SYSTEM' });
    expectDomainError(() => markDueSoon(m, ctx(system, day(9))), 'PETITION_NOT_DUE_SOON');
    expectDomainError(() => markDueSoon(p, ctx(leader, day(8))), 'PETITION_ROLE_NOT_ALLOWED');
  });
});
