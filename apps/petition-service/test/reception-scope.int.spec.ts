/**
 * Unit scope of reception sessions and mediation cases, by the shared `UnitScope` of
 * `@xaso/auth`: commune staff reach their own commune only, a province officer every commune of
 * their province (province from the admin-unit replica), nobody else. Real PostgreSQL, the real
 * registry on an in-process bus. 00097 and 00025 are communes of Hà Nội (01); 01273 is in Cao Bằng (04).
 */
import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { InProcessTransport } from '@xaso/messaging';
import { adminUnitsUpsertedMessages, postGraphQL, realAdminUnits, waitUntil } from '@xaso/testing';
import { UnitReplica } from '@xaso/unit-replica';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'reception-scope-secret-reception-scope-secret';

describe('reception and mediation: unit scope through the shared UnitScope', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  const now = new Date('2026-03-02T02:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'reception_scope', secret: SECRET, seedUnits: false, clock: { now: () => now } });
    app = harness.app;
    const replica = app.get(UnitReplica);
    await new InProcessTransport(harness.bus).send(topicFor('merger'), adminUnitsUpsertedMessages());
    await waitUntil('the replica to hold the registry', async () => (await replica.count()) >= realAdminUnits().length);
    const mk = (sub: string, role: Role, unitCode: string) => harness.token(sub, role, unitCode);
    tokens.officer97 = await mk('officer-97', Role.OFFICER, '00097');
    tokens.leader25 = await mk('leader-25', Role.LEADER, '00025');
    tokens.province01 = await mk('province-01', Role.PROVINCE_OFFICER, '01');
    tokens.province04 = await mk('province-04', Role.PROVINCE_OFFICER, '04');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const gql = (query: string, variables: Record<string, unknown>, token: string) => postGraphQL<any>(app, query, variables, token);
  const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;
  const SESSION = `mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id unitCode } }`;
  const session = (unitCode: string) => ({ unitCode, date: '2026-03-02', chairpersonId: 'chair-97', chairpersonPresent: true, citizensReceived: 4 });
  const SESSIONS = `query($u: UnitCode!) { receptionSessions(unitCode: $u, from: "2026-03-01", to: "2026-03-31") { unitCode chairpersonId } }`;
  const COMPLIANCE = `query($u: UnitCode!) { receptionCompliance(unitCode: $u, month: "2026-03") { chairpersonId held } }`;
  const MEDIATION = `mutation($i: RecordMediationCaseInput!) { recordMediationCase(input: $i) { id unitCode outcome } }`;
  const mediation = (unitCode: string) => ({ unitCode, subject: 'Tranh chấp ranh giới đất', parties: ['Hộ C', 'Hộ D'], mediators: ['Tổ hòa giải 2'], openedOn: '2026-03-02', outcome: 'PENDING' });
  const CASES = `query($u: UnitCode!) { mediationCases(unitCode: $u, from: "2026-03-01", to: "2026-03-31") { id outcome } }`;
  const UPDATE = `mutation($i: UpdateMediationOutcomeInput!) { updateMediationOutcome(input: $i) { id outcome } }`;

  let caseId: string;

  beforeAll(async () => {
    const recorded = await gql(SESSION, { i: session('00097') }, tokens.officer97);
    expect(recorded.errors).toBeUndefined();
    const opened = await gql(MEDIATION, { i: mediation('00097') }, tokens.officer97);
    expect(opened.errors).toBeUndefined();
    caseId = opened.data.recordMediationCase.id;
  });

  it('an officer of another commune can neither write nor read the commune’s sessions and cases', async () => {
    expect(codeOf(await gql(SESSION, { i: session('00097') }, tokens.leader25))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await gql(SESSIONS, { u: '00097' }, tokens.leader25))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await gql(COMPLIANCE, { u: '00097' }, tokens.leader25))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await gql(MEDIATION, { i: mediation('00097') }, tokens.leader25))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await gql(CASES, { u: '00097' }, tokens.leader25))).toBe('OUT_OF_UNIT_SCOPE');
    const update = await gql(UPDATE, { i: { id: caseId, outcome: 'SUCCESSFUL', closedOn: '2026-03-02', result: 'Hai bên thống nhất' } }, tokens.leader25);
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_UNIT_SCOPE', messageVi: expect.stringContaining('00097') });
    // nothing was written under 00097 by the other commune
    const own = await gql(SESSIONS, { u: '00097' }, tokens.officer97);
    expect(own.data.receptionSessions).toEqual([{ unitCode: '00097', chairpersonId: 'chair-97' }]);
    expect((await gql(CASES, { u: '00097' }, tokens.officer97)).data.mediationCases).toEqual([{ id: caseId, outcome: 'PENDING' }]);
  });

  it('a province officer reads every commune of their province, and no commune of another province', async () => {
    const sessions = await gql(SESSIONS, { u: '00097' }, tokens.province01);
    expect(sessions.errors).toBeUndefined();
    expect(sessions.data.receptionSessions).toEqual([{ unitCode: '00097', chairpersonId: 'chair-97' }]);
    const compliance = await gql(COMPLIANCE, { u: '00097' }, tokens.province01);
    expect(compliance.errors).toBeUndefined();
    expect(compliance.data.receptionCompliance).toEqual([{ chairpersonId: 'chair-97', held: 1 }]);
    expect((await gql(CASES, { u: '00097' }, tokens.province01)).data.mediationCases).toEqual([{ id: caseId, outcome: 'PENDING' }]);

    expect(codeOf(await gql(SESSIONS, { u: '00097' }, tokens.province04))).toBe('OUT_OF_UNIT_SCOPE');
    expect(codeOf(await gql(CASES, { u: '00097' }, tokens.province04))).toBe('OUT_OF_UNIT_SCOPE');
    expect((await gql(SESSIONS, { u: '01273' }, tokens.province04)).data.receptionSessions).toEqual([]);
  });
});
