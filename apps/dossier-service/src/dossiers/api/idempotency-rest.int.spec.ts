import request from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyKeyPruner } from '@xaso/api';
import { type DossierTestApp, officer, startDossierTestApp, submitInput } from '../../testing/dossier-test-app';

/** The shared Idempotency-Key interceptor of @xaso/api, through dossier-service's REST on real PostgreSQL. */
describe('Idempotency-Key on every REST POST (interceptor of @xaso/api, real PostgreSQL)', () => {
  let t: DossierTestApp;
  let tokenA: string;
  let tokenB: string;
  const http = () => request(t.app.getHttpServer());
  const body = () => submitInput(t.unitA, { channel: 'POSTAL' });
  const submit = (token: string, key: string, payload: unknown = body()) =>
    http().post('/api/v1/dossiers').set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(payload as object);
  const keyRows = (key: string): Promise<{ principal: string; method: string; path: string; status_code: number }[]> =>
    t.app.get(DataSource).query('SELECT principal, method, path, status_code FROM idempotency_key WHERE key = $1 ORDER BY principal', [key]);
  const dossierCount = async () => (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM dossier'))[0].n as number;

  beforeAll(async () => {
    t = await startDossierTestApp('dossier_idempotency', { consumeEvents: false });
    tokenA = await t.token(officer(t.unitA, 'officer-a'));
    tokenB = await t.token(officer(t.unitA, 'officer-b'));
  });
  afterAll(() => t?.close());

  it('replays the stored status and body with Idempotent-Replayed: true, and does the work once', async () => {
    const before = await dossierCount();
    const first = await submit(tokenA, 'replay-1').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await submit(tokenA, 'replay-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await dossierCount()).toBe(before + 1);
    expect(await keyRows('replay-1')).toEqual([{ principal: 'officer-a', method: 'POST', path: '/api/v1/dossiers', status_code: 201 }]);
  });

  it('keeps the handler status of a 200 POST (transitions) on replay', async () => {
    const { body: created } = await submit(tokenA, 'transition-setup').expect(201);
    const start = () =>
      http().post(`/api/v1/dossiers/${created.code}/start-processing`).set('authorization', `Bearer ${tokenA}`).set('idempotency-key', 'start-1').send({});
    const first = await start().expect(200);
    const again = await start().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(first.body.status).toBe('IN_PROCESSING');
  });

  it('rejects the same key with another body or another route: 422 IDEMPOTENCY_KEY_REUSED (problem+json)', async () => {
    const { body: created } = await submit(tokenA, 'reuse-1').expect(201);
    const otherBody = await submit(tokenA, 'reuse-1', { ...body(), formData: { purpose: 'khác' } }).expect(422);
    expect(otherBody.headers['content-type']).toContain('application/problem+json');
    expect(otherBody.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
    expect(otherBody.body.detail_vi).toBeTruthy();
    const otherRoute = await http()
      .post(`/api/v1/dossiers/${created.code}/start-processing`)
      .set('authorization', `Bearer ${tokenA}`)
      .set('idempotency-key', 'reuse-1')
      .send({})
      .expect(422);
    expect(otherRoute.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const detail = await http().get(`/api/v1/dossiers/${created.code}`).set('authorization', `Bearer ${tokenA}`).expect(200);
    expect(detail.body.status).toBe('RECEIVED');
  });

  it('lets concurrent duplicates wait for the first and replay its response: one dossier', async () => {
    const before = await dossierCount();
    const results = await Promise.all(Array.from({ length: 6 }, () => submit(tokenA, 'concurrent-1')));
    for (const r of results) expect(r.status).toBe(201);
    expect(new Set(results.map((r) => r.body.code)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await dossierCount()).toBe(before + 1);
  });

  it('keeps keys per principal: the same key of another caller is a request of its own', async () => {
    const a = await submit(tokenA, 'shared-key').expect(201);
    const b = await submit(tokenB, 'shared-key').expect(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.code).not.toBe(a.body.code);
    expect((await keyRows('shared-key')).map((r) => r.principal)).toEqual(['officer-a', 'officer-b']);
  });

  it('forgets a key after the retention (default 24 h): it runs again, and the pruner deletes expired rows', async () => {
    const first = await submit(tokenA, 'expiring').expect(201);
    await t.app.get(DataSource).query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'expiring'`);
    const later = await submit(tokenA, 'expiring').expect(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.code).not.toBe(first.body.code);

    await submit(tokenA, 'expired-1').expect(201);
    await t.app.get(DataSource).query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'expired-1'`);
    expect(await t.app.get(IdempotencyKeyPruner).prune()).toBe(1);
    expect(await keyRows('expired-1')).toEqual([]);
    expect(await keyRows('expiring')).toHaveLength(1);
  });

  it('rejects a malformed key with a coded 400 and does no work', async () => {
    const before = await dossierCount();
    const tooLong = await submit(tokenA, 'k'.repeat(256)).expect(400);
    expect(tooLong.body).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    const control = await submit(tokenA, 'tab\tinside').expect(400);
    expect(control.body.code).toBe('BAD_USER_INPUT');
    await submit(tokenA, 'k'.repeat(255)).expect(201);
    expect(await dossierCount()).toBe(before + 1);
  });

  it('documents the header and its 422 on every POST of the OpenAPI document', async () => {
    const { body: doc } = await http().get('/openapi.json').expect(200);
    const posts = Object.values(doc.paths as Record<string, { post?: { parameters: { name: string; in: string }[]; responses: object } }>)
      .map((item) => item.post)
      .filter((post) => post !== undefined);
    expect(posts.length).toBeGreaterThanOrEqual(11);
    for (const post of posts) {
      expect(post!.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
      expect(post!.responses).toHaveProperty('422');
    }
  });
});
