/**
 * The shared unit rule wherever petition-service records a unit (referrals, reception sessions,
 * mediation cases; intake is covered through the gateway in petition-gateway.spec.ts), over the
 * real registry delivered as merger's `admin-units.upserted` events on this file's own in-process
 * bus, real PostgreSQL. Filing day 2026-03-02.
 */
import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { topicFor } from '@xaso/contracts';
import { InProcessTransport } from '@xaso/messaging';
import { adminUnitsUpsertedMessages, postGraphQL, realAdminUnits, waitUntil } from '@xaso/testing';
import { UnitReplica } from '@xaso/unit-replica';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-units-secret-petition-units-secret-0';

describe('petition-service: every unit a record names is a unit on the record’s day', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  const now = new Date('2026-03-02T02:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // the registry arrives as merger's events, after a first call finds the replica empty
    harness = await startPetitionTestApp({ database: 'petition_units', secret: SECRET, seedUnits: false, clock: { now: () => now } });
    app = harness.app;
    const replica = app.get(UnitReplica);
    const unavailable = await gql(SESSION, { i: session('00097', '2026-03-02') }, await harness.token('o-97', Role.OFFICER, '00097'));
    expect(unavailable.errors?.[0].extensions?.code).toBe('UNIT_REGISTRY_NOT_READY');
    await new InProcessTransport(harness.bus).send(topicFor('merger'), adminUnitsUpsertedMessages());
    await waitUntil('the replica to hold the registry', async () => (await replica.count()) >= realAdminUnits().length);
    const mk = harness.token;
    tokens.officer97 = await mk('officer-97', Role.OFFICER, '00097');
    tokens.officer1 = await mk('officer-1', Role.OFFICER, '00001');
    tokens.officer25 = await mk('officer-25', Role.OFFICER, '00025');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const gql = (query: string, variables: Record<string, unknown>, token: string) => postGraphQL<any>(app, query, variables, token);
  const SESSION = `mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id unitCode routedFromUnitCode date } }`;
  const session = (unitCode: string, date: string) => ({ unitCode, date, chairpersonId: 'chair-1', chairpersonPresent: true, citizensReceived: 3 });
  const MEDIATION = `mutation($i: RecordMediationCaseInput!) { recordMediationCase(input: $i) { id unitCode routedFromUnitCode openedOn } }`;
  const mediation = (unitCode: string, openedOn: string) => ({ unitCode, subject: 'Tranh chấp lối đi chung', parties: ['Hộ A', 'Hộ B'], mediators: ['Tổ hòa giải 1'], openedOn, outcome: 'PENDING' });
  const successors = [{ code: '00008', name: 'Phường Ngọc Hà' }, { code: '00025', name: 'Phường Giảng Võ' }];

  it('reception sessions: the unit on the session’s own day (00001 was Phúc Xá until 2025-06-30, then went into 00097)', async () => {
    const before = await gql(SESSION, { i: session('00001', '2025-06-16') }, tokens.officer1);
    expect(before.errors).toBeUndefined();
    expect(before.data.recordReceptionSession).toMatchObject({ unitCode: '00001', routedFromUnitCode: null });

    const after = await gql(SESSION, { i: session('00001', '2026-03-02') }, tokens.officer97);
    expect(after.errors).toBeUndefined();
    expect(after.data.recordReceptionSession).toMatchObject({ unitCode: '00097', routedFromUnitCode: '00001' });
    const listed = await gql(`{ receptionSessions(unitCode: "00097", from: "2026-03-01", to: "2026-03-31") { unitCode routedFromUnitCode } }`, {}, tokens.officer97);
    expect(listed.data.receptionSessions).toEqual([{ unitCode: '00097', routedFromUnitCode: '00001' }]);
    // an officer of the old code does not reach the successor's records through it
    expect((await gql(SESSION, { i: session('00001', '2026-03-02') }, tokens.officer1)).errors?.[0].extensions?.code).toBe('OUT_OF_UNIT_SCOPE');

    const divided = await gql(SESSION, { i: session('00007', '2026-03-02') }, tokens.officer25);
    expect(divided.errors?.[0].extensions).toMatchObject({ code: 'UNIT_ABOLISHED', details: { field: 'unitCode', unitCode: '00007', date: '2026-03-02', successors } });
    expect((await gql(SESSION, { i: session('99999', '2026-03-02') }, tokens.officer25)).errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_UNIT', details: { unitCode: '99999' } });
    // not shaped like a unit code at all: the UnitCode scalar answers first
    expect((await gql(SESSION, { i: session('ZZZ', '2026-03-02') }, tokens.officer25)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('mediation cases: the unit on the day the case opened', async () => {
    const routed = await gql(MEDIATION, { i: mediation('00001', '2026-02-10') }, tokens.officer97);
    expect(routed.errors).toBeUndefined();
    expect(routed.data.recordMediationCase).toMatchObject({ unitCode: '00097', routedFromUnitCode: '00001' });
    const listed = await gql(`{ mediationCases(unitCode: "00097", from: "2026-02-01", to: "2026-02-28") { unitCode routedFromUnitCode } }`, {}, tokens.officer97);
    expect(listed.data.mediationCases).toEqual([{ unitCode: '00097', routedFromUnitCode: '00001' }]);
    expect((await gql(MEDIATION, { i: mediation('00001', '2025-05-10') }, tokens.officer1)).data.recordMediationCase).toMatchObject({ unitCode: '00001', routedFromUnitCode: null });
    expect((await gql(MEDIATION, { i: mediation('00007', '2026-02-10') }, tokens.officer25)).errors?.[0].extensions).toMatchObject({ code: 'UNIT_ABOLISHED', details: { successors } });
    expect((await gql(MEDIATION, { i: mediation('99999', '2026-02-10') }, tokens.officer25)).errors?.[0].extensions?.code).toBe('UNKNOWN_UNIT');
  });

  it('referrals to another unit: a unit in force, an abolished one’s single successor (recorded), never an unknown one', async () => {
    const SUBMIT = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { code } } }`;
    const submit = async () =>
      (await gql(SUBMIT, { input: { unitCode: '00025', kind: 'FEEDBACK', channel: 'RECEPTION', title: 'Phản ánh', content: `Phản ánh ${Math.random()}` } }, tokens.officer25)).data
        .submitPetition.petition.code as string;
    const refer = (code: string, unitCode: string) =>
      gql(
        `mutation { referPetition(code: "${code}", agencyName: "UBND phường", reason: "Đúng thẩm quyền", unitCode: "${unitCode}") { status referral { unitCode routedFromUnitCode } history { action note } } }`,
        {},
        tokens.officer25,
      );
    const code = await submit();
    expect((await refer(code, '99999')).errors?.[0].extensions?.code).toBe('UNKNOWN_UNIT');
    expect((await refer(code, '00007')).errors?.[0].extensions?.code).toBe('UNIT_ABOLISHED');
    const routed = await refer(code, '00001');
    expect(routed.errors).toBeUndefined();
    expect(routed.data.referPetition).toMatchObject({ status: 'REFERRED', referral: { unitCode: '00097', routedFromUnitCode: '00001' } });
    expect(routed.data.referPetition.history.at(-1).note).toContain('routed to its successor 00097');
    const plain = await refer(await submit(), '00004');
    expect(plain.data.referPetition.referral).toEqual({ unitCode: '00004', routedFromUnitCode: null });
  });
});
