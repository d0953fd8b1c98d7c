import { waitUntil } from '@xaso/testing';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { csvOf, idNumberOf } from './poll-fixtures';

/** The all-in-one harness (every service in its worker thread), as apps/all-in-one's e2e specs use it. */
interface TestPlatform {
  base: string;
  databases: Record<string, { url: string }>;
  devToken(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}
const { startTestPlatform } = require(resolve(__dirname, '..', '..', 'all-in-one', 'src', 'test', 'test-platform.ts')) as {
  startTestPlatform(options: { database: string }): Promise<TestPlatform>;
};

jest.setTimeout(300_000);

/**
 * A village poll on the whole back end (every service in its worker thread, events over the bus
 * database, as `npm start` runs it), only through the gateway: the commune's officer registers a
 * village with merger-service, voting-service learns it from the `admin-unit` events, the poll
 * and its CSV roll name it, a poll naming another commune's village is refused, and
 * `AdministrativeUnit.polls(status, first, after)` answers through federation from merger's entity.
 */
describe('a village poll on the whole platform (federation, merger registry, bus events)', () => {
  let platform: TestPlatform;
  const COMMUNE = '00004';
  const OTHER = '00008';

  beforeAll(async () => {
    platform = await startTestPlatform({ database: 'voting_platform' });
  }, 240_000);
  afterAll(() => platform?.close());

  const gql = async (query: string, token?: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${platform.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const village = async (commune: string, token: string, name: string) => {
    const r = await gql(`mutation($c: ID!, $n: String!) { createVillage(communeCode: $c, name: $n, type: "Thôn") { code } }`, token, { c: commune, n: name });
    expect(r.errors).toBeUndefined();
    return r.data!.createVillage.code as string;
  };

  it('registers a village, holds a poll there with a CSV roll, and lists it under AdministrativeUnit.polls', async () => {
    const officer = await platform.devToken({ role: 'OFFICER', sub: 'platform-officer', unitCode: COMMUNE });
    const otherOfficer = await platform.devToken({ role: 'OFFICER', sub: 'platform-officer-2', unitCode: OTHER });
    const home = await village(COMMUNE, officer, 'Thôn Bầu Cử Một');
    const elsewhere = await village(OTHER, otherOfficer, 'Thôn Bầu Cử Hai');
    const db = new Client({ connectionString: platform.databases.voting.url });
    await db.connect();
    try {
      await waitUntil('voting-service\'s replica has both villages', async () => (await db.query(`SELECT count(*)::int AS n FROM admin_unit_replica WHERE code = ANY($1)`, [[home, elsewhere]])).rows[0].n === 2, 60_000);
    } finally {
      await db.end();
    }
    const input = (villageCode: string) => ({
      unitCode: COMMUNE,
      villageCode,
      matter: 'COMMUNITY_FUND',
      title: 'Quỹ khuyến học thôn',
      description: 'Mỗi hộ 100.000 đồng',
      optionKind: 'YES_NO_ABSTAIN',
      electorate: 'HOUSEHOLDS',
      channels: ['ONLINE'],
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const refused = await gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, officer, { i: input(elsewhere) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('VILLAGE_NOT_IN_COMMUNE');
    const created = await gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id villageCode } }`, officer, { i: input(home) });
    expect(created.errors).toBeUndefined();
    const pollId = created.data!.createPoll.id as string;

    const rows = Array.from({ length: 3 }, (_, i) => ({ householdId: `H-${i + 1}`, idNumber: idNumberOf(i + 1), name: `Hộ ${i + 1}`, villageCode: home }));
    const upload = await fetch(`${platform.base}/api/v1/polls/${pollId}/roll`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${officer}` }, body: csvOf(rows) });
    expect(upload.status).toBe(200);
    expect((await gql(`mutation($id: ID!) { openPoll(id: $id) { status rollSize } }`, officer, { id: pollId })).data!.openPoll).toEqual({ status: 'OPEN', rollSize: 3 });
    const citizen = await platform.devToken({ role: 'CITIZEN', sub: 'platform-citizen-1', idNumber: idNumberOf(1) });
    const cast = await gql(`mutation($p: ID!) { castBallot(pollId: $p, choice: "YES") { tracker } }`, citizen, { p: pollId });
    expect(cast.errors).toBeUndefined();

    const listed = await gql(
      `query($c: ID!) { administrativeUnit(code: $c) { code name polls(status: OPEN, first: 1) { totalCount edges { node { id villageCode status } } pageInfo { hasNextPage endCursor } } } }`,
      undefined,
      { c: COMMUNE },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.administrativeUnit.polls).toMatchObject({ totalCount: 1, edges: [{ node: { id: pollId, villageCode: home, status: 'OPEN' } }], pageInfo: { hasNextPage: false } });
    const after = await gql(`query($c: ID!, $a: String) { administrativeUnit(code: $c) { polls(status: OPEN, first: 1, after: $a) { edges { node { id } } } } }`, undefined, { c: COMMUNE, a: listed.data!.administrativeUnit.polls.pageInfo.endCursor });
    expect(after.data!.administrativeUnit.polls.edges).toEqual([]);
    const drafts = await gql(`query($c: ID!) { administrativeUnit(code: $c) { polls(status: DRAFT) { totalCount } } }`, undefined, { c: COMMUNE });
    expect(drafts.data!.administrativeUnit.polls.totalCount).toBe(0);
    const hidden = await gql(`query($id: ID!) { pollResult(id: $id) { passed } }`, await platform.devToken({ role: 'ADMIN', sub: 'platform-admin' }), { id: pollId });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('RESULTS_HIDDEN');
  });
});
