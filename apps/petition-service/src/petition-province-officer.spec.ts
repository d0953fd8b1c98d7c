/**
 * PROVINCE_OFFICER scope in petition-service through the admin-unit replica, filled from
 * merger-like `admin-units.upserted` events on this file's own in-process bus.
 */
import type { INestApplication } from '@nestjs/common';
import { Role, issueDevToken } from '@xaso/auth';
import { eventRegistry, topicFor } from '@xaso/contracts';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL } from '@xaso/testing';
import { UnitReplica } from '@xaso/unit-replica';
import { randomUUID } from 'node:crypto';
import { createPetitionApp } from './bootstrap';

jest.setTimeout(60_000);

const SECRET = 'petition-province-secret-petition-province-0';

describe('petition-service: a PROVINCE_OFFICER reaches the units of their province', () => {
  let db: { url: string; drop(): Promise<void> };
  let app: INestApplication;
  const saved = process.env.AUTH_DEV_SECRET;
  const bus = new InProcessBus();

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    db = await createTestDatabase('petition_province');
    app = await createPetitionApp({ databaseUrl: db.url, logger: false, transport: new InProcessTransport(bus), escalationIntervalMs: 0 });
    const u = (code: string, name: string, level: 'PROVINCE' | 'COMMUNE', parent: string | null) => ({
      code, validFrom: '2025-07-01', validTo: null, name, level, type: level === 'PROVINCE' ? 'Thành phố' : 'Phường',
      parent: parent ? { code: parent, validFrom: '2025-07-01' } : null,
    });
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'admin-units.upserted', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'AdministrativeUnitRegistry', aggregateId: 'administrative-unit-registry', unitCode: null,
      correlationId: randomUUID(), causationId: null,
      payload: { units: [u('01', 'Thành phố Hà Nội', 'PROVINCE', null), u('79', 'Thành phố Hồ Chí Minh', 'PROVINCE', null), u('00004', 'Phường Ba Đình', 'COMMUNE', '01'), u('25747', 'Phường Thủ Dầu Một', 'COMMUNE', '79')] },
    });
    await new InProcessTransport(bus).send(topicFor('merger'), [{ key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type, version: '1' } }]);
    const replica = app.get(UnitReplica);
    for (let i = 0; i < 200 && (await replica.count()) < 4; i++) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (saved === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = saved;
  });

  async function gql(claims: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}) {
    const token = await issueDevToken(claims as never, SECRET);
    return postGraphQL(app, query, variables, token);
  }
  const SUBMIT = `mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { petition { code } } }`;
  const citizen = { sub: 'citizen-p', role: Role.CITIZEN, name: 'Phạm Văn Công Dân', idNumber: '001090000111' };
  const submit = async (unitCode: string) => {
    const res = await gql(citizen, SUBMIT, { input: { unitCode, kind: 'RECOMMENDATION', channel: 'ONLINE', title: 'Kiến nghị', content: `Kiến nghị sửa đường ở ${unitCode}` } });
    expect(res.errors).toBeUndefined();
    return res.data!.submitPetition.petition.code as string;
  };

  it('sees and lists the petitions of a commune in the province, not those of another province', async () => {
    expect(await app.get(UnitReplica).provinceOf('00004')).toBe('01');
    const hanoi = await submit('00004');
    const hcm = await submit('25747');
    const po01 = { sub: 'po-01', role: Role.PROVINCE_OFFICER, unitCode: '01' };
    const po79 = { sub: 'po-79', role: Role.PROVINCE_OFFICER, unitCode: '79' };

    expect((await gql(po01, `{ petition(code: "${hanoi}") { code } }`)).data?.petition).toEqual({ code: hanoi });
    const listed = await gql(po01, `{ petitions(unitCode: "00004", first: 10) { edges { node { code } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.petitions.edges.map((e: any) => e.node.code)).toEqual([hanoi]);

    const other = await gql(po01, `{ petition(code: "${hcm}") { code } }`);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(po01, `{ petitions(unitCode: "25747", first: 10) { totalCount } }`)).errors?.[0].extensions?.code).toBe('OUT_OF_UNIT_SCOPE');
    expect((await gql(po79, `{ petition(code: "${hanoi}") { code } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(po79, `{ petition(code: "${hcm}") { code } }`)).data?.petition).toEqual({ code: hcm });
  });
});
