import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { Writable } from 'node:stream';
import request from 'supertest';
import { Client } from 'pg';
import { SUBMIT_PETITION, petitionStep } from './factories';
import { startPetitionTestApp, type PetitionTestApp, type RecordedEvent } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-spec-secret-petition-spec-secret-01';
const UNIT = '00004';

/** Identity strings that must never leak outside the handler's and the deciding leader's view. */
const DENOUNCER = {
  fullName: 'Lê Thị Mật Danh',
  idNumber: '079188001234',
  phone: '0987654321',
  address: '12 Ngõ Bí Mật, Ba Đình',
  attachments: [{ fileName: 'chu-viet-tay.jpg', mimeType: 'image/jpeg', contentBase64: Buffer.from('HANDWRITING-SECRET').toString('base64') }],
};
const SECRETS = [DENOUNCER.fullName, DENOUNCER.idNumber, DENOUNCER.phone, DENOUNCER.address, DENOUNCER.attachments[0].contentBase64, 'Mật Danh', 'chu-viet-tay'];
const expectNoIdentity = (text: string) => {
  for (const s of SECRETS) expect(text).not.toContain(s);
};

describe('petition-service through the Nest app (GraphQL + REST, real PostgreSQL)', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  let db: { url: string };
  let events: RecordedEvent[];
  let rawEvents: string[];
  let flush: () => Promise<void>;
  let eventsOf: (code: string) => Promise<string[]>;
  const logLines: string[] = [];
  let now = new Date('2026-03-02T02:00:00Z');
  const clock = { now: () => now };
  const advanceDays = (n: number) => (now = new Date(now.getTime() + n * 86_400_000));
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    harness = await startPetitionTestApp({ database: 'petition_api', secret: SECRET, logger: true, logLevel: 'debug', logDestination: logDestination as never, clock });
    app = harness.app;
    db = { url: harness.databaseUrl };
    ({ events, raw: rawEvents, flush, typesOf: eventsOf } = await harness.recordEvents());
    const mk = harness.token;
    tokens.citizen = await mk('citizen-1', Role.CITIZEN, undefined, { name: 'Phạm Văn Công Dân', idNumber: '001090000111' });
    tokens.citizen2 = await mk('citizen-2', Role.CITIZEN);
    tokens.officer = await mk('officer-1', Role.OFFICER, UNIT);
    tokens.handler = await mk('handler-1', Role.OFFICER, UNIT);
    tokens.leader = await mk('leader-1', Role.LEADER, UNIT);
    tokens.leader2 = await mk('leader-2', Role.LEADER, UNIT);
    tokens.foreignOfficer = await mk('officer-x', Role.OFFICER, '00007');
    tokens.agency = await mk('hotline-1022', Role.AGENCY);
    tokens.admin = await mk('admin-1', Role.ADMIN);
    tokens.provinceLeader = await mk('leader-p', Role.LEADER, '01');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => harness.gql(query, variables, token);
  const ok = (query: string, variables: Record<string, unknown>, token: string) => harness.ok(query, variables, token);

  const SUBMIT = SUBMIT_PETITION;
  const step = petitionStep;

  it('complaint: submitted online, classified, accepted, assigned, extended, resolved, appealed — events on the bus', async () => {
    const sub = await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại thu hồi đất', content: 'Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND' } }, tokens.citizen);
    const { code, kind, status, acceptanceDue } = sub.submitPetition.petition;
    expect(code).toBe('00004-260302-0001');
    expect({ kind, status, acceptanceDue }).toEqual({ kind: 'COMPLAINT', status: 'RECEIVED', acceptanceDue: '2026-03-12' });
    expect(sub.submitPetition.trackingSecret).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    advanceDays(1);
    await ok(step('classifyPetition', `code: "${code}", complexity: NORMAL`), {}, tokens.officer);
    advanceDays(1);
    const acc = await ok(step('acceptPetition', `code: "${code}"`), {}, tokens.leader);
    expect(acc.acceptPetition).toMatchObject({ status: 'ACCEPTED', resolutionDue: '2026-04-03' });
    await ok(step('assignPetition', `code: "${code}", handlerId: "handler-1"`), {}, tokens.leader);
    const ext = await ok(step('extendPetition', `code: "${code}", reason: "Nhiều bên liên quan"`), {}, tokens.leader);
    expect(ext.extendPetition).toMatchObject({ complexity: 'COMPLEX', resolutionDue: '2026-04-18', extensionsUsed: 1 });
    advanceDays(20);
    await ok(step('resolvePetition', `code: "${code}", conclusion: "Giữ nguyên quyết định", decisionNumber: "45/QĐ-UBND"`), {}, tokens.leader);
    advanceDays(5);
    // the next level is a unit on the day of the appeal, by the same rule as intake (the first-time case stays as it was)
    for (const [toUnitCode, expected] of [['99999', 'UNKNOWN_UNIT'], ['00007', 'UNIT_ABOLISHED']]) {
      const refused = await gql(`mutation { appealPetition(code: "${code}", reason: "Không đồng ý", toUnitCode: "${toUnitCode}") { trackingSecret } }`, {}, tokens.citizen);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: expected, details: { field: 'toUnitCode', unitCode: toUnitCode } });
    }
    const appeal = await ok(
      `mutation { appealPetition(code: "${code}", reason: "Không đồng ý", toUnitCode: "01") { trackingSecret petition { code kind status unitCode } } }`,
      {},
      tokens.citizen,
    );
    expect(appeal.appealPetition.petition).toMatchObject({ kind: 'COMPLAINT', status: 'RECEIVED', unitCode: '01' });
    const second = appeal.appealPetition.petition.code;

    const full = await ok(`{ petition(code: "${code}") { status history { action from to actorRole actorId } } }`, {}, tokens.officer);
    expect(full.petition.status).toBe('APPEALED');
    expect(full.petition.history.map((h: any) => h.action)).toEqual(['SUBMIT', 'CLASSIFY', 'ACCEPT', 'ASSIGN', 'EXTEND', 'RESOLVE', 'APPEAL']);
    // the petitioner's own id is hidden from an officer who is not the handler
    expect(full.petition.history[0]).toMatchObject({ actorRole: 'CITIZEN', actorId: null });

    expect(await eventsOf(code)).toEqual([
      'petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.extended', 'petition.resolved', 'petition.appealed',
    ]);
    expect(await eventsOf(second)).toEqual(['petition.received']);
    const resolved = events.find((e) => e.aggregateId === code && e.type === 'petition.resolved')!;
    expect(resolved).toMatchObject({ unitCode: UNIT, payload: { kind: 'COMPLAINT', onTime: true, resolutionDue: '2026-04-18', actorRole: 'LEADER' } });
    expect(JSON.stringify(events)).not.toContain('Phạm Văn Công Dân');
    expect(JSON.stringify(events)).not.toContain('citizen-1');
  });

  let denunciation = '';
  it('denunciation: identity encrypted, readable only by the assigned handler and the deciding leader, every read logged', async () => {
    now = new Date('2026-03-05T02:00:00Z');
    const sub = await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'DENUNCIATION', channel: 'RECEPTION', title: 'Tố cáo cán bộ', content: 'Tố cáo cán bộ địa chính nhận tiền', petitioner: DENOUNCER } }, tokens.officer);
    denunciation = sub.submitPetition.petition.code;
    expect(sub.submitPetition.petition.kind).toBe('DENUNCIATION');
    await ok(step('classifyPetition', `code: "${denunciation}", complexity: COMPLEX`), {}, tokens.officer);
    await ok(step('acceptPetition', `code: "${denunciation}"`), {}, tokens.leader);
    await ok(step('assignPetition', `code: "${denunciation}", handlerId: "handler-1"`), {}, tokens.leader);

    const Q = `{ petition(code: "${denunciation}") { code petitioner { fullName idNumber phone address attachments { fileName contentBase64 } } history { actorId actorRole } } }`;
    const asHandler = await ok(Q, {}, tokens.handler);
    expect(asHandler.petition.petitioner).toMatchObject({ fullName: DENOUNCER.fullName, idNumber: DENOUNCER.idNumber, phone: DENOUNCER.phone });
    expect(asHandler.petition.petitioner.attachments[0].contentBase64).toBe(DENOUNCER.attachments[0].contentBase64);
    const asLeader = await ok(Q, {}, tokens.leader);
    expect(asLeader.petition.petitioner.fullName).toBe(DENOUNCER.fullName);

    // other roles of the same unit, other units, the admin: never
    for (const who of ['officer', 'leader2', 'admin']) {
      const r = await gql(Q, {}, tokens[who]);
      expectNoIdentity(JSON.stringify(r));
      if (r.data?.petition) expect(r.data.petition.petitioner).toBeNull();
    }
    for (const who of ['foreignOfficer', 'citizen', 'agency', 'provinceLeader']) {
      const r = await gql(Q, {}, tokens[who]);
      expectNoIdentity(JSON.stringify(r));
      expect(r.errors?.[0].extensions.code).toMatch(/FORBIDDEN|OUT_OF_UNIT_SCOPE/);
    }
    // lists never carry the identity either
    expectNoIdentity(JSON.stringify(await gql(`{ petitions(first: 50) { edges { node { code title content petitioner { fullName } } } } }`, {}, tokens.officer)));

    // the access log recorded exactly the two reads
    const log = await ok(`{ petitionIdentityAccessLog(code: "${denunciation}") { actorId actorRole purpose } }`, {}, tokens.leader);
    expect(log.petitionIdentityAccessLog.map((l: any) => [l.actorId, l.actorRole])).toEqual([
      ['handler-1', 'OFFICER'],
      ['leader-1', 'LEADER'],
    ]);
    expect((await gql(`{ petitionIdentityAccessLog(code: "${denunciation}") { actorId } }`, {}, tokens.officer)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    // stored encrypted: no plaintext anywhere in the database
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      for (const table of ['petition', 'petition_history', 'petition_identity', 'petition_identity_access', 'outbox']) {
        const { rows } = await pg.query(`SELECT * FROM ${table}`);
        expectNoIdentity(JSON.stringify(rows));
      }
      const { rows } = await pg.query(`SELECT ciphertext FROM petition_identity WHERE petition_code = $1`, [denunciation]);
      expect(rows[0].ciphertext).toMatch(/^v1\.k1\./);
    } finally {
      await pg.end();
    }
  });

  it('confidentiality: events, logs, REST responses, exports and statistics never contain the identity', async () => {
    await ok(step('resolvePetition', `code: "${denunciation}", conclusion: "Tố cáo đúng một phần"`), {}, tokens.leader);
    await flush();
    const mine = rawEvents.filter((e) => e.includes(denunciation));
    expect(mine.length).toBe(5);
    for (const e of rawEvents) expectNoIdentity(e);

    const rest = await request(app.getHttpServer()).get(`/api/v1/petitions/${denunciation}`).set('authorization', `Bearer ${tokens.leader}`);
    expect(rest.status).toBe(200);
    expectNoIdentity(JSON.stringify(rest.body));

    const csv = await request(app.getHttpServer()).get(`/api/v1/petitions/export.csv?unitCode=${UNIT}&from=2026-03-01&to=2026-03-31`).set('authorization', `Bearer ${tokens.leader}`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('code,unitCode,kind');
    expect(csv.text).toContain(denunciation);
    expectNoIdentity(csv.text);
    expect(csv.headers['x-truncated']).toBeUndefined();
    // the period is filtered in SQL on local (UTC+7) days
    const exportOf = (from: string, to: string, token = tokens.leader) =>
      request(app.getHttpServer()).get(`/api/v1/petitions/export.csv?unitCode=${UNIT}&from=${from}&to=${to}`).set('authorization', `Bearer ${token}`);
    const day5 = (await exportOf('2026-03-05', '2026-03-05')).text;
    expect(day5).toContain(denunciation);
    expect(day5).not.toContain('00004-260302-');
    expect((await exportOf('2026-03-06', '2026-03-31')).text).not.toContain(denunciation);
    expect((await exportOf('2026-02-01', '2026-03-01')).text.trim().split('\n')).toHaveLength(1);
    expect((await exportOf('2026-03-02', '2026-03-02', tokens.foreignOfficer)).status).toBe(403);
    expect((await exportOf('2026-03-31', '2026-03-01')).status).toBe(400);

    const stats = await gql(`{ petitionStatistics(unitCode: "${UNIT}", from: "2026-03-01", to: "2026-03-31") { received } }`, {}, tokens.leader);
    expectNoIdentity(JSON.stringify(stats));

    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain(denunciation);
    expectNoIdentity(logs);
  });

  it('an anonymous denunciation is recorded as INFORMATION and cannot be accepted as a denunciation', async () => {
    const sub = await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'DENUNCIATION', channel: 'MAIL', title: 'Thư nặc danh', content: 'Tố cáo không ký tên' } }, tokens.officer);
    const { code, kind, anonymous } = sub.submitPetition.petition;
    expect({ kind, anonymous }).toEqual({ kind: 'INFORMATION', anonymous: true });
    await ok(step('classifyPetition', `code: "${code}"`), {}, tokens.officer);
    const r = await gql(step('acceptPetition', `code: "${code}"`), {}, tokens.leader);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'PETITION_ACTION_NOT_FOR_KIND' });
    expect(r.errors?.[0].extensions.messageVi).toBeTruthy();
    const archived = await ok(`mutation { archivePetition(code: "${code}", note: "dùng cho thanh tra") { status } }`, {}, tokens.officer);
    expect(archived.archivePetition.status).toBe('ARCHIVED');
    // a complaint needs an identified petitioner
    const c = await gql(SUBMIT, { input: { unitCode: UNIT, kind: 'COMPLAINT', channel: 'MAIL', title: 'x', content: 'y' } }, tokens.officer);
    expect(c.errors?.[0].extensions.code).toBe('PETITION_IDENTITY_REQUIRED');
  });

  it('feedback from the 1022 hotline over REST: duplicates linked, tracking, rating and re-opening by the petitioner', async () => {
    now = new Date('2026-03-10T02:00:00Z');
    const body = { unitCode: UNIT, kind: 'FEEDBACK', channel: 'HOTLINE', title: 'Ổ gà', content: 'Đường Đội Cấn có ổ gà lớn', category: 'ROAD', location: { lat: 21.035, lon: 105.83 } };
    const first = await request(app.getHttpServer()).post('/api/v1/petitions').set('authorization', `Bearer ${tokens.agency}`).send(body);
    expect(first.status).toBe(201);
    const code = first.body.petition.code;
    const secret = first.body.trackingSecret;
    const dup = await request(app.getHttpServer())
      .post('/api/v1/petitions')
      .set('authorization', `Bearer ${tokens.agency}`)
      .send({ ...body, content: 'Ổ gà gần số 5 Đội Cấn', location: { lat: 21.0353, lon: 105.83 } });
    expect(dup.status).toBe(201);
    expect(dup.body).toMatchObject({ linkedTo: code, petition: { status: 'LINKED', linkedToCode: code } });

    const bad = await request(app.getHttpServer()).post('/api/v1/petitions').set('authorization', `Bearer ${tokens.agency}`).send({ ...body, kind: 'GOSSIP' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    await ok(step('classifyPetition', `code: "${code}"`), {}, tokens.officer);
    await ok(step('acceptPetition', `code: "${code}"`), {}, tokens.officer);
    await ok(step('assignPetition', `code: "${code}", handlerId: "handler-1"`), {}, tokens.leader);
    advanceDays(3);
    await ok(step('resolvePetition', `code: "${code}", conclusion: "Đã vá đường"`), {}, tokens.handler);

    const tracked = await gql(`{ trackPetition(code: "${code}", trackingSecret: "${secret.toLowerCase()}") { status referral { agencyName } conclusion steps { action status } } }`);
    expect(tracked.data!.trackPetition).toMatchObject({ status: 'RESOLVED', conclusion: 'Đã vá đường' });
    expect(tracked.data!.trackPetition.steps.map((s: any) => s.action)).toEqual(['SUBMIT', 'REGISTER_DUPLICATE', 'CLASSIFY', 'ACCEPT', 'ASSIGN', 'RESOLVE']);
    expect((await gql(`{ trackPetition(code: "${code}", trackingSecret: "WRONG") { status } }`)).data!.trackPetition).toBeNull();

    // the citizen who phoned 1022 rates and re-opens with the tracking secret
    const noSecret = await gql(`mutation { ratePetition(code: "${code}", score: 4) { code } }`, {}, tokens.citizen2);
    expect(noSecret.errors?.[0].extensions.code).toBe('PETITION_NOT_PETITIONER');
    const rated = await ok(`mutation { ratePetition(code: "${code}", score: 2, trackingSecret: "${secret}") { code rating { score } } }`, {}, tokens.citizen2);
    expect(rated.ratePetition.rating.score).toBe(2);
    const reopened = await ok(`mutation { reopenPetition(code: "${code}", reason: "Lại hỏng", trackingSecret: "${secret}") { status reopenCount } }`, {}, tokens.citizen2);
    expect(reopened.reopenPetition).toEqual({ status: 'REOPENED', reopenCount: 1 });
    expect(await eventsOf(code)).toEqual(['petition.received', 'petition.classified', 'petition.accepted', 'petition.assigned', 'petition.resolved', 'petition.rated', 'petition.reopened']);
    expect(await eventsOf(dup.body.petition.code)).toEqual(['petition.received', 'petition.linked']);
    const ratedEvent = events.find((e) => e.aggregateId === code && e.type === 'petition.rated')!;
    expect(ratedEvent.payload).toMatchObject({ score: 2, kind: 'FEEDBACK', channel: 'HOTLINE' });
  });

  it('authorization by role and unit', async () => {
    now = new Date('2026-03-11T02:00:00Z');
    const sub = await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'COMPLAINT', channel: 'ONLINE', title: 'Khiếu nại', content: 'Nội dung khác hẳn' } }, tokens.citizen);
    const code = sub.submitPetition.petition.code;
    const foreign = await gql(step('classifyPetition', `code: "${code}"`), {}, tokens.foreignOfficer);
    expect(foreign.errors?.[0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
    const byCitizen = await gql(step('classifyPetition', `code: "${code}"`), {}, tokens.citizen);
    expect(byCitizen.errors?.[0].extensions.code).toBe('FORBIDDEN');
    await ok(step('classifyPetition', `code: "${code}"`), {}, tokens.officer);
    const byOfficer = await gql(step('acceptPetition', `code: "${code}"`), {}, tokens.officer);
    expect(byOfficer.errors?.[0].extensions.code).toBe('PETITION_ROLE_NOT_ALLOWED');
    const anonymous = await gql(step('acceptPetition', `code: "${code}"`));
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const foreignSubmit = await gql(SUBMIT, { input: { unitCode: UNIT, kind: 'FEEDBACK', channel: 'MAIL', title: 't', content: 'c' } }, tokens.foreignOfficer);
    expect(foreignSubmit.errors?.[0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
    // a citizen lists only their own petitions (first complaint, its second-time complaint, this one)
    const mine = await ok(`{ petitions(first: 50) { totalCount edges { node { code } } } }`, {}, tokens.citizen);
    expect(mine.petitions.totalCount).toBe(3);
    expect((await ok(`{ petitions(first: 50) { totalCount } }`, {}, tokens.citizen2)).petitions.totalCount).toBe(0);
    const stats = await gql(`{ petitionStatistics(unitCode: "${UNIT}", from: "2026-03-01", to: "2026-03-31") { received } }`, {}, tokens.foreignOfficer);
    expect(stats.errors?.[0].extensions.code).toBe('OUT_OF_UNIT_SCOPE');
  });

  it('is a federation subgraph and serves an OpenAPI document', async () => {
    const sdl = (await gql(`{ _service { sdl } }`)).data!._service.sdl as string;
    expect(sdl).toMatch(/type AdministrativeUnit\s+@key\(fields: "code validFrom"\)/);
    expect(sdl).toContain('petitionStatistics(from: Date!, to: Date!): PetitionStatistics!');
    for (const m of ['submitPetition', 'classifyPetition', 'acceptPetition', 'refusePetition', 'referPetition', 'assignPetition', 'extendPetition', 'resolvePetition', 'ratePetition', 'reopenPetition', 'appealPetition', 'withdrawPetition', 'recordReceptionSession', 'recordMediationCase']) {
      expect(sdl).toContain(`${m}(`);
    }
    const doc = await request(app.getHttpServer()).get('/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/petitions', '/api/v1/petitions/{code}', '/api/v1/petitions/{code}/tracking']));
  });

  it('withdrawal, partial and full, by the signed-in petitioner', async () => {
    now = new Date('2026-06-02T02:00:00Z');
    const code = (await ok(SUBMIT, { input: { unitCode: UNIT, kind: 'RECOMMENDATION', channel: 'ONLINE', title: 'Kiến nghị A', content: 'Hai nội dung riêng biệt cần xem' } }, tokens.citizen)).submitPetition.petition.code;
    const part = await ok(`mutation { withdrawPetition(code: "${code}", items: ["nội dung 2"]) { status withdrawnItems } }`, {}, tokens.citizen);
    expect(part.withdrawPetition).toEqual({ status: 'RECEIVED', withdrawnItems: ['nội dung 2'] });
    const other = await gql(`mutation { withdrawPetition(code: "${code}") { status } }`, {}, tokens.citizen2);
    expect(other.errors?.[0].extensions.code).toBe('PETITION_NOT_PETITIONER');
    const full = await ok(`mutation { withdrawPetition(code: "${code}", reason: "đã được giải thích") { status } }`, {}, tokens.citizen);
    expect(full.withdrawPetition.status).toBe('WITHDRAWN');
    expect(await eventsOf(code)).toEqual(['petition.received', 'petition.withdrawn', 'petition.withdrawn']);
  });
});
