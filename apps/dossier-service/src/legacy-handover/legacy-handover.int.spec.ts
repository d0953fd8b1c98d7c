import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@xaso/auth';
import { eventRegistry, topicFor } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { waitUntil } from '@xaso/testing';
import { type DossierTestApp, officer, startDossierTestApp, TEST_PROVINCE } from '../../test/dossier-test-app';

/**
 * The hand-over of legacy dossiers on real PostgreSQL: two communes and a district of the old tier
 * (in the replica until 2025-06-30, succeeded by the test commune unitA), imported over REST by the
 * province's officer, then moved by the saga's participant like any open dossier.
 */
describe('legacy dossier hand-over', () => {
  let t: DossierTestApp;
  let db: DataSource;
  const bus = new InProcessBus();
  const transport = new InProcessTransport(bus);
  const seen: { type: string; payload: Record<string, unknown> }[] = [];
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [L1, L2, DISTRICT] = [`L${tag}1`, `L${tag}2`, `D${tag}`];
  const planId = `plan-${randomUUID()}`;
  let province: string;

  const row = (over: Record<string, unknown> = {}) => ({
    agencyCode: L1, originalCode: `OLD-${tag}-1`, procedureCode: 'HT.010', receivedDate: '2025-06-01', dueDate: '2025-07-15', status: 'Đang xử lý',
    applicant: { fullName: 'Nguyễn Văn A', idNumber: '001090001234', phone: '0912345678' }, address: '12 đường Cũ', ...over,
  });
  const BATCH = () => [
    row(),
    row({ agencyCode: L2, originalCode: `OLD-${tag}-2`, status: 'Mới tiếp nhận', receivedDate: '2025-06-02T09:30:00+07:00' }),
    row({ originalCode: `OLD-${tag}-3`, status: 'Đã trả kết quả', closedDate: '2025-06-05' }),
  ];
  const post = async (token: string | null, body: unknown, contentType = 'application/json') => {
    const req = request(t.app.getHttpServer()).post('/api/v1/dossiers/legacy-imports').set('content-type', contentType);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const legacyCount = async () => (await db.query(`SELECT count(*)::int AS n FROM dossier WHERE legacy_code LIKE $1`, [`OLD-${tag}-%`]))[0].n;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_legacy', { transport, consumeEvents: false });
    db = t.app.get(DataSource);
    await transport.subscribe('test-events', [topicFor('dossier')], async (m) => {
      const e = JSON.parse(m.value!);
      if (e.payload?.receivingUnitCode === L1 || e.payload?.receivingUnitCode === L2 || e.payload?.planId === planId) seen.push(e);
    });
    const legacy = { validFrom: '2008-08-01', validTo: '2025-06-30' };
    await t.units.upsert([
      { code: DISTRICT, ...legacy, name: 'Huyện Cũ', level: 'DISTRICT', type: 'Huyện', parentCode: TEST_PROVINCE, parentValidFrom: '1900-01-01', successors: [] },
      ...[L1, L2].map((code) => ({ code, ...legacy, name: `Xã Cũ ${code}`, level: 'COMMUNE', type: 'Xã', parentCode: DISTRICT, parentValidFrom: legacy.validFrom, successors: [{ code: t.unitA, validFrom: '1900-01-01', divided: false }] })),
    ]);
    province = await t.token({ role: Role.PROVINCE_OFFICER, sub: 'po-99', unitCode: TEST_PROVINCE });
  });
  afterAll(() => t?.close());

  it('only ADMIN and the officers of the province the legacy units belong to import; nothing is stored otherwise', async () => {
    expect((await post(null, BATCH())).status).toBe(401);
    expect((await post(await t.token(officer(t.unitA)), BATCH())).status).toBe(403);
    const other = await post(await t.token({ role: Role.PROVINCE_OFFICER, sub: 'po-98', unitCode: '98' }), BATCH());
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'LEGACY_IMPORT_FORBIDDEN', details: { agencyCodes: [L1, L2] } });
    expect(await legacyCount()).toBe(0);
  });

  it('reports every wrong row with a coded bilingual error and imports none of the batch', async () => {
    const res = await post(province, [row(), row({ originalCode: `OLD-${tag}-9`, agencyCode: '99999', status: 'Đang chờ' }), row({ originalCode: `OLD-${tag}-8`, applicant: { fullName: 'B', idNumber: '12' } })]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('LEGACY_IMPORT_INVALID');
    expect(res.body.details.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [2, 'agencyCode', 'UNKNOWN_AGENCY'], [2, 'status', 'UNKNOWN_STATUS'], [3, 'applicant.idNumber', 'INVALID_ID_NUMBER'],
    ]);
    expect(res.body.details.errors[0]).toMatchObject({ messageEn: expect.any(String), messageVi: expect.stringContaining('99999') });
    expect((await post(province, [])).body.code).toBe('LEGACY_IMPORT_EMPTY');
    expect((await post(province, { rows: [] })).status).toBe(400);
    expect(await legacyCount()).toBe(0);
  });

  it('stores the batch under the legacy units and dates with a history entry and dossier.legacy-imported; a re-sent batch stores nothing twice', async () => {
    const res = await post(province, BATCH());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 3, alreadyImported: 0 });
    const codes = res.body.rows.map((r: { code: string }) => r.code);
    expect(codes).toEqual([`${L1}-250601-0001`, `${L2}-250602-0001`, `${L1}-250601-0002`]);

    const stored = await db.query(
      `SELECT code, legacy_code, legacy_agency_code, status, receiving_unit_code AS receiving, processing_unit_code AS processing, received_at, due_at, original_due_at, completed_at, returned_at, closed_at, channel
         FROM dossier WHERE legacy_code LIKE $1 ORDER BY legacy_code`,
      [`OLD-${tag}-%`],
    );
    expect(stored).toEqual([
      expect.objectContaining({ code: codes[0], legacy_agency_code: L1, status: 'IN_PROCESSING', receiving: L1, processing: L1, channel: 'DIRECT', received_at: new Date('2025-05-31T17:00:00Z'), due_at: new Date('2025-07-15T10:00:00Z'), original_due_at: new Date('2025-07-15T10:00:00Z'), closed_at: null }),
      expect.objectContaining({ code: codes[1], legacy_agency_code: L2, status: 'RECEIVED', received_at: new Date('2025-06-02T02:30:00Z') }),
      expect.objectContaining({ code: codes[2], status: 'RETURNED', completed_at: new Date('2025-06-05T10:00:00Z'), returned_at: new Date('2025-06-05T10:00:00Z'), closed_at: new Date('2025-06-05T10:00:00Z') }),
    ]);
    const history = await db.query(`SELECT h.action, h.to_status, h.actor_role, h.actor_unit, h.note, h.data FROM dossier_history h JOIN dossier d ON d.id = h.dossier_id WHERE d.code = $1`, [codes[0]]);
    expect(history).toEqual([expect.objectContaining({ action: 'RECEIVE', to_status: 'IN_PROCESSING', actor_role: 'PROVINCE_OFFICER', actor_unit: L1, data: expect.objectContaining({ legacy: true, legacyCode: `OLD-${tag}-1`, legacyStatus: 'Đang xử lý' }) })]);
    expect(history[0].note).toContain('received from the legacy system');
    await waitUntil('the import events', () => seen.filter((e) => e.type === 'dossier.legacy-imported').length === 3);
    const event = seen.find((e) => e.type === 'dossier.legacy-imported' && e.payload.code === codes[0])!;
    expect(event.payload).toMatchObject({ legacyAgencyCode: L1, legacyCode: `OLD-${tag}-1`, processingUnitCode: L1, status: 'IN_PROCESSING' });
    expect(JSON.stringify(event)).not.toContain('Nguyễn'); // no personal data in events
    expect(seen.some((e) => e.type === 'dossier.received')).toBe(false);

    const again = await post(province, BATCH());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 3 });
    expect(again.body.rows.map((r: { code: string; imported: boolean }) => [r.code, r.imported])).toEqual(codes.map((c: string) => [c, false]));
    expect(await legacyCount()).toBe(3);

    const csv = [
      'agencyCode,originalCode,procedureCode,receivedDate,dueDate,status,applicantName,applicantIdNumber,applicantPhone,address',
      `${L2},OLD-${tag}-4,HT.010,2025-06-03,2025-07-20,dang xu ly,"Trần Thị B",001190005678,,"5 Ngõ Cũ, Huyện Cũ"`,
      `${L1},OLD-${tag}-1,HT.010,2025-06-01,2025-07-15,Đang xử lý,Nguyễn Văn A,001090001234,0912345678,12 đường Cũ`,
    ].join('\r\n');
    const fromCsv = await post(province, csv, 'text/csv; charset=utf-8');
    expect(fromCsv.status).toBe(200);
    expect(fromCsv.body).toMatchObject({ imported: 1, alreadyImported: 1, rows: [{ row: 1, code: `${L2}-250603-0001`, imported: true }, { row: 2, code: codes[0], imported: false }] });
    expect((await post(province, 'agencyCode,originalCode\nx,y', 'text/csv')).body).toMatchObject({ code: 'BAD_USER_INPUT', details: { missing: expect.arrayContaining(['procedureCode']) } });
  });

  it('the citizen tracks it by the original code; the saga moves the open ones to the successor, which sees the original code and due date', async () => {
    const tracking = await request(t.app.getHttpServer()).get(`/api/v1/dossiers/OLD-${tag}-1/tracking?idNumberLast4=1234`);
    expect(tracking.status).toBe(200);
    expect(tracking.body).toMatchObject({ code: `${L1}-250601-0001`, legacyCode: `OLD-${tag}-1`, status: 'IN_PROCESSING' });
    expect((await request(t.app.getHttpServer()).get(`/api/v1/dossiers/OLD-${tag}-1/tracking?idNumberLast4=9999`)).status).toBe(404);

    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'rearrangement.command-issued', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'RearrangementPlan', aggregateId: `${planId}:dossier`, unitCode: null, correlationId: randomUUID(), causationId: null,
      payload: { planId, step: 'APPLY', service: 'dossier', attempt: 1, chunk: 0, chunks: 1, effectiveDate: '2025-07-01', moves: [L1, L2].map((sourceCode) => ({ sourceCode, targets: [{ code: t.unitA }], divided: false })) },
    });
    await transport.send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }]);
    await waitUntil('apply reply', () => seen.some((e) => e.type === 'dossier.rearrangement-replied'));
    const reply = seen.find((e) => e.type === 'dossier.rearrangement-replied')!.payload as { outcome: string; rows: { sourceCode: string; before: number; carriedOver: number }[] };
    expect(reply.outcome).toBe('DONE');
    expect(reply.rows).toEqual(expect.arrayContaining([expect.objectContaining({ sourceCode: L1, before: 1, carriedOver: 1 }), expect.objectContaining({ sourceCode: L2, before: 2, carriedOver: 0 })]));

    const successor = await t.token(officer(t.unitA));
    const QUERY = `query ($code: ID!) { dossier(code: $code) { code legacyCode legacyAgencyCode processingUnitCode receivingUnitCode dueAt originalDueAt history { action actorRole note } } }`;
    const seenBySuccessor = await t.gql<{ dossier: Record<string, unknown> & { history: { action: string; note: string }[] } }>(successor, QUERY, { code: `OLD-${tag}-1` });
    expect(seenBySuccessor.errors).toBeUndefined();
    expect(seenBySuccessor.data!.dossier).toMatchObject({
      code: `${L1}-250601-0001`, legacyCode: `OLD-${tag}-1`, legacyAgencyCode: L1, processingUnitCode: t.unitA, receivingUnitCode: L1,
      dueAt: '2025-07-15T10:00:00.000Z', originalDueAt: '2025-07-15T10:00:00.000Z',
    });
    expect(seenBySuccessor.data!.dossier.history.map((h) => h.action)).toEqual(['RECEIVE', 'TRANSFER']);
    expect(seenBySuccessor.data!.dossier.history[1].note).toContain(planId);
    const list = await t.gql<{ dossiers: { edges: { node: { legacyCode: string } }[] } }>(successor, `{ dossiers(first: 50) { edges { node { legacyCode } } } }`);
    expect(list.data!.dossiers.edges.map((e) => e.node.legacyCode).sort()).toEqual([`OLD-${tag}-1`, `OLD-${tag}-2`, `OLD-${tag}-4`]);
    const closed = await db.query(`SELECT processing_unit_code AS unit FROM dossier WHERE legacy_code = $1`, [`OLD-${tag}-3`]);
    expect(closed).toEqual([{ unit: L1 }]); // finished work stays with its unit, counted for the successor as carried over

    const tracked = await t.gql<{ trackDossier: { code: string; legacyCode: string; status: string } }>(null, `{ trackDossier(code: "OLD-${tag}-1", idNumberLast4: "1234") { code legacyCode status } }`);
    expect(tracked.data!.trackDossier).toEqual({ code: `${L1}-250601-0001`, legacyCode: `OLD-${tag}-1`, status: 'IN_PROCESSING' });
  });
});
