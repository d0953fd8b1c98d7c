import { closeMediation, summarizeMediation, updateMediationOutcome, validateMediationCase, type MediationCase } from './mediation';

const c = (over: Partial<MediationCase> = {}): MediationCase => ({
  unitCode: '00004',
  subject: 'Tranh chấp ranh giới đất',
  parties: ['Hộ ông A', 'Hộ bà B'],
  mediators: ['Tổ hòa giải thôn 3'],
  openedOn: '2026-03-01',
  outcome: 'PENDING',
  ...over,
});

describe('mediation cases', () => {
  it('accepts a pending case and trims lists', () => {
    expect(validateMediationCase(c({ parties: [' A ', 'B', ''] })).parties).toEqual(['A', 'B']);
  });

  it.each<[Partial<MediationCase>, RegExp]>([
    [{ parties: ['only one'] }, /two parties/],
    [{ mediators: [] }, /mediator/],
    [{ subject: ' ' }, /subject/],
    [{ openedOn: '01/03/2026' }, /openedOn/],
    [{ outcome: 'SUCCESSFUL' }, /closedOn/],
    [{ outcome: 'SUCCESSFUL', closedOn: '2026-02-01' }, /before/],
    [{ closedOn: '2026-03-05' }, /pending/],
    [{ outcome: 'REFERRED', closedOn: '2026-03-05' }, /referred/],
    [{ outcome: 'WHATEVER' as never }, /Unknown outcome/],
  ])('rejects %j', (over, message) => {
    expect(() => validateMediationCase(c(over))).toThrow(message);
  });

  it('closes with an outcome once', () => {
    const done = closeMediation(c(), 'SUCCESSFUL', '2026-03-10', { result: 'Hai bên thống nhất mốc giới' });
    expect(done).toMatchObject({ outcome: 'SUCCESSFUL', closedOn: '2026-03-10' });
    expect(() => closeMediation(done, 'UNSUCCESSFUL', '2026-03-11')).toThrow(expect.objectContaining({ code: 'MEDIATION_ALREADY_CLOSED' }));
    expect(closeMediation(c(), 'REFERRED', '2026-03-10', { referredTo: 'TAND khu vực 1' }).referredTo).toBe('TAND khu vực 1');
  });

  it('updates the outcome of a recorded case', () => {
    const noted = updateMediationOutcome(c(), { outcome: 'PENDING', result: 'Gặp hai bên lần 1' });
    expect(noted).toMatchObject({ outcome: 'PENDING', result: 'Gặp hai bên lần 1' });
    expect(() => updateMediationOutcome(c(), { outcome: 'PENDING', closedOn: '2026-03-02' })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => updateMediationOutcome(c(), { outcome: 'SUCCESSFUL' })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => updateMediationOutcome(c(), { outcome: 'REFERRED', closedOn: '2026-03-05' })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    const done = updateMediationOutcome(noted, { outcome: 'SUCCESSFUL', closedOn: '2026-03-10', result: 'Thống nhất mốc giới' });
    expect(done).toMatchObject({ outcome: 'SUCCESSFUL', closedOn: '2026-03-10', result: 'Thống nhất mốc giới' });
    // a successful agreement not carried out may be re-opened as unsuccessful / referred; nothing else changes a closed case
    const failed = updateMediationOutcome(done, { outcome: 'UNSUCCESSFUL', result: 'Một bên không thực hiện' });
    expect(failed).toMatchObject({ outcome: 'UNSUCCESSFUL', closedOn: '2026-03-10', result: 'Thống nhất mốc giới — Một bên không thực hiện' });
    for (const outcome of ['PENDING', 'SUCCESSFUL', 'REFERRED'] as const) {
      expect(() => updateMediationOutcome(failed, { outcome, closedOn: '2026-03-20', referredTo: 'x' })).toThrow(expect.objectContaining({ code: 'MEDIATION_ALREADY_CLOSED', httpStatus: 409 }));
    }
    expect(() => updateMediationOutcome(done, { outcome: 'PENDING' })).toThrow(expect.objectContaining({ code: 'MEDIATION_ALREADY_CLOSED' }));
  });

  it('summarises outcomes', () => {
    expect(summarizeMediation([{ outcome: 'SUCCESSFUL' }, { outcome: 'SUCCESSFUL' }, { outcome: 'UNSUCCESSFUL' }, { outcome: 'REFERRED' }, { outcome: 'PENDING' }])).toEqual({
      total: 5,
      pending: 1,
      successful: 2,
      unsuccessful: 1,
      referred: 1,
      successRate: 0.5,
    });
    expect(summarizeMediation([]).successRate).toBeNull();
  });
});
