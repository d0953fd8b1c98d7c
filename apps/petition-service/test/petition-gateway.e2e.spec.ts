import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { eventRegistry } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { fetchGraphQL, waitUntil } from '@xaso/testing';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(180_000);

/**
 * The lifecycle of each kind through the real gateway (federated `/graphql` and the REST facade
 * `/api/v1/petitions`) against real PostgreSQL, with the events on Kafka (the mock cluster of the
 * test setup). The gateway is loaded by path: a service never imports another app's code; the
 * gateway is not a code-first GraphQL app, so it can share this process with the subgraph.
 */
type StartGateway = (options: {
  port: number;
  host?: string;
  subgraphs: { name: string; url: string }[];
  logger?: false;
}) => Promise<INestApplication>;
const { startGateway } = require(resolve(__dirname, '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };

const SECRET = 'petition-gateway-spec-secret-petition-gateway-01';
/** A unit used by no other petition test file (the Kafka topic is shared by the test run). */
const UNIT = '00091';
const UPPER_UNIT = '01';

const CITIZEN = { name: 'Trần Thị Khiếu Nại', idNumber: '001190004455' };
const DENOUNCER = { fullName: 'Vũ Văn Kín Tiếng', idNumber: '036080007788', phone: '0912000333', address: 'Xóm Giữ Kín, thôn Bảy' };
const PERSONAL = [CITIZEN.name, CITIZEN.idNumber, ...Object.values(DENOUNCER)];

describe('petition lifecycles through the gateway (real PostgreSQL, events on Kafka)', () => {
  let harness: PetitionTestApp;
  let db: { url: string };
  let service: INestApplication;
  let gateway: INestApplication;
  let consumer: KafkaTransport;
  let base: string;
  const received: string[] = [];
  const saved = { logLevel: process.env.LOG_LEVEL };
  const t: Record<string, string> = {};
  const codes: string[] = [];

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'error'; // the gateway's request log
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    harness = await startPetitionTestApp({
      database: 'petition_gateway',
      secret: SECRET,
      listen: true,
      transport: new KafkaTransport({ brokers, clientId: 'petition-gateway-spec' }),
      consumerGroup: `petition-service-test-gateway-${Date.now()}`,
    });
    service = harness.app;
    db = { url: harness.databaseUrl };
    const serviceUrl = (await service.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'petition', url: `${serviceUrl}/graphql` }], logger: false });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    consumer = new KafkaTransport({ brokers, clientId: 'evaluation-gateway-spec' });
    await consumer.start();
    await consumer.subscribe(`evaluation-gateway-spec-${Date.now()}`, ['xaso.petition.events.v1'], async (m) => {
      received.push(m.value!);
    });
    const mk = harness.token;
    t.citizen = await mk('gw-citizen-1', Role.CITIZEN, undefined, CITIZEN);
    t.citizen2 = await mk('gw-citizen-2', Role.CITIZEN, undefined, { name: 'Lý Văn Hàng Xóm', idNumber: '001190006677' });
    t.stranger = await mk('gw-citizen-3', Role.CITIZEN);
    t.officer = await mk('gw-officer', Role.OFFICER, UNIT);
    t.handler = await mk('gw-handler', Role.OFFICER, UNIT);
    t.leader = await mk('gw-leader', Role.LEADER, UNIT);
    t.agency = await mk('gw-hotline-1022', Role.AGENCY);
  });

  afterAll(async () => {
    await consumer?.stop();
    await gateway?.close();
    await harness?.close();
    if (saved.logLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved.logLevel;
  });

  const call = (query: string, token?: string, variables: Record<string, unknown> = {}) => fetchGraphQL<any>(base, query, variables, token);
  const gql = async (query: string, token?: string, variables: Record<string, unknown> = {}) => {
    const body = await call(query, token, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const gqlError = async (query: string, token?: string, variables: Record<string, unknown> = {}) => {
    const body = await call(query, token, variables);
    expect(body.errors?.length).toBeGreaterThan(0);
    return body.errors![0].extensions?.code;
  };
  const submit = async (input: Record<string, unknown>, token: string) => {
    const data = await gql(
      `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code kind status anonymous } trackingSecret linkedTo } }`,
      token,
      { i: { unitCode: UNIT, ...input } },
    );
    codes.push(data.submitPetition.petition.code);
    return data.submitPetition as { petition: { code: string; kind: string; status: string; anonymous: boolean }; trackingSecret: string; linkedTo: string | null };
  };
  const step = async (mutation: string, token: string) => (await gql(`mutation { ${mutation} { code status kind extensionsUsed resolutionDue } }`, token)) as Record<string, any>;
  const eventsOf = async (code: string, atLeast: number) => {
    const mine = () => received.map((v) => JSON.parse(v)).filter((e) => e.aggregateId === code);
    await waitUntil(`${atLeast} events of ${code}`, async () => mine().length >= atLeast, 45_000);
    return mine() as { type: string; payload: Record<string, any> }[];
  };

  it('COMPLAINT: submit → classify → accept → assign → extend → resolve → second-time complaint within 30 days', async () => {
    const { petition } = await submit({ kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại quyết định thu hồi đất', content: 'Quyết định bồi thường không đúng diện tích' }, t.citizen);
    expect(petition).toMatchObject({ kind: 'COMPLAINT', status: 'RECEIVED', anonymous: false });
    const code = petition.code;
    await step(`classifyPetition(code: "${code}")`, t.officer);
    // a complaint is decided by the leader
    expect(await gqlError(`mutation { acceptPetition(code: "${code}") { code } }`, t.officer)).toBe('PETITION_ROLE_NOT_ALLOWED');
    const accepted = await step(`acceptPetition(code: "${code}")`, t.leader);
    expect(accepted.acceptPetition.status).toBe('ACCEPTED');
    await step(`assignPetition(code: "${code}", handlerId: "gw-handler")`, t.leader);
    const extended = await step(`extendPetition(code: "${code}", reason: "Vụ việc phức tạp")`, t.leader);
    expect(extended.extendPetition.extensionsUsed).toBe(1);
    expect(await gqlError(`mutation { extendPetition(code: "${code}", reason: "Lần nữa") { code } }`, t.leader)).toBe('PETITION_EXTENSION_NOT_ALLOWED');
    const resolved = await step(`resolvePetition(code: "${code}", conclusion: "Giữ nguyên quyết định", decisionNumber: "12/QĐ-UBND")`, t.leader);
    expect(resolved.resolvePetition.status).toBe('RESOLVED');
    // someone else may not bring it to the next level
    expect(await gqlError(`mutation { appealPetition(code: "${code}", reason: "x", toUnitCode: "${UPPER_UNIT}") { trackingSecret } }`, t.stranger)).toBe('PETITION_NOT_PETITIONER');
    const appeal = await gql(
      `mutation { appealPetition(code: "${code}", reason: "Không đồng ý kết quả lần đầu", toUnitCode: "${UPPER_UNIT}") { petition { code unitCode attempt parentCode kind status } trackingSecret } }`,
      t.citizen,
    );
    expect(appeal.appealPetition.petition).toMatchObject({ unitCode: UPPER_UNIT, attempt: 2, parentCode: code, kind: 'COMPLAINT', status: 'RECEIVED' });
    codes.push(appeal.appealPetition.petition.code);
    const first = await gql(`{ petition(code: "${code}") { status history { action to } } }`, t.leader);
    expect(first.petition.status).toBe('APPEALED');
    expect(first.petition.history.map((h: { action: string }) => h.action)).toEqual(['SUBMIT', 'CLASSIFY', 'ACCEPT', 'ASSIGN', 'EXTEND', 'RESOLVE', 'APPEAL']);

    const events = await eventsOf(code, 7);
    expect(events.map((e) => e.type)).toEqual([
      'petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.extended', 'petition.resolved', 'petition.appealed',
    ]);
    expect(events[5].payload).toMatchObject({ kind: 'COMPLAINT', unitCode: UNIT, onTime: true });
    const second = await eventsOf(appeal.appealPetition.petition.code, 1);
    expect(second[0].payload).toMatchObject({ attempt: 2, parentCode: code, unitCode: UPPER_UNIT });
  });

  it('DENUNCIATION: identified — accept, assign, extend twice at most (third → coded error), resolve; anonymous → INFORMATION', async () => {
    const { petition } = await submit(
      { kind: 'DENUNCIATION', channel: 'RECEPTION', title: 'Tố cáo cán bộ địa chính', content: 'Nhận tiền để làm hồ sơ', petitioner: DENOUNCER },
      t.officer,
    );
    expect(petition.kind).toBe('DENUNCIATION');
    const code = petition.code;
    await step(`classifyPetition(code: "${code}", complexity: VERY_COMPLEX)`, t.officer);
    await step(`acceptPetition(code: "${code}")`, t.leader);
    await step(`assignPetition(code: "${code}", handlerId: "gw-handler")`, t.leader);
    const e1 = await step(`extendPetition(code: "${code}", reason: "Cần xác minh thêm")`, t.leader);
    const e2 = await step(`extendPetition(code: "${code}", reason: "Cần giám định")`, t.leader);
    expect([e1.extendPetition.extensionsUsed, e2.extendPetition.extensionsUsed]).toEqual([1, 2]);
    expect(e2.extendPetition.resolutionDue > e1.extendPetition.resolutionDue).toBe(true);
    expect(await gqlError(`mutation { extendPetition(code: "${code}", reason: "Lần ba") { code } }`, t.leader)).toBe('PETITION_EXTENSION_NOT_ALLOWED');
    // the identity: the assigned handler reads it (logged); another officer of the unit does not
    const asHandler = await gql(`{ petition(code: "${code}") { petitioner { fullName idNumber } } }`, t.handler);
    expect(asHandler.petition.petitioner).toEqual({ fullName: DENOUNCER.fullName, idNumber: DENOUNCER.idNumber });
    const asOfficer = await call(`{ petition(code: "${code}") { petitioner { fullName } } }`, t.officer);
    expect(asOfficer.data?.petition?.petitioner ?? null).toBeNull();
    expect(JSON.stringify(asOfficer)).not.toContain(DENOUNCER.fullName);
    const log = await gql(`{ petitionIdentityAccessLog(code: "${code}") { actorId purpose } }`, t.leader);
    expect(log.petitionIdentityAccessLog.map((r: { actorId: string }) => r.actorId)).toEqual(['gw-handler']);
    await step(`resolvePetition(code: "${code}", conclusion: "Tố cáo đúng một phần")`, t.leader);
    const events = await eventsOf(code, 7);
    expect(events.map((e) => e.type)).toEqual([
      'petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.extended', 'petition.extended', 'petition.resolved',
    ]);

    const anonymous = await submit({ kind: 'DENUNCIATION', channel: 'MAIL', title: 'Thư tố cáo không ký tên', content: 'Có sai phạm ở thôn Ba' }, t.officer);
    expect(anonymous.petition).toMatchObject({ kind: 'INFORMATION', anonymous: true });
    expect(await gqlError(`mutation { acceptPetition(code: "${anonymous.petition.code}") { code } }`, t.leader)).toBe('PETITION_ACTION_NOT_FOR_KIND');
    const archived = await step(`archivePetition(code: "${anonymous.petition.code}", note: "Dùng làm thông tin thanh tra")`, t.officer);
    expect(archived.archivePetition.status).toBe('ARCHIVED');
    const info = await eventsOf(anonymous.petition.code, 2);
    expect(info.map((e) => e.type)).toEqual(['petition.received', 'petition.archived']);
    expect(info[0].payload).toMatchObject({ kind: 'INFORMATION', anonymous: true });
  });

  it('FEEDBACK: location and category, duplicate linking, resolve, rate, re-open within the window', async () => {
    const here = { lat: 21.0341, lon: 105.8372 };
    const { petition } = await submit(
      { kind: 'FEEDBACK', channel: 'ONLINE', title: 'Đèn đường hỏng', content: 'Đèn đường ngõ 12 hỏng nhiều ngày', category: 'Chiếu sáng', location: here },
      t.citizen,
    );
    const code = petition.code;
    const dup = await submit(
      { kind: 'FEEDBACK', channel: 'ONLINE', title: 'Ngõ tối', content: 'Ngõ 12 không có đèn', category: 'chiếu sáng', location: { lat: 21.0342, lon: 105.8373 } },
      t.citizen2,
    );
    expect(dup.linkedTo).toBe(code);
    expect(dup.petition.status).toBe('LINKED');
    const main = await gql(`{ petition(code: "${code}") { category location { lat lon } petitionerCount submissionCount } }`, t.officer);
    expect(main.petition).toMatchObject({ category: 'Chiếu sáng', location: here, petitionerCount: 2, submissionCount: 2 });

    await step(`classifyPetition(code: "${code}")`, t.officer);
    await step(`acceptPetition(code: "${code}")`, t.officer);
    await step(`assignPetition(code: "${code}", handlerId: "gw-handler")`, t.leader);
    expect(await gqlError(`mutation { resolvePetition(code: "${code}", conclusion: "x") { code } }`, t.officer)).toBe('PETITION_NOT_ASSIGNED_HANDLER');
    await step(`resolvePetition(code: "${code}", conclusion: "Đã thay bóng đèn")`, t.handler);
    expect(await gqlError(`mutation { ratePetition(code: "${code}", score: 1) { code } }`, t.stranger)).toBe('PETITION_NOT_PETITIONER');
    const rated = await gql(`mutation { ratePetition(code: "${code}", score: 2, comment: "Chậm") { rating { score } status } }`, t.citizen);
    expect(rated.ratePetition).toEqual({ rating: { score: 2 }, status: 'RESOLVED' });
    const reopened = await step(`reopenPetition(code: "${code}", reason: "Đèn lại hỏng")`, t.citizen);
    expect(reopened.reopenPetition.status).toBe('REOPENED');

    const events = await eventsOf(code, 7);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.resolved', 'petition.rated', 'petition.reopened']),
    );
    expect(events.find((e) => e.type === 'petition.rated')!.payload).toMatchObject({ score: 2, kind: 'FEEDBACK', unitCode: UNIT });
    const linked = await eventsOf(dup.petition.code, 2);
    expect(linked.map((e) => e.type)).toEqual(['petition.received', 'petition.linked']);
  });

  it('RECOMMENDATION via the REST facade (1022 intake) → handled → rated with the tracking secret; problem+json on bad input', async () => {
    const res = await fetch(`${base}/api/v1/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.agency}` },
      body: JSON.stringify({
        unitCode: UNIT,
        kind: 'RECOMMENDATION',
        channel: 'HOTLINE',
        title: 'Kiến nghị làm vỉa hè',
        content: 'Đề nghị lát lại vỉa hè đường Lê Lợi',
        petitioner: { fullName: 'Hồ Văn Gọi Điện', phone: '0903000444', address: 'Số 5 Lê Lợi' },
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { petition: { code: string; kind: string; channel: string; status: string }; trackingSecret: string };
    expect(body.petition).toMatchObject({ kind: 'RECOMMENDATION', channel: 'HOTLINE', status: 'RECEIVED' });
    expect(JSON.stringify(body)).not.toContain('Hồ Văn Gọi Điện');
    const code = body.petition.code;
    codes.push(code);

    const bad = await fetch(`${base}/api/v1/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.agency}` },
      body: JSON.stringify({ unitCode: UNIT, kind: 'GOSSIP', channel: 'HOTLINE', title: 'x', content: 'y' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const unauthenticated = await fetch(`${base}/api/v1/petitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unauthenticated.status).toBe(401);

    await step(`classifyPetition(code: "${code}")`, t.officer);
    await step(`acceptPetition(code: "${code}")`, t.officer);
    await step(`assignPetition(code: "${code}", handlerId: "gw-handler")`, t.leader);
    await step(`resolvePetition(code: "${code}", conclusion: "Đưa vào kế hoạch năm sau")`, t.handler);
    // the caller has no account linked to the petition: the tracking secret proves it is theirs
    expect(await gqlError(`mutation { ratePetition(code: "${code}", score: 5, trackingSecret: "wrong") { code } }`, t.stranger)).toBe('FORBIDDEN');
    const rated = await gql(`mutation { ratePetition(code: "${code}", score: 5, trackingSecret: "${body.trackingSecret}") { rating { score } } }`, t.stranger);
    expect(rated.ratePetition.rating.score).toBe(5);
    const tracking = await fetch(`${base}/api/v1/petitions/${code}/tracking?secret=${encodeURIComponent(body.trackingSecret)}`);
    expect(tracking.status).toBe(200);
    expect(await tracking.json()).toMatchObject({ found: true, status: 'RESOLVED', conclusion: 'Đưa vào kế hoạch năm sau' });
    const tracked = await gql(`{ trackPetition(code: "${code}", trackingSecret: "${body.trackingSecret}") { status steps { action } } }`);
    expect(tracked.trackPetition.steps.map((s: { action: string }) => s.action)).toEqual(['SUBMIT', 'CLASSIFY', 'ACCEPT', 'ASSIGN', 'RESOLVE', 'RATE']);
    const events = await eventsOf(code, 6);
    expect(events.map((e) => e.type)).toEqual(['petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.resolved', 'petition.rated']);
  });

  it('withdrawal: partial (the rest continues), then full', async () => {
    const { petition } = await submit(
      { kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại hai nội dung', content: '1) mức thu phí; 2) thái độ cán bộ' },
      t.citizen,
    );
    const code = petition.code;
    await step(`classifyPetition(code: "${code}")`, t.officer);
    const partial = await gql(`mutation { withdrawPetition(code: "${code}", items: ["mức thu phí"], reason: "Đã được giải thích") { status withdrawnItems } }`, t.citizen);
    expect(partial.withdrawPetition).toEqual({ status: 'CLASSIFIED', withdrawnItems: ['mức thu phí'] });
    expect(await gqlError(`mutation { withdrawPetition(code: "${code}") { code } }`, t.stranger)).toBe('PETITION_NOT_PETITIONER');
    const full = await gql(`mutation { withdrawPetition(code: "${code}", reason: "Đã hòa giải") { status } }`, t.citizen);
    expect(full.withdrawPetition.status).toBe('WITHDRAWN');
    expect(await gqlError(`mutation { acceptPetition(code: "${code}") { code } }`, t.leader)).toBe('PETITION_TRANSITION_NOT_ALLOWED');
    const events = await eventsOf(code, 4);
    expect(events.map((e) => [e.type, e.payload.partial])).toEqual([
      ['petition.received', undefined],
      ['petition.classified', undefined],
      ['petition.withdrawn', true],
      ['petition.withdrawn', false],
    ]);
  });

  it('COMPLAINT filed after the 90-day limit: received and flagged; accepted only with a recorded force-majeure reason', async () => {
    const actDate = new Date(Date.now() + 7 * 3_600_000 - 120 * 86_400_000).toISOString().slice(0, 10);
    const { petition } = await submit({ kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại muộn', content: 'Quyết định xử phạt', actDate }, t.citizen);
    const code = petition.code;
    const seen = await gql(`{ petition(code: "${code}") { actDate filedLate status } }`, t.officer);
    expect(seen.petition).toEqual({ actDate, filedLate: true, status: 'RECEIVED' });
    await step(`classifyPetition(code: "${code}")`, t.officer);
    expect(await gqlError(`mutation { acceptPetition(code: "${code}") { code } }`, t.leader)).toBe('PETITION_FILING_LIMIT_PASSED');
    const accepted = await gql(`mutation { acceptPetition(code: "${code}", lateFilingReason: "Thiên tai, lũ lụt cô lập xã") { status lateFilingReason } }`, t.leader);
    expect(accepted.acceptPetition).toEqual({ status: 'ACCEPTED', lateFilingReason: 'Thiên tai, lũ lụt cô lập xã' });
    expect((await eventsOf(code, 3)).map((e) => e.type)).toEqual(['petition.received', 'petition.classified', 'petition.accepted']);
  });

  it('unit codes: ZZZ refused as malformed, 99999 refused (UNKNOWN_UNIT), divided 00007 refused with its successors, abolished 00001 routed to 00097 — GraphQL and the REST intake', async () => {
    const SUBMIT = `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code unitCode routedFromUnitCode } } }`;
    const input = (unitCode: string) => ({ unitCode, kind: 'RECOMMENDATION', channel: 'ONLINE', title: 'Kiến nghị sửa đường', content: `Đường ở ${unitCode} xuống cấp` });
    const successors = [{ code: '00008', name: 'Phường Ngọc Hà' }, { code: '00025', name: 'Phường Giảng Võ' }];
    // ZZZ is not even shaped like a unit code: the UnitCode scalar refuses it before the unit rule runs.
    const malformed = await call(SUBMIT, t.citizen, { i: input('ZZZ') });
    expect(malformed.data?.submitPetition ?? null).toBeNull();
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageVi: expect.stringContaining('ZZZ') });
    const unknown = await call(SUBMIT, t.citizen, { i: input('99999') });
    expect(unknown.data?.submitPetition ?? null).toBeNull();
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_UNIT', messageVi: expect.stringContaining('99999'), details: { field: 'unitCode', unitCode: '99999' } });
    const divided = await call(SUBMIT, t.citizen, { i: input('00007') });
    expect(divided.errors?.[0].extensions).toMatchObject({ code: 'UNIT_ABOLISHED', details: { field: 'unitCode', unitCode: '00007', successors } });

    const routed = (await gql(SUBMIT, t.citizen, { i: input('00001') })).submitPetition.petition;
    expect(routed).toMatchObject({ unitCode: '00097', routedFromUnitCode: '00001' });
    expect(routed.code).toMatch(/^00097-\d{6}-\d{4}$/);
    const seen = await gql(`{ petition(code: "${routed.code}") { unitCode routedFromUnitCode history { action note } } }`, t.citizen);
    expect(seen.petition.history[0]).toMatchObject({ action: 'SUBMIT', note: expect.stringContaining('unitCode 00001 (Phường Phúc Xá until 2025-06-30) routed to its successor 00097 (Phường Hồng Hà)') });
    expect((await eventsOf(routed.code, 1))[0].payload).toMatchObject({ unitCode: '00097' });

    const rest = (unitCode: string) =>
      fetch(`${base}/api/v1/petitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.agency}` },
        body: JSON.stringify({ ...input(unitCode), channel: 'HOTLINE', petitioner: { fullName: 'Hồ Văn Gọi Điện', phone: '0903000444', address: 'Số 5 Lê Lợi' } }),
      });
    const restMalformed = await rest('ZZZ');
    expect(restMalformed.status).toBe(400);
    expect(restMalformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await restMalformed.json()).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    const restUnknown = await rest('99999');
    expect(restUnknown.status).toBe(422);
    expect(restUnknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await restUnknown.json()).toMatchObject({ code: 'UNKNOWN_UNIT', status: 422, detail_vi: expect.stringContaining('99999') });
    const restDivided = await rest('00007');
    expect(restDivided.status).toBe(422);
    expect(await restDivided.json()).toMatchObject({ code: 'UNIT_ABOLISHED', details: { successors } });
    const restRouted = await rest('00001');
    expect(restRouted.status).toBe(201);
    expect(((await restRouted.json()) as { petition: Record<string, unknown> }).petition).toMatchObject({ unitCode: '00097', routedFromUnitCode: '00001' });

    // Nothing was recorded under a code that is not a unit on the day of filing.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT unit_code, count(*)::int AS n FROM petition WHERE unit_code = ANY($1) GROUP BY unit_code`, [['ZZZ', '99999', '00007', '00001', '00097']]);
    await pg.end();
    expect(rows).toEqual([{ unit_code: '00097', n: 2 }]);
  });

  it('every event of these cases is valid against the registry and carries no personal data', async () => {
    const mine = received.map((v) => ({ raw: v, e: JSON.parse(v) })).filter(({ e }) => codes.includes(e.aggregateId));
    expect(new Set(mine.map(({ e }) => e.aggregateId))).toEqual(new Set(codes));
    for (const { e } of mine) expect(eventRegistry.validate(e).ok).toBe(true);
    const all = mine.map(({ raw }) => raw).join('\n');
    for (const s of [...PERSONAL, 'Hồ Văn Gọi Điện', '0903000444', 'gw-citizen-1', 'gw-citizen-2']) expect(all).not.toContain(s);
  });
});
