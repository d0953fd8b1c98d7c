/**
 * dossier-service's /health/ready waits for its admin-unit replica: down until merger's
 * announcement (`admin-unit.imported`) arrived and the replica holds that many units, then up.
 * Events on an in-process bus owned by this file.
 */
import type { INestApplication } from '@nestjs/common';
import { eventRegistry, topicFor, type ReplicatedUnit } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase } from '@xaso/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createDossierApp } from '../bootstrap';
import { TEST_SECRET } from '../../test/dossier-test-app';

jest.setTimeout(60_000);

const commune = (code: string, name: string): ReplicatedUnit => ({
  code, validFrom: '2025-07-01', validTo: null, name, level: 'COMMUNE', type: 'Phường', parent: { code: '01', validFrom: '2025-07-01' },
});
const province: ReplicatedUnit = { code: '01', validFrom: '2025-07-01', validTo: null, name: 'Thành phố Hà Nội', level: 'PROVINCE', type: 'Thành phố', parent: null };

describe('dossier-service readiness and its admin-unit replica', () => {
  let db: { url: string; drop(): Promise<void> };
  let app: INestApplication;
  const bus = new InProcessBus();
  const logLevel = process.env.LOG_LEVEL;

  const send = (type: string, aggregateId: string, payload: unknown) => {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'AdministrativeUnitRegistry', aggregateId, unitCode: null, correlationId: randomUUID(), causationId: null, payload,
    });
    return new InProcessTransport(bus).send(topicFor('merger'), [{ key: aggregateId, value: JSON.stringify(envelope), headers: { type, version: '1' } }]);
  };
  const ready = async () => {
    const response = await request(app.getHttpServer()).get('/health/ready');
    return { status: response.status, replica: response.body.details?.['admin-unit-replica'] as { status: string; message?: string } };
  };
  const until = async (predicate: (r: Awaited<ReturnType<typeof ready>>) => boolean) => {
    const deadline = Date.now() + 10_000;
    let last = await ready();
    while (!predicate(last) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      last = await ready();
    }
    return last;
  };

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    db = await createTestDatabase('dossier_replica_ready');
    app = await createDossierApp({
      databaseUrl: db.url,
      logger: false,
      schedulerIntervalMs: 0,
      transport: new InProcessTransport(bus),
      auth: { config: { devSecret: TEST_SECRET } },
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    process.env.LOG_LEVEL = logLevel;
  });

  it('is not ready before merger announced its registry', async () => {
    expect(await ready()).toEqual({
      status: 503,
      replica: { status: 'down', message: 'no admin-unit.imported announcement from merger-service yet (0 units received)' },
    });
  });

  it('is not ready while the replica holds fewer units than announced', async () => {
    const importId = randomUUID();
    await send('admin-unit.imported', importId, { importId, dataset: 'data/admin-units', asOf: '2026-01-15', created: 3, updated: 0, unchanged: 0 });
    await send('admin-units.upserted', 'administrative-unit-registry', { units: [province, commune('00004', 'Phường Ba Đình')] });
    expect(await until((r) => r.replica?.message === '2 of the 3 units merger-service announced')).toEqual({
      status: 503,
      replica: { status: 'down', message: '2 of the 3 units merger-service announced' },
    });
  });

  it('is ready once the replica holds every announced unit', async () => {
    await send('admin-units.upserted', 'administrative-unit-registry', { units: [commune('00025', 'Phường Giảng Võ')] });
    expect(await until((r) => r.status === 200)).toEqual({ status: 200, replica: { status: 'up' } });
  });
});
