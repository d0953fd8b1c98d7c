import {
  accept,
  appeal,
  archive,
  assign,
  availableActions,
  classify,
  escalate,
  extend,
  isIdentified,
  linkDuplicate,
  raisedFlags,
  refer,
  refuse,
  registerDuplicate,
  reopen,
  rate,
  resolve,
  secondTimeComplaintInput,
  submitPetition,
  TRANSITIONS,
  withdraw,
  withdrawPartially,
  type SubmitInput,
} from './petition-machine';
import type { Actor, ActorRole, Petition, PetitionAction, PetitionKind, PetitionStatus } from './petition.types';
import { PETITION_STATUSES } from './petition.types';
import { assigned, citizen, ctx, day, expectDomainError, handler, input, leader, officer, system, T0 } from '../../../test/petition-machine.fixtures';

describe('intake', () => {
  it('records a complaint as RECEIVED with a history entry and the acceptance deadline', () => {
    const p = submitPetition(input(), ctx(citizen));
    expect(p.status).toBe('RECEIVED');
    expect(p.kind).toBe('COMPLAINT');
    expect(p.acceptanceDue).toBe('2026-03-12');
    expect(p.history).toEqual([{ action: 'SUBMIT', from: null, to: 'RECEIVED', actorId: 'citizen-1', actorRole: 'CITIZEN', at: T0 }]);
  });

  it('requires an identified petitioner for a complaint', () => {
    expectDomainError(() => submitPetition(input({ identified: false }), ctx(officer, T0)), 'PETITION_IDENTITY_REQUIRED');
  });

  it('records an anonymous denunciation as INFORMATION, not as a denunciation', () => {
    const p = submitPetition(input({ kind: 'DENUNCIATION', identified: false, petitionerKey: undefined, channel: 'MAIL' }), ctx(officer));
    expect(p.kind).toBe('INFORMATION');
    expect(p.submittedKind).toBe('DENUNCIATION');
    expect(p.anonymous).toBe(true);
    expect(p.history[0].note).toMatch(/information/i);
    // it cannot be accepted / processed as a denunciation …
    const c = classify(p, {}, ctx(officer));
    expectDomainError(() => accept(c, {}, ctx(leader)), 'PETITION_ACTION_NOT_FOR_KIND');
    // … nor re-classified into one
    expectDomainError(() => classify(p, { kind: 'DENUNCIATION' }, ctx(officer)), 'PETITION_IDENTITY_REQUIRED');
    // it can be archived or referred
    expect(archive(c, { note: 'used for inspection planning' }, ctx(officer)).status).toBe('ARCHIVED');
    expect(refer(c, { agencyName: 'Thanh tra tỉnh', reason: 'competent' }, ctx(officer)).status).toBe('REFERRED');
  });

  it('accepts anonymous feedback', () => {
    const p = submitPetition(input({ kind: 'FEEDBACK', identified: false, channel: 'HOTLINE', location: { lat: 10.77, lon: 106.7 }, category: 'ROAD' }), ctx({ id: '1022', role: 'AGENCY' }));
    expect(p.kind).toBe('FEEDBACK');
    expect(p.location).toEqual({ lat: 10.77, lon: 106.7 });
  });

  it('isIdentified needs a name and an ID number or address', () => {
    expect(isIdentified({ fullName: 'Nguyễn Văn A', idNumber: '001200000001' })).toBe(true);
    expect(isIdentified({ fullName: 'Nguyễn Văn A', address: 'Ba Đình' })).toBe(true);
    expect(isIdentified({ fullName: 'Nguyễn Văn A' })).toBe(false);
    expect(isIdentified({ idNumber: '001200000001' })).toBe(false);
    expect(isIdentified(undefined)).toBe(false);
  });

  it.each<[Partial<SubmitInput>, Actor, string]>([
    [{ title: ' ' }, citizen, 'BAD_USER_INPUT'],
    [{ content: '' }, citizen, 'BAD_USER_INPUT'],
    [{ kind: 'OTHER' as never }, citizen, 'BAD_USER_INPUT'],
    [{ channel: 'FAX' as never }, citizen, 'BAD_USER_INPUT'],
    [{ channel: 'MAIL' }, citizen, 'BAD_USER_INPUT'],
    [{ location: { lat: 91, lon: 0 } }, citizen, 'BAD_USER_INPUT'],
    [{ petitionerCount: 0 }, citizen, 'BAD_USER_INPUT'],
    [{ kind: 'FEEDBACK', attempt: 2 }, citizen, 'PETITION_SECOND_TIME_NOT_ALLOWED'],
    [{}, { id: 'x', role: 'ADMIN' }, 'PETITION_ROLE_NOT_ALLOWED'],
  ])('rejects invalid intake %j by %j', (over, actor, code) => {
    expectDomainError(() => submitPetition(input(over), ctx(actor)), code);
  });

  it('flags a petition signed by ≥5 people as crowded (đông người) at intake', () => {
    expect(submitPetition(input({ petitionerCount: 5 }), ctx(officer)).flags.crowded).toBe(true);
    expect(submitPetition(input({ petitionerCount: 4 }), ctx(officer)).flags.crowded).toBe(false);
  });
});

describe('transition table', () => {
  const roles: ActorRole[] = ['CITIZEN', 'OFFICER', 'LEADER', 'PROVINCE_OFFICER', 'AGENCY', 'ADMIN', 'SYSTEM'];
  const kinds: PetitionKind[] = ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK', 'INFORMATION'];
  const base = submitPetition(input(), ctx(citizen));

  it('availableActions agrees with the table for every kind × status × role', () => {
    let checked = 0;
    for (const kind of kinds) {
      for (const status of PETITION_STATUSES) {
        for (const role of roles) {
          const p: Petition = { ...base, kind, status };
          const expected = (Object.keys(TRANSITIONS) as PetitionAction[]).filter((a) => {
            const r = TRANSITIONS[a];
            if (a === 'SUBMIT' || !r.from?.includes(status)) return false;
            if (r.kinds && !r.kinds.includes(kind)) return false;
            return (r.rolesByKind?.[kind] ?? r.roles).includes(role);
          });
          expect(availableActions(p, role)).toEqual(expected);
          checked++;
        }
      }
    }
    expect(checked).toBe(kinds.length * PETITION_STATUSES.length * roles.length);
  });

  it('terminal statuses allow nothing; a resolved case allows only the citizen follow-ups of its kind', () => {
    for (const status of ['REFUSED', 'REFERRED', 'APPEALED', 'WITHDRAWN', 'LINKED', 'ARCHIVED'] as PetitionStatus[]) {
      for (const role of roles) expect(availableActions({ ...base, status }, role)).toEqual([]);
    }
    expect(availableActions({ ...base, kind: 'FEEDBACK', status: 'RESOLVED' }, 'CITIZEN').sort()).toEqual(['RATE', 'REOPEN']);
    expect(availableActions({ ...base, status: 'RESOLVED' }, 'CITIZEN')).toEqual(['APPEAL']);
  });

  it('only a leader accepts, refuses and resolves complaints and denunciations; an officer may for feedback', () => {
    const c = classify(submitPetition(input(), ctx(citizen)), {}, ctx(officer));
    expectDomainError(() => accept(c, {}, ctx(officer)), 'PETITION_ROLE_NOT_ALLOWED');
    expectDomainError(() => refuse(c, { reason: 'x' }, ctx(officer)), 'PETITION_ROLE_NOT_ALLOWED');
    const f = classify(submitPetition(input({ kind: 'FEEDBACK' }), ctx(citizen)), {}, ctx(officer));
    expect(accept(f, {}, ctx(officer)).status).toBe('ACCEPTED');
    const a = assigned('DENUNCIATION');
    expectDomainError(() => resolve(a, { conclusion: 'ok' }, ctx(handler)), 'PETITION_ROLE_NOT_ALLOWED');
  });

  it('a citizen cannot classify and an officer cannot assign', () => {
    const p = submitPetition(input(), ctx(citizen));
    expectDomainError(() => classify(p, {}, ctx(citizen)), 'PETITION_ROLE_NOT_ALLOWED');
    const acc = accept(classify(p, {}, ctx(officer)), {}, ctx(leader));
    expectDomainError(() => assign(acc, { handlerId: 'h' }, ctx(officer)), 'PETITION_ROLE_NOT_ALLOWED');
  });

  it('rejects an action from the wrong status', () => {
    const p = submitPetition(input(), ctx(citizen));
    const e = expectDomainError(() => accept(p, {}, ctx(leader)), 'PETITION_TRANSITION_NOT_ALLOWED');
    expect(e.httpStatus).toBe(409);
    expect(e.details).toEqual({ action: 'ACCEPT', from: 'RECEIVED' });
  });
});

describe('lifecycles', () => {
  it('complaint: received → classified → accepted → assigned → extended → resolved → appealed, all recorded', () => {
    let p = submitPetition(input(), ctx(citizen));
    p = classify(p, { complexity: 'NORMAL', note: 'land' }, ctx(officer, day(1)));
    p = accept(p, { note: 'thụ lý' }, ctx(leader, day(2)));
    expect(p.resolutionDue).toBe('2026-04-03'); // 30 days from 2026-03-04
    expect(p.decidingLeaderId).toBe('leader-1');
    p = assign(p, { handlerId: handler.id }, ctx(leader, day(2)));
    p = extend(p, { reason: 'nhiều bên liên quan' }, ctx(leader, day(20)));
    expect(p.complexity).toBe('COMPLEX');
    expect(p.resolutionDue).toBe('2026-04-18'); // 45 days
    expectDomainError(() => extend(p, { reason: 'again' }, ctx(leader, day(21))), 'PETITION_EXTENSION_NOT_ALLOWED');
    p = resolve(p, { conclusion: 'Giữ nguyên quyết định', decisionNumber: '45/QĐ-UBND' }, ctx(leader, day(40)));
    expect(p.status).toBe('RESOLVED');
    p = appeal(p, { reason: 'không đồng ý' }, ctx(citizen, day(50)));
    expect(p.status).toBe('APPEALED');
    expect(p.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['SUBMIT', null, 'RECEIVED'],
      ['CLASSIFY', 'RECEIVED', 'CLASSIFIED'],
      ['ACCEPT', 'CLASSIFIED', 'ACCEPTED'],
      ['ASSIGN', 'ACCEPTED', 'ASSIGNED'],
      ['EXTEND', 'ASSIGNED', 'ASSIGNED'],
      ['RESOLVE', 'ASSIGNED', 'RESOLVED'],
      ['APPEAL', 'RESOLVED', 'APPEALED'],
    ]);
    for (const h of p.history) {
      expect(h.actorId).toBeTruthy();
      expect(h.actorRole).toBeTruthy();
      expect(h.at).toBeInstanceOf(Date);
    }
    const second = secondTimeComplaintInput(p, { code: '01-260422-0001', unitCode: '01', channel: 'ONLINE' });
    const p2 = submitPetition(second, ctx(citizen, day(51)));
    expect(p2).toMatchObject({ attempt: 2, parentCode: p.code, kind: 'COMPLAINT' });
    const p2a = accept(classify(p2, {}, ctx({ id: 'po', role: 'OFFICER' }, day(51))), {}, ctx({ id: 'pl', role: 'LEADER' }, day(52)));
    expect(p2a.resolutionDue).toBe('2026-06-07'); // second-time: 45 days from 2026-04-23
    expectDomainError(() => appeal(assign(p2a, { handlerId: 'h' }, ctx({ id: 'pl', role: 'LEADER' }, day(52))), { reason: 'x' }, ctx(citizen, day(200))), 'PETITION_SECOND_TIME_NOT_ALLOWED');
  });

  it('complaint appeal: window of 30 days (45 remote) after the decision', () => {
    const r = resolve(assigned(), { conclusion: 'c' }, ctx(leader, day(10)));
    expect(appeal(r, { reason: 'x' }, ctx(citizen, day(40))).status).toBe('APPEALED');
    expectDomainError(() => appeal(r, { reason: 'x' }, ctx(citizen, day(41))), 'PETITION_WINDOW_CLOSED');
    const remote = resolve(assigned('COMPLAINT', { remoteArea: true }), { conclusion: 'c' }, ctx(leader, day(10)));
    expect(appeal(remote, { reason: 'x' }, ctx(citizen, day(55))).status).toBe('APPEALED');
  });

  it('complaint appeal when unresolved: only after the resolution deadline passed', () => {
    const a = assigned(); // due 2026-04-03
    expectDomainError(() => appeal(a, { reason: 'slow' }, ctx(citizen, new Date('2026-04-03T05:00:00Z'))), 'PETITION_NOT_OVERDUE');
    expect(appeal(a, { reason: 'slow' }, ctx(citizen, new Date('2026-04-04T05:00:00Z'))).status).toBe('APPEALED');
  });

  it('only the petitioner appeals, rates, re-opens or withdraws', () => {
    const other: Actor = { id: 'someone-else', role: 'CITIZEN' };
    const r = resolve(assigned(), { conclusion: 'c' }, ctx(leader, day(10)));
    expectDomainError(() => appeal(r, { reason: 'x' }, ctx(other, day(11))), 'PETITION_NOT_PETITIONER');
    expect(appeal(r, { reason: 'x' }, ctx(other, day(11), { petitionerVerified: true })).status).toBe('APPEALED');
    expectDomainError(() => withdraw(assigned(), {}, ctx(other)), 'PETITION_NOT_PETITIONER');
  });

  it('denunciation: 30 days, one 30-day extension if complex, two if very complex', () => {
    const a = assigned('DENUNCIATION');
    expect(a.resolutionDue).toBe('2026-04-03');
    expectDomainError(() => extend(a, { reason: 'x' }, ctx(leader, day(5))), 'PETITION_EXTENSION_NOT_ALLOWED');
    const c1 = extend(a, { reason: 'complex', complexity: 'COMPLEX' }, ctx(leader, day(25)));
    expect(c1.resolutionDue).toBe('2026-05-03');
    expectDomainError(() => extend(c1, { reason: 'x' }, ctx(leader, day(50))), 'PETITION_EXTENSION_NOT_ALLOWED');
    const v2 = extend(c1, { reason: 'very complex', complexity: 'VERY_COMPLEX' }, ctx(leader, day(50)));
    expect(v2.resolutionDue).toBe('2026-06-02');
    expect(v2.extensionsUsed).toBe(2);
    expectDomainError(() => extend(v2, { reason: 'x' }, ctx(leader, day(80))), 'PETITION_EXTENSION_NOT_ALLOWED');
    expectDomainError(() => extend(v2, { reason: ' ' }, ctx(leader, day(80))), 'PETITION_REASON_REQUIRED');
    const r = resolve(v2, { conclusion: 'Tố cáo đúng một phần' }, ctx(leader, day(85)));
    expect(r.status).toBe('RESOLVED');
    expectDomainError(() => rate(r, { score: 5 }, ctx(citizen, day(86))), 'PETITION_ACTION_NOT_FOR_KIND');
    expectDomainError(() => appeal(r, { reason: 'x' }, ctx(citizen, day(86))), 'PETITION_ACTION_NOT_FOR_KIND');
  });

  it('feedback: handler resolves, citizen rates once and may re-open within the window', () => {
    const a = assigned('FEEDBACK', { channel: 'ONLINE', location: { lat: 21.03, lon: 105.85 }, category: 'LIGHTING' });
    const stranger: Actor = { id: 'officer-9', role: 'OFFICER' };
    expectDomainError(() => resolve(a, { conclusion: 'fixed' }, ctx(stranger, day(5))), 'PETITION_NOT_ASSIGNED_HANDLER');
    const r = resolve(a, { conclusion: 'Đã sửa đèn' }, ctx(handler, day(5)));
    const rated = rate(r, { score: 4, comment: 'tốt' }, ctx(citizen, day(6)));
    expect(rated.rating).toEqual({ score: 4, comment: 'tốt', at: day(6) });
    expectDomainError(() => rate(rated, { score: 5 }, ctx(citizen, day(7))), 'PETITION_ALREADY_RATED');
    expectDomainError(() => rate(r, { score: 6 }, ctx(citizen, day(7))), 'BAD_USER_INPUT');
    expectDomainError(() => reopen(rated, { reason: 'hỏng lại' }, ctx(citizen, day(40))), 'PETITION_WINDOW_CLOSED');
    const re = reopen(rated, { reason: 'hỏng lại' }, ctx(citizen, day(20)));
    expect(re).toMatchObject({ status: 'REOPENED', reopenCount: 1, resolutionDue: '2026-04-06' });
    const again = resolve(assign(re, { handlerId: handler.id }, ctx(leader, day(21))), { conclusion: 'Đã thay đèn' }, ctx(handler, day(22)));
    expect(rate(again, { score: 5 }, ctx(citizen, day(23))).rating?.score).toBe(5);
  });

  it('refusal and referral need a reason; referral records where it went', () => {
    const c = classify(submitPetition(input(), ctx(citizen)), {}, ctx(officer));
    expectDomainError(() => refuse(c, { reason: '' }, ctx(leader)), 'PETITION_REASON_REQUIRED');
    expect(refuse(c, { reason: 'quá thời hiệu' }, ctx(leader))).toMatchObject({ status: 'REFUSED', refusalReason: 'quá thời hiệu' });
    expectDomainError(() => refer(c, { agencyName: 'UBND tỉnh', reason: '' }, ctx(officer)), 'PETITION_REASON_REQUIRED');
    expectDomainError(() => refer(c, { agencyName: '', reason: 'x' }, ctx(officer)), 'BAD_USER_INPUT');
    const r = refer(c, { unitCode: '01', agencyName: 'UBND thành phố Hà Nội', reason: 'thuộc thẩm quyền' }, ctx(officer));
    expect(r.referral).toEqual({ unitCode: '01', agencyName: 'UBND thành phố Hà Nội', reason: 'thuộc thẩm quyền' });
    expect(r.history.at(-1)?.note).toContain('UBND thành phố Hà Nội');
  });

  it('classification may re-qualify the kind and recomputes the acceptance deadline', () => {
    const p = submitPetition(input({ kind: 'COMPLAINT' }), ctx(citizen));
    const c = classify(p, { kind: 'FEEDBACK', category: 'ROAD' }, ctx(officer));
    expect(c).toMatchObject({ kind: 'FEEDBACK', category: 'ROAD', status: 'CLASSIFIED' });
    const anon = submitPetition(input({ kind: 'FEEDBACK', identified: false }), ctx(officer));
    expectDomainError(() => classify(anon, { kind: 'COMPLAINT' }, ctx(officer)), 'PETITION_IDENTITY_REQUIRED');
  });

  it('withdrawal: full at any open stage, partial keeps the case going', () => {
    const a = assigned();
    const part = withdrawPartially(a, { items: ['yêu cầu bồi thường'] }, ctx(citizen, day(3)));
    expect(part).toMatchObject({ status: 'ASSIGNED', withdrawnItems: ['yêu cầu bồi thường'] });
    expectDomainError(() => withdrawPartially(a, { items: [' '] }, ctx(citizen)), 'BAD_USER_INPUT');
    const w = withdraw(part, { reason: 'đã thoả thuận' }, ctx(citizen, day(4)));
    expect(w).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: day(4) });
    expectDomainError(() => withdraw(w, {}, ctx(citizen, day(5))), 'PETITION_TRANSITION_NOT_ALLOWED');
    expect(withdraw(submitPetition(input(), ctx(citizen)), {}, ctx(officer)).status).toBe('WITHDRAWN');
  });

  it('escalates an overdue case to the chairperson once per deadline', () => {
    const a = assigned(); // resolution due 2026-04-03
    expectDomainError(() => escalate(a, ctx(system, new Date('2026-04-03T05:00:00Z'))), 'PETITION_NOT_OVERDUE');
    const e = escalate(a, ctx(system, new Date('2026-04-04T05:00:00Z')));
    expect(e).toMatchObject({ status: 'ASSIGNED', escalatedDue: '2026-04-03' });
    expectDomainError(() => escalate(e, ctx(system, new Date('2026-04-05T05:00:00Z'))), 'PETITION_NOT_OVERDUE');
    expectDomainError(() => escalate(a, ctx(citizen, new Date('2026-04-05T05:00:00Z'))), 'PETITION_ROLE_NOT_ALLOWED');
    // an unaccepted petition escalates on the 10-day acceptance limit
    const r = submitPetition(input(), ctx(citizen));
    expect(escalate(r, ctx(system, day(11))).escalatedDue).toBe('2026-03-12');
  });

  it('links duplicates and raises crowded / prolonged flags on the main case', () => {
    const main = assigned();
    const dup = submitPetition(input({ code: '00004-260310-0003' }), ctx(citizen, day(8)));
    const linked = linkDuplicate(dup, { mainCode: main.code, score: 0.8 }, ctx(system, day(8)));
    expect(linked).toMatchObject({ status: 'LINKED', linkedToCode: main.code });
    expectDomainError(() => linkDuplicate(main, { mainCode: main.code }, ctx(system)), 'BAD_USER_INPUT');
    // same petitioner re-submits twice → prolonged (≥3 submissions)
    let m = registerDuplicate(main, { duplicateCode: 'd1', petitionerKey: 'pk-1' }, ctx(system, day(8)));
    expect(m).toMatchObject({ submissionCount: 2, petitionerCount: 1, flags: { crowded: false, prolonged: false } });
    const before = m;
    m = registerDuplicate(m, { duplicateCode: 'd2', petitionerKey: 'pk-1' }, ctx(system, day(9)));
    expect(m.flags.prolonged).toBe(true);
    expect(raisedFlags(before, m)).toEqual(['PROLONGED']);
    // four more people → crowded (≥5)
    for (const k of ['pk-2', 'pk-3', 'pk-4']) m = registerDuplicate(m, { duplicateCode: k, petitionerKey: k }, ctx(system, day(10)));
    expect(m.flags.crowded).toBe(false);
    m = registerDuplicate(m, { duplicateCode: 'd9', petitionerKey: 'pk-5' }, ctx(system, day(10)));
    expect(m).toMatchObject({ petitionerCount: 5, flags: { crowded: true, prolonged: true } });
    expect(m.history.at(-1)?.note).toMatch(/CROWDED/);
  });

  it('never mutates its input', () => {
    const p = submitPetition(input(), ctx(citizen));
    const snapshot = JSON.stringify(p);
    classify(p, { complexity: 'COMPLEX' }, ctx(officer));
    expect(JSON.stringify(p)).toBe(snapshot);
  });
});
