import request from 'supertest';
import { Role } from '@xaso/auth';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { VN_YEAR_TABLE_2025 } from '@xaso/calendar';
import { dossierOpenApiDocument } from '../../bootstrap';
import { citizen, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput } from '../../../test/dossier-test-app';

describe('procedure catalogue editor, calendar over REST and the OpenAPI document (real PostgreSQL)', () => {
  let t: DossierTestApp;
  let adminToken: string;
  let officerToken: string;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_catalogue', { consumeEvents: false, transport: new InProcessTransport(new InProcessBus()) });
    adminToken = await t.token({ role: Role.ADMIN, sub: 'admin-catalogue' });
    officerToken = await t.token(officer(t.unitA));
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const PROCEDURE_FIELDS = 'code name field competentLevel processingDays maxProcessingDays fee feeNote requiredDocuments onlineLevel active legalBasis';
  const input = (overrides: Record<string, unknown> = {}) => ({
    code: 'CT.099',
    name: 'Chứng thực chữ ký người dịch (thử)',
    field: 'Chứng thực',
    competentLevel: 'COMMUNE',
    processingDays: 1,
    maxProcessingDays: 3,
    fee: 10000,
    feeNote: null,
    requiredDocuments: ['Bản dịch', 'Giấy tờ tùy thân của người dịch'],
    onlineLevel: 'PARTIAL',
    legalBasis: 'Nghị định 23/2015/NĐ-CP, Điều 33',
    ...overrides,
  });
  const UPSERT = `mutation($input: ProcedureInput!) { upsertProcedure(input: $input) { ${PROCEDURE_FIELDS} } }`;

  it('stores and exposes the legal basis and the extended time from the seed (GraphQL and REST)', async () => {
    const res = await t.gql<any>(null, `{ procedure(code: "HT.003") { ${PROCEDURE_FIELDS} } procedures(search: "ket hon", first: 5) { edges { node { code legalBasis maxProcessingDays } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.procedure).toMatchObject({ code: 'HT.003', processingDays: 0, maxProcessingDays: 5 });
    expect(res.data.procedure.legalBasis).toMatch(/Luật Hộ tịch 2014/);
    expect(res.data.procedures.edges.map((e: any) => e.node.code)).toContain('HT.003');
    const rest = await http().get('/api/v1/procedures/HT.001').expect(200);
    expect(rest.body).toMatchObject({ code: 'HT.001', maxProcessingDays: null });
    expect(rest.body.legalBasis).toMatch(/Điều 16/);
  });

  it('applies the extended time when the receiving officer records that verification is needed', async () => {
    t.clock.set('2026-03-02T02:00:00Z'); // Mon 09:00 local
    const marriage = (extra: Record<string, unknown>) => submitInput(t.unitA, { procedureCode: 'HT.003', channel: 'DIRECT', ...extra });
    const sameDay = await t.gql<any>(officerToken, SUBMIT, { input: marriage({}) });
    expect(sameDay.errors).toBeUndefined();
    expect(sameDay.data.submitDossier.dueAt).toBe('2026-03-02T10:00:00.000Z');
    const verified = await t.gql<any>(officerToken, SUBMIT, { input: marriage({ needsVerification: true }) });
    expect(verified.errors).toBeUndefined();
    expect(verified.data.submitDossier.dueAt).toBe('2026-03-09T10:00:00.000Z'); // 5 working days
    const citizenToken = await t.token(citizen('citizen-v', '001090001234'));
    const byCitizen = await t.gql<any>(citizenToken, SUBMIT, { input: marriage({ channel: 'ONLINE', needsVerification: true }) });
    expect(byCitizen.errors![0].extensions!.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('lets an ADMIN add and update a procedure, validated like the seed; others are refused', async () => {
    expect((await t.gql(officerToken, UPSERT, { input: input() })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const created = await t.gql<any>(adminToken, UPSERT, { input: input() });
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertProcedure).toMatchObject({ code: 'CT.099', maxProcessingDays: 3, active: true, legalBasis: 'Nghị định 23/2015/NĐ-CP, Điều 33' });
    const updated = await t.gql<any>(adminToken, UPSERT, { input: input({ processingDays: 2, maxProcessingDays: null, active: false }) });
    expect(updated.data.upsertProcedure).toMatchObject({ processingDays: 2, maxProcessingDays: null, active: false });

    const bad = await t.gql<any>(adminToken, UPSERT, { input: input({ code: 'CT.098', processingDays: 4, maxProcessingDays: 2 }) });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors![0].extensions)).toContain('maxProcessingDays');
    expect((await t.gql<any>(adminToken, UPSERT, { input: input({ code: 'bad' }) })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await t.gql<any>(adminToken, UPSERT, { input: input({ code: 'CT.097', requiredDocuments: ['  '] }) })).errors![0].extensions!.code).toBe(
      'BAD_USER_INPUT',
    );

    const { code: _code, ...body } = input({ name: 'Chứng thực chữ ký người dịch', processingDays: 1 });
    await http().put('/api/v1/procedures/CT.099').set('authorization', `Bearer ${officerToken}`).send(body).expect(403);
    const put = await http().put('/api/v1/procedures/CT.099').set('authorization', `Bearer ${adminToken}`).send(body).expect(200);
    expect(put.body).toMatchObject({ code: 'CT.099', name: 'Chứng thực chữ ký người dịch', active: true });
    const invalid = await http().put('/api/v1/procedures/CT.096').set('authorization', `Bearer ${adminToken}`).send({ ...body, fee: -1 }).expect(400);
    expect(invalid.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(invalid.body.code).toBe('BAD_USER_INPUT');
  });

  it('serves the calendar over REST: GET/PUT a year (ADMIN) and the due date of N working days', async () => {
    const y = await http().get('/api/v1/calendar/2026').expect(200);
    expect(y.body.year).toBe(2026);
    expect(y.body.workingDays.map((d: any) => d.date)).toEqual(['2026-08-22']);
    await http().get('/api/v1/calendar/2031').expect(404);
    const badYear = await http().get('/api/v1/calendar/20x6').expect(400);
    expect(badYear.headers['content-type']).toMatch(/application\/problem\+json/);

    // Fri 2025-04-25 (paper, 08:00): 04-26 is a make-up working Saturday, 04-30..05-04 off → 26, 28, 29, 05-05, 05-06.
    const due = await http().get('/api/v1/calendar/working-days').query({ from: '2025-04-25', days: 5 }).expect(200);
    expect(due.body).toMatchObject({ receiptDate: '2025-04-25', dueDate: '2025-05-06', dueAt: '2025-05-06T10:00:00.000Z', channel: 'DIRECT', days: 5 });
    // Paper after 15:00 counts from the next working day; online does not.
    const late = await http().get('/api/v1/calendar/working-days').query({ from: '2026-03-02T08:30:00Z', days: 5 }).expect(200);
    expect(late.body).toMatchObject({ receiptDate: '2026-03-03', dueDate: '2026-03-10' });
    const online = await http().get('/api/v1/calendar/working-days').query({ from: '2026-03-02T08:30:00Z', days: 5, channel: 'ONLINE' }).expect(200);
    expect(online.body.dueDate).toBe('2026-03-09');
    await http().get('/api/v1/calendar/working-days').query({ from: 'soon', days: 5 }).expect(400);
    await http().get('/api/v1/calendar/working-days').query({ from: '2026-03-02', days: -1 }).expect(400);

    const body = {
      daysOff: [...VN_YEAR_TABLE_2025.daysOff, { date: '2025-12-31', reason: 'Nghỉ thử' }],
      workingDays: VN_YEAR_TABLE_2025.workingDays,
    };
    await http().put('/api/v1/calendar/2025').set('authorization', `Bearer ${officerToken}`).send(body).expect(403);
    await http().put('/api/v1/calendar/2025').send(body).expect(401);
    const wrongYear = await http()
      .put('/api/v1/calendar/2025')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ daysOff: [{ date: '2024-06-03', reason: 'Sai năm' }], workingDays: [] })
      .expect(400);
    expect(wrongYear.body.code).toBe('BAD_USER_INPUT');
    const saved = await http().put('/api/v1/calendar/2025').set('authorization', `Bearer ${adminToken}`).send(body).expect(200);
    expect(saved.body.daysOff.map((d: any) => d.date)).toContain('2025-12-31');
    expect(saved.body.updatedBy).toBe('admin-catalogue');
    // Deadlines use it at once: Tue 2025-12-30 + 1 working day skips Wed 12-31 and New Year → Fri 2026-01-02.
    const next = await http().get('/api/v1/calendar/working-days').query({ from: '2025-12-30', days: 1 }).expect(200);
    expect(next.body.dueDate).toBe('2026-01-02');
    const gql = await t.gql<any>(null, '{ calendarYear(year: 2025) { daysOff { date } } }');
    expect(gql.data.calendarYear.daysOff.map((d: any) => d.date)).toContain('2025-12-31');
  });

  it('documents typed bodies, the Idempotency-Key header and problem+json errors in OpenAPI', async () => {
    const doc = dossierOpenApiDocument(t.app) as any;
    const schemas = doc.components.schemas;
    expect(schemas.ProblemDetailsDto.properties).toHaveProperty('code');
    for (const name of ['DossierDto', 'DossierDetailDto', 'DossierPageDto', 'DossierTrackingDto', 'DossierStatisticsDto', 'SubmitDossierInput', 'ProcedureModel']) {
      expect(schemas).toHaveProperty(name);
    }
    expect(schemas.DossierDto.properties).toHaveProperty('dueAt');
    const submit = doc.paths['/api/v1/dossiers'].post;
    expect(submit.parameters.find((p: any) => p.name === 'Idempotency-Key')).toMatchObject({ in: 'header', required: false });
    expect(submit.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/DossierDto');
    expect(submit.responses['400'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetailsDto');
    const start = doc.paths['/api/v1/dossiers/{code}/start-processing'].post;
    expect(start.responses['409'].content['application/problem+json']).toBeDefined();
    expect(start.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/NoteDto');
    expect(doc.paths['/api/v1/dossiers/statistics'].get.parameters.map((p: any) => p.name).sort()).toEqual(['from', 'to', 'unitCode']);
    expect(doc.paths['/api/v1/dossiers/{code}'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/DossierDetailDto');
    expect(doc.paths['/api/v1/calendar/{year}'].put).toBeDefined();
    expect(doc.paths['/api/v1/calendar/working-days'].get).toBeDefined();
    expect(doc.paths['/api/v1/procedures/{code}'].put).toBeDefined();
  });
});
