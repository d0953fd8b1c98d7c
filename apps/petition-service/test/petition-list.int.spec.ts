/**
 * The petition list pages by keyset (received_at DESC, code DESC): walking the pages with
 * `after: pageInfo.endCursor` yields every petition once, newest first, also when petitions are
 * received while paging; a cursor that is not one of ours is a coded 400.
 */
import { Role } from '@xaso/auth';
import { submitPetitionInput } from './factories';
import { startPetitionTestApp, type PetitionTestApp } from './petition-test-app';

jest.setTimeout(120_000);

const SECRET = 'petition-list-secret-petition-list-secret-01';
const UNIT = '00103';

describe('petitions: keyset paging', () => {
  let harness: PetitionTestApp;
  let officer: string;
  let now = new Date('2026-03-02T02:00:00Z');

  beforeAll(async () => {
    harness = await startPetitionTestApp({ database: 'petition_list', secret: SECRET, clock: { now: () => now } });
    officer = await harness.token('officer-list', Role.OFFICER, UNIT);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const submit = async (i: number) => {
    const r = await harness.gql(`mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { code } } }`, { i: submitPetitionInput({ unitCode: UNIT, channel: 'MAIL', content: `Phản ánh số ${i} về ${i * 31}` }) }, officer);
    expect(r.errors).toBeUndefined();
    return r.data!.submitPetition.petition.code as string;
  };
  const page = async (first: number, after?: string | null) => {
    const r = await harness.gql(
      `query($first: Int, $after: String) { petitions(unitCode: "${UNIT}", first: $first, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
      { first, after },
      officer,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.petitions as { totalCount: number; edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
  };

  it('walks every petition once, newest first, and is not shifted by new petitions', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(await submit(i));
      if (i % 2 === 0) now = new Date(now.getTime() + 60_000); // some share a received_at: the code breaks the tie
    }
    const newestFirst = (await page(50)).edges.map((e) => e.node.code);
    expect([...newestFirst].sort()).toEqual([...codes].sort());

    const first = await page(2);
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    now = new Date(now.getTime() + 60_000);
    await submit(99); // newer than everything: must not push the pages after the cursor
    const second = await page(2, first.pageInfo.endCursor);
    const third = await page(2, second.pageInfo.endCursor);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges, ...third.edges].map((e) => e.node.code)).toEqual(newestFirst);
  });

  it('refuses a cursor that is not a petition list key with BAD_USER_INPUT', async () => {
    const foreign = Buffer.from(JSON.stringify({ o: 10 })).toString('base64url');
    for (const after of ['not-a-cursor', foreign]) {
      const r = await harness.gql(`query($after: String) { petitions(unitCode: "${UNIT}", first: 2, after: $after) { totalCount } }`, { after }, officer);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
