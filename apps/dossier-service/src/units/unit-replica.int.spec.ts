/**
 * The admin-unit replica filled from merger-like `admin-units.upserted` events (delivered on an
 * in-process bus owned by this file, so no other test's dossier app sees them): PROVINCE_OFFICER
 * scope and "any centre in the province may receive".
 */
import type { INestApplication } from '@nestjs/common';
import { issueDevToken, Role } from '@xaso/auth';
import { eventRegistry, topicFor, type ReplicatedUnit } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, waitUntil } from '@xaso/testing';
import { UnitReplica } from '@xaso/unit-replica';
import { randomUUID } from 'node:crypto';
import { createDossierApp } from '../bootstrap';
import { SUBMIT, submitInput, TEST_SECRET } from '../../test/dossier-test-app';

jest.setTimeout(60_000);

const unit = (code: string, name: string, level: ReplicatedUnit['level'], parent: string | null, validFrom = '2025-07-01', validTo: string | null = null): ReplicatedUnit => ({
  code, validFrom, validTo, name, level, type: level === 'PROVINCE' ? 'Thành phố' : level === 'DISTRICT' ? 'Quận' : 'Phường',
  parent: parent ? { code: parent, validFrom } : null,
  successors: [],
});

/** What merger-service announces for these units (two chunks, as an import would). */
const CHUNKS: ReplicatedUnit[][] = [
  [
    unit('01', 'Thành phố Hà Nội', 'PROVINCE', null, '1900-01-01', '2025-06-30'),
    unit('001', 'Quận Ba Đình', 'DISTRICT', '01', '1900-01-01', '2025-06-30'),
    { ...unit('00004', 'Phường Trúc Bạch', 'COMMUNE', '001', '1900-01-01', '2025-06-30'), successors: [{ code: '00004', validFrom: '2025-07-01', divided: false }] },
  ],
  [
    unit('01', 'Thành phố Hà Nội', 'PROVINCE', null),
    unit('79', 'Thành phố Hồ Chí Minh', 'PROVINCE', null),
    unit('00004', 'Phường Ba Đình', 'COMMUNE', '01'),
    unit('00025', 'Phường Giảng Võ', 'COMMUNE', '01'),
    unit('25747', 'Phường Thủ Dầu Một', 'COMMUNE', '79'),
  ],
];

describe('dossier-service unit replica (from merger events)', () => {
  let db: { url: string; drop(): Promise<void> };
  let app: INestApplication;
  const bus = new InProcessBus();

  beforeAll(async () => {
    db = await createTestDatabase('dossier_unit_replica');
    app = await createDossierApp({
      databaseUrl: db.url,
      logger: false,
      observability: false,
      schedulerIntervalMs: 0,
      transport: new InProcessTransport(bus),
      auth: { config: { devSecret: TEST_SECRET } },
    });
    const messages = CHUNKS.map((units) => {
      const envelope = eventRegistry.assertValid({
        id: randomUUID(), type: 'admin-units.upserted', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
        aggregateType: 'AdministrativeUnitRegistry', aggregateId: 'administrative-unit-registry', unitCode: null,
        correlationId: randomUUID(), causationId: null, payload: { units },
      });
      return { key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type, version: '1' } };
    });
    await new InProcessTransport(bus).send(topicFor('merger'), messages);
    const replica = app.get(UnitReplica);
    await waitUntil('the replica to hold the 8 units', async () => (await replica.count()) >= 8, 10_000);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function gql<T = any>(claims: Parameters<typeof issueDevToken>[0], query: string, variables?: Record<string, unknown>) {
    const token = await issueDevToken(claims, TEST_SECRET);
    return postGraphQL<T>(app, query, variables, token);
  }
  const citizen = { role: Role.CITIZEN, sub: 'replica-citizen', idNumber: '001090001234', name: 'Công dân' };
  const submit = (receivingUnitCode: string, competentUnitCode?: string) =>
    gql<any>(citizen, SUBMIT, { input: submitInput(receivingUnitCode, competentUnitCode ? { competentUnitCode } : {}) });

  it('is filled from admin-units.upserted events', async () => {
    const replica = app.get(UnitReplica);
    expect(await replica.count()).toBe(8);
    expect(await replica.provinceOf('00004')).toBe('01');
    expect(await replica.provinceOf('00004', '2024-05-01')).toBe('01');
    expect(await replica.provinceOf('25747')).toBe('79');
    expect((await replica.currentUnitsFor('00004', '2024-05-01')).map((u) => u.name)).toEqual(['Phường Ba Đình']);
  });

  it('lets a PROVINCE_OFFICER of 01 see a dossier of 00004, and one of 79 not', async () => {
    const hanoi = await submit('00004');
    expect(hanoi.errors).toBeUndefined();
    const hcm = await submit('25747');
    expect(hcm.errors).toBeUndefined();
    const code = hanoi.data.submitDossier.code;
    const list = `{ dossiers(first: 100) { edges { node { code receivingUnitCode } } } }`;

    const province01 = { role: Role.PROVINCE_OFFICER, sub: 'po-01', unitCode: '01' };
    const seen01 = await gql<any>(province01, list);
    expect(seen01.errors).toBeUndefined();
    expect(seen01.data.dossiers.edges.map((e: any) => e.node.receivingUnitCode)).toEqual(['00004']);
    expect((await gql<any>(province01, `{ dossier(code: "${code}") { code } }`)).data?.dossier).toEqual({ code });

    const province79 = { role: Role.PROVINCE_OFFICER, sub: 'po-79', unitCode: '79' };
    const seen79 = await gql<any>(province79, list);
    expect(seen79.data.dossiers.edges.map((e: any) => e.node.receivingUnitCode)).toEqual(['25747']);
    const denied = await gql<any>(province79, `{ dossier(code: "${code}") { code } }`);
    expect(denied.data?.dossier ?? null).toBeNull();
    expect(denied.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|OUT_OF_UNIT_SCOPE|NOT_FOUND/);
  });

  it('lets any centre of the province receive, refuses one of another province and unknown units', async () => {
    const sameProvince = await submit('00025', '00004');
    expect(sameProvince.errors).toBeUndefined();
    expect(sameProvince.data.submitDossier).toMatchObject({ receivingUnitCode: '00025', competentUnitCode: '00004' });

    const otherProvince = await submit('25747', '00004');
    expect(otherProvince.errors?.[0].extensions?.code).toBe('OUTSIDE_PROVINCE');

    const unknown = await submit('99999');
    expect(unknown.errors?.[0].message).toMatch(/99999/);
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_UNIT');
  });
});
