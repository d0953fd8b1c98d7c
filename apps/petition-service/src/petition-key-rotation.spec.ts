import type { INestApplication } from '@nestjs/common';
import { Role, issueDevToken } from '@xaso/auth';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase, postGraphQL, realAdminUnits } from '@xaso/testing';
import { replicaUnitInputOf, UnitReplica } from '@xaso/unit-replica';
import { Client } from 'pg';
import { createPetitionApp } from './bootstrap';
import { RotateIdentityKeys } from './petitions/application/rotate-identity-keys.use-case';
import { DEFAULT_POLICY, IdentityCipher, makeAddDays } from './petitions/domain';

jest.setTimeout(120_000);
const SECRET = 'petition-rotation-spec-secret-0123456789ab';

describe('identity key rotation', () => {
  let db: { url: string; drop(): Promise<void> };
  const saved = process.env.AUTH_DEV_SECRET;
  const k1 = IdentityCipher.generateKey('k1');
  const k2 = IdentityCipher.generateKey('k2');
  const indexKey = Buffer.alloc(32, 7).toString('base64');
  const start = (keys: string) =>
    createPetitionApp({
      databaseUrl: db.url,
      logger: false,
      escalationIntervalMs: 0,
      transport: new InProcessTransport(new InProcessBus()),
      config: { policy: DEFAULT_POLICY, addDays: makeAddDays(), cipher: new IdentityCipher(keys, indexKey) },
    });

  beforeAll(async () => {
    process.env.AUTH_DEV_SECRET = SECRET;
    db = await createTestDatabase('petition_rotation');
  });
  afterAll(async () => {
    await db?.drop();
    if (saved === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = saved;
  });

  it('re-encrypts stored identities with the new current key; the old key can then be retired', async () => {
    const officer = await issueDevToken({ sub: 'h-r', role: Role.OFFICER, unitCode: '00136' }, SECRET);
    const leader = await issueDevToken({ sub: 'l-r', role: Role.LEADER, unitCode: '00136' }, SECRET);
    const gql = (app: INestApplication, query: string, variables: Record<string, unknown>, token: string) => postGraphQL(app, query, variables, token);

    let app = await start(k1);
    await app.get(UnitReplica).upsert(realAdminUnits().map(replicaUnitInputOf)); // every unit a petition names is a real unit
    const sub = await gql(app, `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code } } }`, {
      i: { unitCode: '00136', kind: 'DENUNCIATION', channel: 'MAIL', title: 't', content: 'c', petitioner: { fullName: 'Hồ Thị Xoay', idNumber: '001200777777' } },
    }, officer);
    const code = sub.data!.submitPetition.petition.code;
    for (const m of [`classifyPetition(code: "${code}")`, `acceptPetition(code: "${code}")`, `assignPetition(code: "${code}", handlerId: "h-r")`]) {
      expect((await gql(app, `mutation { ${m} { code } }`, {}, m.startsWith('classify') ? officer : leader)).errors).toBeUndefined();
    }
    await app.close();

    app = await start(`${k2},${k1}`);
    expect(await app.get(RotateIdentityKeys).execute()).toBe(1);
    expect(await app.get(RotateIdentityKeys).execute()).toBe(0);
    await app.close();

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query('SELECT key_id, ciphertext FROM petition_identity WHERE petition_code = $1', [code]);
    await pg.end();
    expect(rows[0].key_id).toBe('k2');
    expect(rows[0].ciphertext).toMatch(/^v1\.k2\./);

    app = await start(k2); // k1 retired
    const r = await gql(app, `{ petition(code: "${code}") { petitioner { fullName idNumber } } }`, {}, officer);
    expect(r.data!.petition.petitioner).toEqual({ fullName: 'Hồ Thị Xoay', idNumber: '001200777777' });
    await app.close();
  });
});
