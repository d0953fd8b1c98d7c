import type { INestApplication } from '@nestjs/common';
import { issueDevToken, Role } from '@xaso/auth';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase, realAdminUnits } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createPetitionApp } from './bootstrap';
import { DEFAULT_POLICY, IdentityCipher, makeAddDays } from './petitions/domain';

jest.setTimeout(120_000);

const SECRET = 'petition-idempotency-secret-0123456789abcdef';

/** petition-service's POST gets the shared Idempotency-Key interceptor of @xaso/api too. */
describe('Idempotency-Key on petition-service REST (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let app: INestApplication;
  let agency: string;
  const saved = process.env.AUTH_DEV_SECRET;
  const body = { unitCode: '00004', kind: 'FEEDBACK', channel: 'HOTLINE', title: 'Đèn đường', content: 'Đèn đường hỏng ở ngõ 5' };
  const post = (key: string, payload: object = body) =>
    request(app.getHttpServer()).post('/api/v1/petitions').set('authorization', `Bearer ${agency}`).set('idempotency-key', key).send(payload);

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    db = await createTestDatabase('petition_idempotency');
    app = await createPetitionApp({
      databaseUrl: db.url,
      logger: false,
      transport: new InProcessTransport(new InProcessBus()),
      escalationIntervalMs: 0,
      config: { policy: DEFAULT_POLICY, addDays: makeAddDays(), cipher: new IdentityCipher(IdentityCipher.generateKey('k1')) },
    });
    await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf));
    agency = await issueDevToken({ sub: 'hotline-1022', role: Role.AGENCY }, SECRET);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    process.env.AUTH_DEV_SECRET = saved;
  });

  it('replays the intake (same petition, same tracking secret) and rejects a different body with 422', async () => {
    const first = await post('intake-1').expect(201);
    const again = await post('intake-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM petition');
    expect(n).toBe(1);
    const other = await post('intake-1', { ...body, title: 'Khác' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('documents the header on its POST', async () => {
    const { body: doc } = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(doc.paths['/api/v1/petitions'].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });
});
