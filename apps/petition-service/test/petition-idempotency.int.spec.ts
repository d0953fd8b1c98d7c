import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { submitPetitionInput } from './factories';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-idempotency-secret-0123456789abcdef';

/** petition-service's POST gets the shared Idempotency-Key interceptor of @xaso/api too. */
describe('Idempotency-Key on petition-service REST (real PostgreSQL)', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;
  let agency: string;
  const body = submitPetitionInput({ channel: 'HOTLINE', title: 'Đèn đường' });
  const post = (key: string, payload: object = body) =>
    request(app.getHttpServer()).post('/api/v1/petitions').set('authorization', `Bearer ${agency}`).set('idempotency-key', key).send(payload);

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_idempotency', secret: SECRET });
    app = harness.app;
    agency = await harness.token('hotline-1022', Role.AGENCY);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('replays the intake (same petition; the tracking secret is never stored, so not replayed) and rejects a different body with 422', async () => {
    const first = await post('intake-1').expect(201);
    expect(first.body.trackingSecret).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const again = await post('intake-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual({ ...first.body, trackingSecret: null });
    const [{ n }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM petition');
    expect(n).toBe(1);
    const stored = await app.get(DataSource).query('SELECT response::text AS response FROM idempotency_key');
    expect(stored.map((r: { response: string }) => r.response).join('\n')).not.toContain(first.body.trackingSecret);
    const other = await post('intake-1', { ...body, title: 'Khác' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('documents the header on its POST', async () => {
    const { body: doc } = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(doc.paths['/api/v1/petitions'].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });
});
