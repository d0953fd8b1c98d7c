import { Role } from '@xaso/auth';
import request from 'supertest';
import { householdRoll, idNumberOf, pollInput } from './poll-fixtures';
import { COMMUNE, OTHER_COMMUNE, startVotingTestApp, type VotingTestApp } from './voting-test-app';

const SECRET = 'voting-cross-channel-spec-secret-012345678';

/**
 * One ballot per household across channels under concurrency (an online cast and the counting
 * board's paper list racing for the same households), and results, board and receipts hidden
 * before close from every role on both transports.
 */
describe('cross-channel uniqueness under concurrency and hidden results (real PostgreSQL)', () => {
  let t: VotingTestApp;
  let officer: string;
  let pollId: string;
  const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
  const citizen = (i: number) => t.token(`citizen-${i}`, Role.CITIZEN, undefined, { idNumber: idNumberOf(i) });
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE poll_id = $1`, [pollId]))[0].n as number;

  beforeAll(async () => {
    t = await startVotingTestApp({ database: 'voting_cross_channel', secret: SECRET });
    officer = await t.token('officer-1', Role.OFFICER, COMMUNE);
    const created = await t.gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, { i: pollInput() }, officer);
    pollId = created.data!.createPoll.id;
    expect((await t.gql(`mutation($p: ID!, $rows: [RollRowInput!]!) { importRoll(pollId: $p, rows: $rows) { imported } }`, { p: pollId, rows: householdRoll(40) }, officer)).errors).toBeUndefined();
    expect((await t.gql(`mutation($id: ID!) { openPoll(id: $id) { status } }`, { id: pollId }, officer)).errors).toBeUndefined();
  }, 120_000);
  afterAll(() => t?.close());

  it('lets exactly one channel through when a household casts online while the board records it on paper', async () => {
    const households = Array.from({ length: 20 }, (_, i) => i + 1);
    const outcomes = await Promise.all(
      households.map(async (i) => {
        const token = await citizen(i);
        const [online, paper] = await Promise.all([
          t.gql(`mutation($p: ID!) { castBallot(pollId: $p, choice: "YES") { tracker } }`, { p: pollId }, token),
          t.gql(`mutation($p: ID!, $ids: [ID!]!) { recordPaperParticipation(pollId: $p, householdIds: $ids) { recorded } }`, { p: pollId, ids: [`H-${i}`] }, officer),
        ]);
        return [code(online) ?? 'OK', code(paper) ?? 'OK'];
      }),
    );
    for (const pair of outcomes) expect([['OK', 'ALREADY_VOTED'], ['ALREADY_VOTED', 'OK']]).toContainEqual(pair);
    const online = outcomes.filter(([o]) => o === 'OK').length;
    expect(await count('poll_participation')).toBe(20);
    expect(await count('poll_sealed_ballot')).toBe(online);
    const channels = await t.dataSource.query(`SELECT channel, count(*)::int AS n FROM poll_participation WHERE poll_id = $1 GROUP BY channel`, [pollId]);
    expect(Object.fromEntries(channels.map((c: { channel: string; n: number }) => [c.channel, c.n]))).toEqual({ ...(online ? { ONLINE: online } : {}), ...(online < 20 ? { PAPER: 20 - online } : {}) });
  });

  it('refuses a paper list naming a household twice, or one that voted, as a whole', async () => {
    const r = await t.gql(`mutation($p: ID!) { recordPaperParticipation(pollId: $p, householdIds: ["H-30", "H-30"]) { recorded } }`, { p: pollId }, officer);
    expect(code(r)).toBe('ROLL_INVALID');
    const mixed = await t.gql(`mutation($p: ID!) { recordPaperParticipation(pollId: $p, householdIds: ["H-31", "H-1"]) { recorded } }`, { p: pollId }, officer);
    expect(code(mixed)).toBe('ALREADY_VOTED');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1 AND entry_key = 'H-31'`, [pollId]))[0].n).toBe(0);
  });

  it('hides the result, the board and receipts from every role before close, over GraphQL and REST', async () => {
    const roles: [string, string | undefined][] = [
      ['anonymous', undefined],
      ['citizen', await citizen(1)],
      ['officer', officer],
      ['leader', await t.token('leader-1', Role.LEADER, COMMUNE)],
      ['other officer', await t.token('officer-2', Role.OFFICER, OTHER_COMMUNE)],
      ['province officer', await t.token('province-1', Role.PROVINCE_OFFICER, '01')],
      ['agency', await t.token('agency-1', Role.AGENCY)],
      ['admin', await t.token('admin-1', Role.ADMIN)],
    ];
    for (const [role, token] of roles) {
      const seen = [
        code(await t.gql(`query($id: ID!) { pollResult(id: $id) { passed } }`, { id: pollId }, token)),
        code(await t.gql(`query($id: ID!) { pollBoard(id: $id) { root } }`, { id: pollId }, token)),
        code(await t.gql(`query($id: ID!) { verifyReceipt(pollId: $id, tracker: "${'a'.repeat(64)}") { choice } }`, { id: pollId }, token)),
      ];
      const rest = await Promise.all(
        ['result', 'board'].map(async (what) => {
          const call = request(t.app.getHttpServer()).get(`/api/v1/polls/${pollId}/${what}`);
          const r = await (token ? call.set('authorization', `Bearer ${token}`) : call);
          return `${r.status} ${r.body.code}`;
        }),
      );
      expect({ role, seen, rest }).toEqual({ role, seen: ['RESULTS_HIDDEN', 'RESULTS_HIDDEN', 'RESULTS_HIDDEN'], rest: ['403 RESULTS_HIDDEN', '403 RESULTS_HIDDEN'] });
    }
  });
});
