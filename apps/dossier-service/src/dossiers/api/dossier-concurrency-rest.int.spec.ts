import request from 'supertest';
import { Role } from '@xaso/auth';
import { citizen, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput } from '../../../test/dossier-test-app';

describe('concurrency, code sequence and REST (real PostgreSQL)', () => {
  let t: DossierTestApp;
  let officerToken: string;
  let leaderToken: string;
  let citizenToken: string;
  /** Barrier for the race test: both transitions read before either writes. */
  let barrier: { waiting: number; release?: () => void; gate?: Promise<void> } | null = null;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_concurrency', {
      consumeEvents: false,
      hooks: {
        beforeWrite: async () => {
          if (!barrier) return;
          barrier.waiting++;
          if (barrier.waiting === 2) barrier.release!();
          await barrier.gate;
        },
      },
    });
    officerToken = await t.token(officer(t.unitA));
    leaderToken = await t.token({ role: Role.LEADER, sub: 'leader-a', unitCode: t.unitA });
    citizenToken = await t.token(citizen('citizen-an', '001090001234'));
  });
  afterAll(() => t?.close());

  it('lets exactly one of two concurrent transitions win; the other gets CONFLICT', async () => {
    const { data } = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    const code = data!.submitDossier.code;
    let release!: () => void;
    barrier = { waiting: 0, gate: new Promise<void>((r) => (release = r)) };
    barrier.release = release;
    const [start, refuse] = await Promise.all([
      t.gql<any>(officerToken, `mutation { startProcessing(code: "${code}") { status version } }`),
      t.gql<any>(leaderToken, `mutation { refuseDossier(code: "${code}", reason: "Không đủ điều kiện") { status version } }`),
    ]);
    barrier = null;
    const results = [start, refuse];
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].errors![0].extensions!.code).toBe('CONFLICT');
    const after = await t.gql<any>(officerToken, `{ dossier(code: "${code}") { status version history { action } } }`);
    expect(after.data.dossier.version).toBe(2);
    expect(after.data.dossier.history).toHaveLength(2);
  });

  it('without a barrier, many concurrent identical transitions still have exactly one winner', async () => {
    const { data } = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    const code = data!.submitDossier.code;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.gql<any>(officerToken, `mutation { startProcessing(code: "${code}") { status } }`)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(r.errors![0].extensions!.code);
  });

  it('gives 20 parallel submissions 20 distinct consecutive codes', async () => {
    t.clock.set('2026-03-03T02:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.gql<{ submitDossier: { code: string } }>(officerToken, SUBMIT, { input: submitInput(t.unitA, { channel: 'DIRECT' }) }),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const codes = results.map((r) => r.data!.submitDossier.code).sort();
    expect(new Set(codes).size).toBe(20);
    expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => `${t.unitA}-260303-${String(i + 1).padStart(4, '0')}`));
  });

  describe('REST for agencies', () => {
    const http = () => request(t.app.getHttpServer());
    const body = () => submitInput(t.unitA, { channel: 'POSTAL' });

    it('serves the OpenAPI document', async () => {
      const res = await http().get('/openapi.json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/dossiers', '/api/v1/dossiers/{code}/start-processing', '/api/v1/procedures']));
    });

    it('replays the same response for the same Idempotency-Key and rejects a different body (422)', async () => {
      t.clock.set('2026-03-04T02:00:00Z');
      const first = await http().post('/api/v1/dossiers').set('authorization', `Bearer ${officerToken}`).set('idempotency-key', 'k-1').send(body()).expect(201);
      expect(first.body.code).toBe(`${t.unitA}-260304-0001`);
      const again = await http().post('/api/v1/dossiers').set('authorization', `Bearer ${officerToken}`).set('idempotency-key', 'k-1').send(body()).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await http()
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${officerToken}`)
        .set('idempotency-key', 'k-1')
        .send({ ...body(), formData: { purpose: 'khác' } })
        .expect(422);
      expect(other.headers['content-type']).toContain('application/problem+json');
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // Concurrent duplicates: one dossier.
      const dupes = await Promise.all(
        Array.from({ length: 5 }, () =>
          http().post('/api/v1/dossiers').set('authorization', `Bearer ${officerToken}`).set('idempotency-key', 'k-2').send(body()),
        ),
      );
      expect(new Set(dupes.map((r) => r.body.code)).size).toBe(1);
      const list = await http().get('/api/v1/dossiers?first=100').set('authorization', `Bearer ${officerToken}`).expect(200);
      expect(list.body.items.filter((d: { code: string }) => d.code.includes('-260304-'))).toHaveLength(2);
    });

    it('runs transitions and reports errors as problem+json', async () => {
      t.clock.set('2026-03-05T02:00:00Z');
      const created = await http().post('/api/v1/dossiers').set('authorization', `Bearer ${officerToken}`).send(body()).expect(201);
      const code = created.body.code;
      await http().post(`/api/v1/dossiers/${code}/start-processing`).set('authorization', `Bearer ${officerToken}`).send({}).expect(200);
      const wrong = await http().post(`/api/v1/dossiers/${code}/return`).set('authorization', `Bearer ${officerToken}`).send({}).expect(409);
      expect(wrong.body).toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      await http().post(`/api/v1/dossiers/${code}/complete`).set('authorization', `Bearer ${officerToken}`).send({ resultNote: 'Xong' }).expect(200);
      const detail = await http().get(`/api/v1/dossiers/${code}`).set('authorization', `Bearer ${officerToken}`).expect(200);
      expect(detail.body).toMatchObject({ code, status: 'PROCESSED', channel: 'POSTAL' });
      expect(detail.body.history).toHaveLength(3);
      const badId = await http()
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${officerToken}`)
        .send({ ...body(), applicant: { fullName: 'X', idNumber: '0010900012' } })
        .expect(422);
      expect(badId.body.code).toBe('INVALID_ID_NUMBER');
      const tracking = await http().get(`/api/v1/dossiers/${code}/tracking?idNumberLast4=1234`).expect(200);
      expect(JSON.stringify(tracking.body)).not.toContain('Nguyễn');
      await http().get(`/api/v1/dossiers/${code}/tracking?idNumberLast4=9999`).expect(404);
      const stats = await http()
        .get(`/api/v1/dossiers/statistics?unitCode=${t.unitA}&from=2026-03-01&to=2026-03-31`)
        .set('authorization', `Bearer ${officerToken}`)
        .expect(200);
      expect(stats.body.received.total).toBeGreaterThanOrEqual(20);
      await http().get('/api/v1/dossiers').expect(401);
    });
  });
});
