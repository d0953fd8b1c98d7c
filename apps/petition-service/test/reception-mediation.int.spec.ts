/** Reception sessions (with the chairperson compliance check) and mediation cases through the Nest app, real PostgreSQL. */
import { Role } from '@xaso/auth';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'reception-mediation-secret-reception-mediation';
const UNIT = '00004';

describe('reception sessions and mediation cases (GraphQL, real PostgreSQL)', () => {
  let harness: PetitionTestApp;
  /** A real petition, listed by the reception sessions. */
  let denunciation: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'reception_mediation', secret: SECRET, clock: { now: () => new Date('2026-03-02T02:00:00Z') } });
    tokens.officer = await harness.token('officer-1', Role.OFFICER, UNIT);
    tokens.leader = await harness.token('leader-1', Role.LEADER, UNIT);
    tokens.foreignOfficer = await harness.token('officer-x', Role.OFFICER, '00007');
    const sub = await ok(
      `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { code } } }`,
      { input: { unitCode: UNIT, kind: 'DENUNCIATION', channel: 'RECEPTION', title: 'Tố cáo', content: 'Tố cáo cán bộ địa chính', petitioner: { fullName: 'Lê Thị Mật Danh', idNumber: '079188001234' } } },
      tokens.officer,
    );
    denunciation = sub.submitPetition.petition.code;
  });
  afterAll(async () => {
    await harness?.close();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => harness.gql(query, variables, token);
  const ok = (query: string, variables: Record<string, unknown>, token: string) => harness.ok(query, variables, token);

  it('reception sessions with the chairperson compliance check, and mediation cases', async () => {
    const recorder = await harness.recordEvents('reception-spec');
    const rec = (date: string, present = true) =>
      ok(`mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id date } }`, { i: { unitCode: UNIT, date, chairpersonId: 'chair-1', chairpersonPresent: present, citizensReceived: 4, petitionCodes: [denunciation] } }, tokens.officer);
    for (const d of ['2026-06-03', '2026-06-10', '2026-06-17', '2026-07-07']) await rec(d);
    await rec('2026-06-24', false);
    const june = await ok(`{ receptionCompliance(unitCode: "${UNIT}", month: "2026-06") { chairpersonId rule required held compliant missingWeeks } }`, {}, tokens.leader);
    expect(june.receptionCompliance).toEqual([{ chairpersonId: 'chair-1', rule: 'WEEKLY', required: 4, held: 3, compliant: false, missingWeeks: ['2026-06-22'] }]);
    await rec('2026-07-21');
    const july = await ok(`{ receptionCompliance(unitCode: "${UNIT}", month: "2026-07") { rule required held compliant } }`, {}, tokens.leader);
    expect(july.receptionCompliance).toEqual([{ rule: 'TWICE_MONTHLY', required: 2, held: 2, compliant: true }]);
    const list = await ok(`{ receptionSessions(unitCode: "${UNIT}", from: "2026-06-01", to: "2026-06-30") { date petitionCodes } }`, {}, tokens.leader);
    expect(list.receptionSessions).toHaveLength(4);
    // each session is announced once as reception-session.held (for evaluation), with no personal data
    await recorder.flush();
    // one key per session: the bus keeps order per key only, so the sessions are compared by date
    const held = recorder.events.filter((e) => e.type === 'reception-session.held');
    expect(held.map((e) => [e.payload.date, e.payload.kind]).sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      ['2026-06-03', 'CHAIRPERSON'], ['2026-06-10', 'CHAIRPERSON'], ['2026-06-17', 'CHAIRPERSON'],
      ['2026-06-24', 'DELEGATED'], ['2026-07-07', 'CHAIRPERSON'], ['2026-07-21', 'CHAIRPERSON'],
    ]);
    expect(held[0]).toMatchObject({ unitCode: UNIT, payload: { unitCode: UNIT, citizensReceived: 4, petitionsOpened: 1 } });
    expect(recorder.raw.filter((r) => r.includes('reception-session.held')).join('')).not.toMatch(/chair-1|officer-1|Mật Danh|079188001234/);

    const M = `mutation($i: RecordMediationCaseInput!) { recordMediationCase(input: $i) { id outcome closedOn } }`;
    const base = { unitCode: UNIT, subject: 'Tranh chấp lối đi', parties: ['Hộ A', 'Hộ B'], mediators: ['Tổ hòa giải số 3'], openedOn: '2026-03-01' };
    await ok(M, { i: { ...base, outcome: 'SUCCESSFUL', closedOn: '2026-03-05', result: 'Thống nhất' } }, tokens.officer);
    await ok(M, { i: { ...base, outcome: 'REFERRED', closedOn: '2026-03-06', referredTo: 'TAND' } }, tokens.officer);
    await ok(M, { i: { ...base, outcome: 'PENDING' } }, tokens.officer);
    const bad = await gql(M, { i: { ...base, parties: ['only one'], outcome: 'PENDING' } }, tokens.officer);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const summary = await ok(`{ mediationSummary(unitCode: "${UNIT}", from: "2026-03-01", to: "2026-03-31") { total successful referred pending successRate } mediationCases(unitCode: "${UNIT}", from: "2026-03-01", to: "2026-03-31") { outcome } }`, {}, tokens.leader);
    expect(summary.mediationSummary).toEqual({ total: 3, successful: 1, referred: 1, pending: 1, successRate: 0.5 });
    expect((await gql(M, { i: { ...base, outcome: 'PENDING' } }, tokens.foreignOfficer)).errors?.[0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');

    // a reception session lists only petitions that exist
    const unknown = await gql(`mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id } }`, { i: { unitCode: UNIT, date: '2026-07-28', chairpersonId: 'chair-1', chairpersonPresent: true, citizensReceived: 1, petitionCodes: [denunciation, '00004-990101-9999'] } }, tokens.officer);
    expect(unknown.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0].message).toContain('00004-990101-9999');

    // the outcome of a recorded mediation: pending → note → successful → agreement not carried out → referred
    const U = `mutation($i: UpdateMediationOutcomeInput!) { updateMediationOutcome(input: $i) { id outcome closedOn referredTo result } }`;
    const pending = (await ok(M, { i: { ...base, openedOn: '2026-03-10', outcome: 'PENDING' } }, tokens.officer)).recordMediationCase.id as string;
    expect((await gql(U, { i: { id: pending, outcome: 'SUCCESSFUL', closedOn: '2026-03-15' } }, tokens.foreignOfficer)).errors?.[0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
    expect((await gql(U, { i: { id: pending, outcome: 'SUCCESSFUL' } }, tokens.officer)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const noted = await ok(U, { i: { id: pending, outcome: 'PENDING', result: 'Đã gặp hai bên lần 1' } }, tokens.officer);
    expect(noted.updateMediationOutcome).toMatchObject({ outcome: 'PENDING', closedOn: null, result: 'Đã gặp hai bên lần 1' });
    const closed = await ok(U, { i: { id: pending, outcome: 'SUCCESSFUL', closedOn: '2026-03-15', result: 'Hai bên thống nhất mở lối đi chung' } }, tokens.leader);
    expect(closed.updateMediationOutcome).toMatchObject({ id: pending, outcome: 'SUCCESSFUL', closedOn: '2026-03-15' });
    expect((await gql(U, { i: { id: pending, outcome: 'PENDING' } }, tokens.officer)).errors?.[0].extensions.code).toBe('MEDIATION_ALREADY_CLOSED');
    const referred = await ok(U, { i: { id: pending, outcome: 'REFERRED', closedOn: '2026-03-30', referredTo: 'UBND xã' } }, tokens.officer);
    expect(referred.updateMediationOutcome).toMatchObject({ outcome: 'REFERRED', referredTo: 'UBND xã', closedOn: '2026-03-30' });
    expect((await gql(U, { i: { id: '00000000-0000-0000-0000-000000000000', outcome: 'SUCCESSFUL', closedOn: '2026-03-15' } }, tokens.officer)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const after = await ok(`{ mediationSummary(unitCode: "${UNIT}", from: "2026-03-01", to: "2026-03-31") { total pending referred } }`, {}, tokens.leader);
    expect(after.mediationSummary).toEqual({ total: 4, pending: 1, referred: 2 });
  });
});
