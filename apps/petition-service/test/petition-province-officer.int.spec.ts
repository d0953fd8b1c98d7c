/**
 * PROVINCE_OFFICER scope in petition-service through the admin-unit replica, filled from
 * merger-like `admin-units.upserted` events on this file's own in-process bus.
 */
import type { INestApplication } from '@nestjs/common';
import { Role, issueDevToken } from '@xaso/auth';
import { InProcessTransport } from '@xaso/messaging';
import { postGraphQL, waitUntil } from '@xaso/testing';
import { UnitReplica } from '@xaso/unit-replica';
import { adminUnitsUpserted, registryUnit as u } from './factories';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(60_000);

const SECRET = 'petition-province-secret-petition-province-0';

describe('petition-service: a PROVINCE_OFFICER reaches the units of their province', () => {
  let harness: PetitionTestApp;
  let app: INestApplication;

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_province', secret: SECRET, seedUnits: false });
    app = harness.app;
    const { topic, messages } = adminUnitsUpserted([u('01', 'Thành phố Hà Nội', 'PROVINCE', null), u('79', 'Thành phố Hồ Chí Minh', 'PROVINCE', null), u('00004', 'Phường Ba Đình', 'COMMUNE', '01'), u('25747', 'Phường Thủ Dầu Một', 'COMMUNE', '79')]);
    await new InProcessTransport(harness.bus).send(topic, messages);
    const replica = app.get(UnitReplica);
    await waitUntil('the replica to hold the 4 units', async () => (await replica.count()) >= 4, 10_000);
  });

  afterAll(async () => {
    await harness?.close();
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
