import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { postGraphQL } from '@xaso/testing';
import { Client } from 'pg';
import { RotateIdentityKeys } from '../src/petitions/application/rotate-identity-keys.use-case';
import { IdentityCipher } from '../src/petitions/domain';
import { testPetitionConfig } from './factories';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);
const SECRET = 'petition-rotation-spec-secret-0123456789ab';

describe('identity key rotation', () => {
  let harness: PetitionTestApp;
  const k1 = IdentityCipher.generateKey('k1');
  const k2 = IdentityCipher.generateKey('k2');
  const indexKey = Buffer.alloc(32, 7).toString('base64');
  const start = (keys: string) => harness.restart({ config: testPetitionConfig(keys, indexKey) });

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_rotation', secret: SECRET, config: testPetitionConfig(k1, indexKey) });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('re-encrypts stored identities with the new current key; the old key can then be retired', async () => {
    const officer = await harness.token('h-r', Role.OFFICER, '00136');
    const leader = await harness.token('l-r', Role.LEADER, '00136');
    const gql = (app: INestApplication, query: string, variables: Record<string, unknown>, token: string) => postGraphQL(app, query, variables, token);

    let app = harness.app; // k1
    const sub = await gql(app, `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code } } }`, {
      i: { unitCode: '00136', kind: 'DENUNCIATION', channel: 'MAIL', title: 't', content: 'c', petitioner: { fullName: 'Hồ Thị Xoay', idNumber: '001200777777' } },
    }, officer);
    const code = sub.data!.submitPetition.petition.code;
    for (const m of [`classifyPetition(code: "${code}")`, `acceptPetition(code: "${code}")`, `assignPetition(code: "${code}", handlerId: "h-r")`]) {
      expect((await gql(app, `mutation { ${m} { code } }`, {}, m.startsWith('classify') ? officer : leader)).errors).toBeUndefined();
    }
    await harness.stop(app);

    app = await start(`${k2},${k1}`);
    expect(await app.get(RotateIdentityKeys).execute()).toBe(1);
    expect(await app.get(RotateIdentityKeys).execute()).toBe(0);
    await harness.stop(app);

    const pg = new Client({ connectionString: harness.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query('SELECT key_id, ciphertext FROM petition_identity WHERE petition_code = $1', [code]);
    await pg.end();
    expect(rows[0].key_id).toBe('k2');
    expect(rows[0].ciphertext).toMatch(/^v1\.k2\./);

    app = await start(k2); // k1 retired
    const r = await gql(app, `{ petition(code: "${code}") { petitioner { fullName idNumber } } }`, {}, officer);
    expect(r.data!.petition.petitioner).toEqual({ fullName: 'Hồ Thị Xoay', idNumber: '001200777777' });
    await harness.stop(app);
  });
});
