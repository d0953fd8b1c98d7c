import { DeadlineCalculator, WorkingCalendar, atLocalTime } from '@xaso/calendar';
import { DossierStatus } from './dossier-status';
import { ALL_ACTOR_ROLES, Actor, ActorRole } from './roles';
import {
  ALL_DOSSIER_ACTIONS,
  DossierAction,
  DossierCommand,
  DossierState,
  allowedActions,
  applyTransition,
  currentDueAt,
  isDossierOverdue,
  transition,
} from './dossier-state-machine';
import { DossierDomainError } from './dossier-domain-error';

const S = DossierStatus;
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return atLocalTime(date, h * 60 + m);
};
const NOW = at('2026-03-03', '10:00');
const DUE = at('2026-03-06', '17:00');
const APPLICANT = 'citizen-1';

function actorFor(role: ActorRole): Actor {
  return { id: role === 'CITIZEN' ? APPLICANT : `${role.toLowerCase()}-1`, role };
}

function stateIn(status: DossierStatus): DossierState {
  return {
    id: 'd1',
    code: '00004-260302-0001',
    procedureCode: 'HT.006',
    applicantId: APPLICANT,
    channel: 'ONLINE',
    status,
    receivingUnitCode: '00004',
    competentUnitCode: '00004',
    processingUnitCode: '00004',
    receivedAt: at('2026-03-02', '09:00'),
    workingDays: 3,
    dueAt: new Date(DUE.getTime()),
    pauses: status === S.SUPPLEMENT_REQUESTED ? [{ from: at('2026-03-02', '15:00') }] : [],
    apology: null,
    completedAt: [S.PROCESSED, S.RETURNED, S.REFUSED, S.STOPPED, S.WITHDRAWN].includes(status) ? at('2026-03-03', '09:00') : null,
    returnedAt: status === S.RETURNED ? at('2026-03-03', '09:30') : null,
  };
}

/** A valid command of each kind (reasons given), channel chosen for the role where it matters. */
function commandFor(action: DossierAction, role: ActorRole): DossierCommand {
  switch (action) {
    case 'RECEIVE':
      return {
        type: 'RECEIVE',
        dossier: {
          id: 'd1',
          code: '00004-260303-0001',
          procedureCode: 'HT.006',
          applicantId: APPLICANT,
          channel: role === 'CITIZEN' ? 'ONLINE' : 'DIRECT',
          receivingUnitCode: '00004',
          competentUnitCode: '00004',
          processingUnitCode: '00004',
          workingDays: 3,
          dueAt: DUE,
        },
      };
    case 'REQUEST_SUPPLEMENT':
      return { type: action, note: 'Thiếu bản sao giấy khai sinh' };
    case 'REFUSE':
    case 'STOP':
      return { type: action, note: 'Không đủ điều kiện' };
    case 'WITHDRAW':
      return { type: action, note: 'Người nộp có đơn xin rút' };
    case 'ISSUE_APOLOGY':
      return { type: action, note: 'Cần xác minh thêm', newDueAt: at('2026-03-10', '17:00') };
    case 'TRANSFER':
      return { type: action, toUnitCode: '00007' };
    default:
      return { type: action } as DossierCommand;
  }
}

// The specification, written out independently of TRANSITION_TABLE: for each action, the
// states it may start from, the resulting state ('SAME' = unchanged) and the roles allowed.
const OPEN = [S.RECEIVED, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED];
const SPEC: Record<DossierAction, { from: (DossierStatus | null)[]; to: DossierStatus | 'SAME'; roles: ActorRole[] }> = {
  RECEIVE: { from: [null], to: S.RECEIVED, roles: ['CITIZEN', 'OFFICER'] },
  START_PROCESSING: { from: [S.RECEIVED], to: S.IN_PROCESSING, roles: ['OFFICER'] },
  REQUEST_SUPPLEMENT: { from: [S.RECEIVED, S.IN_PROCESSING], to: S.SUPPLEMENT_REQUESTED, roles: ['OFFICER'] },
  PROVIDE_SUPPLEMENT: { from: [S.SUPPLEMENT_REQUESTED], to: S.IN_PROCESSING, roles: ['CITIZEN', 'OFFICER'] },
  COMPLETE: { from: [S.IN_PROCESSING], to: S.PROCESSED, roles: ['OFFICER'] },
  RETURN: { from: [S.PROCESSED], to: S.RETURNED, roles: ['OFFICER'] },
  REFUSE: { from: OPEN, to: S.REFUSED, roles: ['LEADER'] },
  STOP: { from: [S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED], to: S.STOPPED, roles: ['LEADER'] },
  WITHDRAW: { from: OPEN, to: S.WITHDRAWN, roles: ['CITIZEN', 'OFFICER'] },
  ISSUE_APOLOGY: { from: [...OPEN, S.PROCESSED], to: 'SAME', roles: ['OFFICER', 'LEADER'] },
  TRANSFER: { from: [...OPEN, S.PROCESSED], to: 'SAME', roles: ['OFFICER'] },
};

const STATES: (DossierStatus | null)[] = [null, ...Object.values(DossierStatus)];
const CASES: [DossierStatus | null, DossierAction, ActorRole][] = [];
for (const st of STATES) for (const a of ALL_DOSSIER_ACTIONS) for (const r of ALL_ACTOR_ROLES) CASES.push([st, a, r]);

describe('state machine: every state × command × role', () => {
  it('covers 9 states × 11 commands × 6 roles', () => {
    expect(CASES).toHaveLength(9 * 11 * 6);
  });

  it.each(CASES)('%s + %s by %s', (status, action, role) => {
    const state = status ? stateIn(status) : null;
    const r = transition(state, commandFor(action, role), actorFor(role), NOW);
    const spec = SPEC[action];
    if (!spec.roles.includes(role)) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ROLE_NOT_ALLOWED');
      return;
    }
    if (!spec.from.includes(status)) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_TRANSITION');
      return;
    }
    if (!r.ok) throw r.error;
    const expectedTo = spec.to === 'SAME' ? status : spec.to;
    expect(r.state.status).toBe(expectedTo);
    expect(r.entry).toMatchObject({ action, from: status, to: expectedTo, actorId: actorFor(role).id, actorRole: role, at: NOW });
    expect(allowedActions(status, role)).toContain(action);
    if (state) expect(state.status).toBe(status); // input not mutated
  });

  it('allowedActions matches the spec exactly', () => {
    for (const st of STATES) {
      for (const role of ALL_ACTOR_ROLES) {
        const expected = ALL_DOSSIER_ACTIONS.filter((a) => SPEC[a].roles.includes(role) && SPEC[a].from.includes(st));
        expect(allowedActions(st, role)).toEqual(expected);
      }
    }
    expect(allowedActions(S.RECEIVED, 'ADMIN')).toEqual([]);
    expect(allowedActions(S.IN_PROCESSING, 'AGENCY')).toEqual([]);
    expect(allowedActions(S.IN_PROCESSING, 'PROVINCE_OFFICER')).toEqual([]);
  });

  it('errors carry English and Vietnamese messages and a category', () => {
    const r = transition(stateIn(S.RETURNED), { type: 'START_PROCESSING' }, actorFor('OFFICER'), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(DossierDomainError);
    expect(r.error).toMatchObject({ code: 'INVALID_TRANSITION', category: 'CONFLICT' });
    expect(r.error.messageEn).toMatch(/RETURNED/);
    expect(r.error.messageVi).toMatch(/Không thể/);
    expect(() => applyTransition(stateIn(S.RETURNED), { type: 'START_PROCESSING' }, actorFor('OFFICER'), NOW)).toThrow(DossierDomainError);
  });
});

describe('applicant, channel and reason rules', () => {
  const other: Actor = { id: 'citizen-2', role: 'CITIZEN' };
  it('only the applicant may supplement or withdraw', () => {
    for (const cmd of [{ type: 'PROVIDE_SUPPLEMENT' }, { type: 'WITHDRAW' }] as DossierCommand[]) {
      const r = transition(stateIn(S.SUPPLEMENT_REQUESTED), cmd, other, NOW);
      expect(!r.ok && r.error.code).toBe('NOT_APPLICANT');
    }
  });
  it('citizens submit online in their own name; officers receive paper', () => {
    const online = commandFor('RECEIVE', 'CITIZEN');
    expect(transition(null, online, other, NOW)).toMatchObject({ ok: false, error: { code: 'NOT_APPLICANT' } });
    expect(transition(null, online, actorFor('OFFICER'), NOW)).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
    const paper = commandFor('RECEIVE', 'OFFICER');
    expect(transition(null, paper, actorFor('CITIZEN'), NOW)).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
    const postal = { ...paper, dossier: { ...(paper as { dossier: object }).dossier, channel: 'POSTAL' } } as DossierCommand;
    expect(transition(null, postal, actorFor('OFFICER'), NOW).ok).toBe(true);
    const incomplete = { ...paper, dossier: { ...(paper as { dossier: object }).dossier, procedureCode: ' ' } } as DossierCommand;
    expect(transition(null, incomplete, actorFor('OFFICER'), NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  });
  it.each(['REQUEST_SUPPLEMENT', 'REFUSE', 'STOP', 'ISSUE_APOLOGY'] as const)('%s needs a reason', (action) => {
    const role: ActorRole = action === 'REFUSE' || action === 'STOP' ? 'LEADER' : 'OFFICER';
    const cmd = { ...commandFor(action, role), note: '  ' } as DossierCommand;
    expect(transition(stateIn(S.IN_PROCESSING), cmd, actorFor(role), NOW)).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
  });
  it('an officer recording a withdrawal must note the request; the applicant need not', () => {
    expect(transition(stateIn(S.RECEIVED), { type: 'WITHDRAW' }, actorFor('OFFICER'), NOW)).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(transition(stateIn(S.RECEIVED), { type: 'WITHDRAW' }, actorFor('CITIZEN'), NOW).ok).toBe(true);
  });
});

describe('pauses, completion and due dates', () => {
  const calc = new DeadlineCalculator(new WorkingCalendar());
  it('a full life cycle with a supplement pause recomputes the legal due date', () => {
    const officer = actorFor('OFFICER');
    const receive = commandFor('RECEIVE', 'OFFICER') as Extract<DossierCommand, { type: 'RECEIVE' }>;
    const withoutDue: DossierCommand = { ...receive, dossier: { ...receive.dossier, dueAt: undefined } };
    let s = applyTransition(null, withoutDue, officer, at('2026-03-02', '09:00'), { deadlines: calc }).state;
    expect(s.dueAt).toEqual(at('2026-03-05', '17:00'));
    s = applyTransition(s, { type: 'START_PROCESSING' }, officer, at('2026-03-02', '10:00')).state;
    s = applyTransition(s, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ' }, officer, at('2026-03-03', '10:00')).state;
    expect(s.pauses).toEqual([{ from: at('2026-03-03', '10:00') }]);
    expect(isDossierOverdue(s, at('2026-03-20', '10:00'))).toBe(false); // paused
    s = applyTransition(s, { type: 'PROVIDE_SUPPLEMENT' }, actorFor('CITIZEN'), at('2026-03-05', '14:00'), { deadlines: calc }).state;
    expect(s.pauses).toEqual([{ from: at('2026-03-03', '10:00'), to: at('2026-03-05', '14:00') }]);
    expect(s.dueAt).toEqual(at('2026-03-09', '17:00')); // +2 paused working days (Tue, Wed)
    expect(isDossierOverdue(s, at('2026-03-09', '17:01'))).toBe(true);
    s = applyTransition(s, { type: 'COMPLETE' }, officer, at('2026-03-09', '11:00')).state;
    expect(s.completedAt).toEqual(at('2026-03-09', '11:00'));
    expect(isDossierOverdue(s, at('2026-03-20', '10:00'))).toBe(false);
    s = applyTransition(s, { type: 'RETURN' }, officer, at('2026-03-10', '08:00')).state;
    expect(s).toMatchObject({ status: S.RETURNED, returnedAt: at('2026-03-10', '08:00') });
  });

  it('refusing / stopping / withdrawing while waiting for a supplement closes the pause', () => {
    for (const [cmd, role] of [
      [{ type: 'REFUSE', note: 'x' }, 'LEADER'],
      [{ type: 'STOP', note: 'x' }, 'LEADER'],
      [{ type: 'WITHDRAW' }, 'CITIZEN'],
    ] as [DossierCommand, ActorRole][]) {
      const s = applyTransition(stateIn(S.SUPPLEMENT_REQUESTED), cmd, actorFor(role), NOW).state;
      expect(s.pauses[0].to).toEqual(NOW);
      expect(s.completedAt).toEqual(NOW);
    }
  });

  it('transfer changes the processing unit only', () => {
    const r = applyTransition(stateIn(S.IN_PROCESSING), { type: 'TRANSFER', toUnitCode: '00007', note: 'Đúng thẩm quyền' }, actorFor('OFFICER'), NOW);
    expect(r.state).toMatchObject({ processingUnitCode: '00007', receivingUnitCode: '00004', competentUnitCode: '00004', status: S.IN_PROCESSING });
    expect(r.entry.data).toEqual({ fromUnitCode: '00004', toUnitCode: '00007' });
    expect(transition(stateIn(S.IN_PROCESSING), { type: 'TRANSFER', toUnitCode: '00004' }, actorFor('OFFICER'), NOW)).toMatchObject({ ok: false, error: { code: 'SAME_PROCESSING_UNIT' } });
    expect(transition(stateIn(S.IN_PROCESSING), { type: 'TRANSFER', toUnitCode: '' }, actorFor('OFFICER'), NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  });
});

describe('apology (thư xin lỗi, hẹn lại ngày trả kết quả)', () => {
  const leader = actorFor('LEADER');
  const apology = (newDueAt: Date): DossierCommand => ({ type: 'ISSUE_APOLOGY', note: 'Cần xác minh tại địa phương khác', newDueAt });

  it('sets the new appointment once; the legal due date is kept', () => {
    const r = applyTransition(stateIn(S.IN_PROCESSING), apology(at('2026-03-12', '17:00')), leader, NOW);
    expect(r.state.status).toBe(S.IN_PROCESSING);
    expect(r.state.dueAt).toEqual(DUE);
    expect(currentDueAt(r.state)).toEqual(at('2026-03-12', '17:00'));
    expect(r.state.apology).toMatchObject({ previousDueAt: DUE, issuedBy: 'leader-1', reason: 'Cần xác minh tại địa phương khác' });
    expect(r.entry).toMatchObject({ action: 'ISSUE_APOLOGY', from: S.IN_PROCESSING, to: S.IN_PROCESSING });
    const again = transition(r.state, apology(at('2026-03-20', '17:00')), leader, NOW);
    expect(again).toMatchObject({ ok: false, error: { code: 'APOLOGY_ALREADY_ISSUED' } });
    expect(isDossierOverdue(r.state, at('2026-03-11', '10:00'))).toBe(false);
    expect(isDossierOverdue(r.state, at('2026-03-12', '17:01'))).toBe(true);
  });

  it('must be issued no later than the original due instant (now <= dueAt)', () => {
    expect(transition(stateIn(S.IN_PROCESSING), apology(at('2026-03-12', '17:00')), leader, DUE).ok).toBe(true);
    expect(transition(stateIn(S.IN_PROCESSING), apology(at('2026-03-12', '17:00')), leader, new Date(DUE.getTime() + 1))).toMatchObject({
      ok: false,
      error: { code: 'APOLOGY_TOO_LATE' },
    });
  });

  it('the new date must not be before the original due date (equal is accepted)', () => {
    expect(transition(stateIn(S.IN_PROCESSING), apology(DUE), leader, NOW).ok).toBe(true);
    expect(transition(stateIn(S.IN_PROCESSING), apology(new Date(DUE.getTime() - 1)), leader, NOW)).toMatchObject({ ok: false, error: { code: 'APOLOGY_DATE_INVALID' } });
    expect(transition(stateIn(S.IN_PROCESSING), apology(new Date(Number.NaN)), leader, NOW)).toMatchObject({ ok: false, error: { code: 'APOLOGY_DATE_INVALID' } });
  });

  it('needs a due date', () => {
    const noDue = { ...stateIn(S.IN_PROCESSING), dueAt: null };
    expect(transition(noDue, apology(DUE), leader, NOW)).toMatchObject({ ok: false, error: { code: 'APOLOGY_NO_DUE_DATE' } });
  });

  it.each([S.RETURNED, S.REFUSED, S.STOPPED, S.WITHDRAWN])('is not allowed once %s', (status) => {
    expect(transition(stateIn(status), apology(at('2026-03-12', '17:00')), leader, NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('officers may issue it too; citizens may not', () => {
    expect(transition(stateIn(S.RECEIVED), apology(at('2026-03-12', '17:00')), actorFor('OFFICER'), NOW).ok).toBe(true);
    expect(transition(stateIn(S.RECEIVED), apology(at('2026-03-12', '17:00')), actorFor('CITIZEN'), NOW)).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
  });
});
