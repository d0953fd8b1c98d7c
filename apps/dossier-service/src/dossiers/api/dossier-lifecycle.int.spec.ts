import { Role } from '@xaso/auth';
import { citizen, DOSSIER_FIELDS, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput } from '../../../test/dossier-test-app';

const ID = '001090001234';
const PERSONAL = [ID, '0912345678', 'Nguyễn Văn An', 'an@example.vn'];

describe('dossier lifecycle through GraphQL (real PostgreSQL, events on Kafka)', () => {
  let t: DossierTestApp;
  let citizenToken: string;
  let otherCitizen: string;
  let officerToken: string;
  let leaderToken: string;
  let strangerOfficer: string;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_lifecycle');
    citizenToken = await t.token(citizen('citizen-an', ID));
    otherCitizen = await t.token(citizen('citizen-binh', '001090009999'));
    officerToken = await t.token(officer(t.unitA));
    leaderToken = await t.token({ role: Role.LEADER, sub: 'leader-a', unitCode: t.unitA });
    strangerOfficer = await t.token(officer(t.unitB));
  });
  afterAll(() => t?.close());

  it('runs received → in processing ↔ supplement requested → processed → returned, with history and dossier.* events', async () => {
    // Monday 2026-03-02 09:00 local; 5 working days → Monday 2026-03-09 17:00 local.
    t.clock.set('2026-03-02T02:00:00Z');
    const submitted = await t.gql<{ submitDossier: any }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    expect(submitted.errors).toBeUndefined();
    const d = submitted.data!.submitDossier;
    expect(d.code).toBe(`${t.unitA}-260302-0001`);
    expect(d.status).toBe('RECEIVED');
    expect(d.dueAt).toBe('2026-03-09T10:00:00.000Z');
    expect(d.procedure.processingDays).toBe(5);
    expect(d.attachments).toHaveLength(1);

    const op = (mutation: string, token = officerToken) => t.gql<Record<string, any>>(token, `mutation { ${mutation} { ${DOSSIER_FIELDS} } }`);
    expect((await op(`startProcessing(code: "${d.code}", note: "Tiếp nhận xử lý")`)).data!.startProcessing.status).toBe('IN_PROCESSING');

    t.clock.set('2026-03-03T03:00:00Z'); // Tue 10:00
    const requested = await op(`requestSupplement(code: "${d.code}", reason: "Thiếu bản vẽ", items: ["Bản vẽ mặt bằng"])`);
    expect(requested.data!.requestSupplement).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', paused: true, dueAt: null });

    t.clock.set('2026-03-05T07:00:00Z'); // Thu 14:00: Tue and Wed do not count → due two working days later
    const provided = await t.gql<Record<string, any>>(
      citizenToken,
      `mutation($a: [AttachmentInput!]) { provideSupplement(code: "${d.code}", note: "Đã bổ sung", attachments: $a) { ${DOSSIER_FIELDS} } }`,
      { a: [{ name: 'ban-ve.pdf', mediaType: 'application/pdf', size: 2048, sha256: 'b'.repeat(64) }] },
    );
    expect(provided.errors).toBeUndefined();
    expect(provided.data!.provideSupplement).toMatchObject({ status: 'IN_PROCESSING', paused: false, dueAt: '2026-03-11T10:00:00.000Z' });
    expect(provided.data!.provideSupplement.supplementRequests[0].providedAt).toBeTruthy();

    t.clock.set('2026-03-10T03:00:00Z');
    expect((await op(`completeProcessing(code: "${d.code}", resultNote: "Đã cấp giấy phép")`)).data!.completeProcessing.status).toBe('PROCESSED');
    const returned = await op(`returnResult(code: "${d.code}")`);
    expect(returned.data!.returnResult).toMatchObject({ status: 'RETURNED', overdue: false });
    expect(returned.data!.returnResult.history.map((h: any) => h.action)).toEqual([
      'RECEIVE',
      'START_PROCESSING',
      'REQUEST_SUPPLEMENT',
      'PROVIDE_SUPPLEMENT',
      'COMPLETE',
      'RETURN',
    ]);
    expect(returned.data!.returnResult.history[3]).toMatchObject({ actorRole: 'CITIZEN', actorUnit: null });
    expect(returned.data!.returnResult.history[1]).toMatchObject({ actorRole: 'OFFICER', actorUnit: t.unitA });

    const expected = [
      'dossier.received',
      'dossier.processing-started',
      'dossier.supplement-requested',
      'dossier.supplement-provided',
      'dossier.resolved',
      'dossier.returned',
    ];
    const events = await t.waitForEvents((es) => es.filter((e) => e.aggregateId === d.code).length >= expected.length);
    const mine = events.filter((e) => e.aggregateId === d.code);
    expect(mine.map((e) => e.type)).toEqual(expected);
    expect(mine.find((e) => e.type === 'dossier.resolved')!.payload).toMatchObject({ timeliness: 'EARLY' });
    for (const e of mine) for (const secret of PERSONAL) expect(e.raw).not.toContain(secret);
  });

  it('answers bad input and wrong transitions with coded errors, never a 500', async () => {
    const unknown = await t.gql(citizenToken, SUBMIT, { input: submitInput(t.unitA, { procedureCode: 'NOPE' }) });
    expect(unknown.errors![0].extensions!.code).toBe('UNKNOWN_PROCEDURE');
    const badId = await t.gql(citizenToken, SUBMIT, {
      input: submitInput(t.unitA, { applicant: { fullName: 'X', idNumber: '12345' } }),
    });
    expect(badId.errors![0].extensions!.code).toBe('INVALID_ID_NUMBER');
    const badChannel = await t.gql(citizenToken, SUBMIT, { input: submitInput(t.unitA, { channel: 'DIRECT' }) });
    expect(badChannel.errors![0].extensions!.code).toBe('ROLE_NOT_ALLOWED');

    const { data } = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    const code = data!.submitDossier.code;
    const complete = await t.gql(officerToken, `mutation { completeProcessing(code: "${code}", resultNote: "x") { status } }`);
    expect(complete.errors![0].extensions!.code).toBe('INVALID_TRANSITION');
    const refuseByOfficer = await t.gql(officerToken, `mutation { refuseDossier(code: "${code}", reason: "x") { status } }`);
    expect(refuseByOfficer.errors![0].extensions!.code).toBe('ROLE_NOT_ALLOWED');
    const outOfScope = await t.gql(strangerOfficer, `mutation { startProcessing(code: "${code}") { status } }`);
    expect(outOfScope.errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    const counterOutOfScope = await t.gql(strangerOfficer, SUBMIT, { input: submitInput(t.unitA, { channel: 'DIRECT' }) });
    expect(counterOutOfScope.errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    const missing = await t.gql(officerToken, `mutation { startProcessing(code: "${t.unitA}-260101-0001") { status } }`);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');

    const refused = await t.gql<any>(leaderToken, `mutation { refuseDossier(code: "${code}", reason: "Không thuộc thẩm quyền") { status history { action actorRole note } } }`);
    expect(refused.data!.refuseDossier.status).toBe('REFUSED');
    expect(refused.data!.refuseDossier.history[1]).toMatchObject({ action: 'REFUSE', actorRole: 'LEADER', note: 'Không thuộc thẩm quyền' });
  });

  it('lets citizens see only their own dossiers and officers only their units’ dossiers', async () => {
    const mine = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    const code = mine.data!.submitDossier.code;

    expect((await t.gql<any>(citizenToken, `{ dossier(code: "${code}") { code applicant { idNumber } } }`)).data!.dossier.applicant.idNumber).toBe(ID);
    expect((await t.gql(otherCitizen, `{ dossier(code: "${code}") { code } }`)).errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    expect((await t.gql(strangerOfficer, `{ dossier(code: "${code}") { code } }`)).errors![0].extensions!.code).toBe('OUT_OF_UNIT_SCOPE');
    expect((await t.gql<any>(officerToken, `{ dossier(code: "${code}") { code } }`)).data!.dossier.code).toBe(code);
    expect((await t.gql(null, `{ dossier(code: "${code}") { code } }`)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const listOf = async (token: string) =>
      (await t.gql<any>(token, `{ dossiers(first: 100) { totalCount edges { node { code receivingUnitCode } } } }`)).data!.dossiers;
    expect((await listOf(otherCitizen)).totalCount).toBe(0);
    expect((await listOf(strangerOfficer)).totalCount).toBe(0);
    const ownList = await listOf(citizenToken);
    expect(ownList.edges.map((e: any) => e.node.code)).toContain(code);
    const unitList = await listOf(officerToken);
    expect(unitList.totalCount).toBeGreaterThanOrEqual(3);
    expect(unitList.edges.every((e: any) => e.node.receivingUnitCode === t.unitA)).toBe(true);

    // transferred to unit B: B's officer now sees it
    const transferred = await t.gql<any>(officerToken, `mutation { transferDossier(code: "${code}", toUnitCode: "${t.unitB}", reason: "Đúng thẩm quyền") { processingUnitCode } }`);
    expect(transferred.data!.transferDossier.processingUnitCode).toBe(t.unitB);
    expect((await t.gql<any>(strangerOfficer, `{ dossier(code: "${code}") { code } }`)).data!.dossier.code).toBe(code);
    await t.waitForEvents((es) => es.some((e) => e.type === 'dossier.transferred' && e.aggregateId === code));
    const event = t.events.find((e) => e.type === 'dossier.transferred' && e.aggregateId === code)!;
    expect(event.payload).toMatchObject({ fromUnitCode: t.unitA, toUnitCode: t.unitB, processingUnitCode: t.unitB });
    expect(event.unitCode).toBe(t.unitB);
  });

  it('tracks publicly with the right last 4 digits only, without personal data', async () => {
    const { data } = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    const code = data!.submitDossier.code;
    const query = (last4: string) =>
      t.gql<any>(null, `{ trackDossier(code: "${code}", idNumberLast4: "${last4}") { code status dueAt procedureName history { status action at } } }`);
    expect((await query('0000')).data!.trackDossier).toBeNull();
    const bad = await query('12a4');
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const ok = await query('1234');
    expect(ok.data!.trackDossier).toMatchObject({ code, status: 'RECEIVED', procedureName: 'Đăng ký lại khai sinh' });
    expect(ok.data!.trackDossier.history).toHaveLength(1);
    // The history in order, with the instants the officer's view shows (tracking reads it in one statement).
    await t.gql(officerToken, `mutation { startProcessing(code: "${code}", note: "Tiếp nhận xử lý") { status } }`);
    const later = await query('1234');
    const full = await t.gql<any>(officerToken, `{ dossier(code: "${code}") { history { action toStatus at } } }`);
    expect(later.data!.trackDossier.status).toBe('IN_PROCESSING');
    expect(later.data!.trackDossier.history).toEqual(full.data!.dossier.history.map((h: any) => ({ status: h.toStatus, action: h.action, at: h.at })));
    expect(later.data!.trackDossier.history.map((h: any) => h.action)).toEqual(['RECEIVE', 'START_PROCESSING']);
    const text = JSON.stringify(ok);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    // The public type has no way to ask for personal data.
    expect((await t.gql(null, `{ trackDossier(code: "${code}", idNumberLast4: "1234") { applicant { fullName } } }`)).errors![0].extensions!.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('lists the procedure catalogue publicly with accent-insensitive search', async () => {
    const res = await t.gql<any>(null, `{ procedures(search: "khai sinh", first: 5) { totalCount edges { node { code name onlineLevel processingDays } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.procedures.edges.map((e: any) => e.node.name)).toContain('Đăng ký khai sinh');
  });
});
