import { Role } from '@xaso/auth';
import { UnitReplica } from '@xaso/unit-replica';
import { BallotBoard, leafBytesOf, verifyInclusion } from '../src/polls/domain';
import { householdRoll, idNumberOf, POLL_FIELDS, pollInput } from './poll-fixtures';
import { COMMUNE, OTHER_COMMUNE, startVotingTestApp, VILLAGES, type VotingTestApp } from './voting-test-app';

const SECRET = 'voting-int-spec-secret-0123456789abcdef';

describe('voting-service polls (real PostgreSQL)', () => {
  let t: VotingTestApp;
  let officer: string;
  let leader: string;
  let otherOfficer: string;
  let admin: string;
  const citizen = (i: number) => t.token(`citizen-${i}`, Role.CITIZEN, undefined, { idNumber: idNumberOf(i) });
  const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

  const createPoll = async (over: Record<string, unknown> = {}) => {
    const r = await t.gql(`mutation($input: CreatePollInput!) { createPoll(input: $input) { ${POLL_FIELDS} } }`, { input: pollInput(over) }, officer);
    expect(r.errors).toBeUndefined();
    return r.data!.createPoll as { id: string; status: string };
  };
  const importRoll = (pollId: string, rows: unknown[], token = officer) =>
    t.gql(`mutation($pollId: ID!, $rows: [RollRowInput!]!) { importRoll(pollId: $pollId, rows: $rows) { pollId imported } }`, { pollId, rows }, token);
  const act = (op: string, id: string, token: string) => t.gql(`mutation($id: ID!) { ${op}(id: $id) { ${POLL_FIELDS} } }`, { id }, token);
  const cast = async (pollId: string, choice: string, token: string) =>
    t.gql(`mutation($pollId: ID!, $choice: ID!) { castBallot(pollId: $pollId, choice: $choice) { pollId tracker } }`, { pollId, choice }, token);
  const result = (id: string, token?: string) =>
    t.gql(`query($id: ID!) { pollResult(id: $id) { rollSize turnout { participants online paper rate } counts { optionId online paper total } spoiled quorumMet passed boardRoot boardSize } }`, { id }, token);

  beforeAll(async () => {
    t = await startVotingTestApp({ database: 'voting_int', secret: SECRET });
    officer = await t.token('officer-1', Role.OFFICER, COMMUNE);
    leader = await t.token('leader-1', Role.LEADER, COMMUNE);
    otherOfficer = await t.token('officer-2', Role.OFFICER, OTHER_COMMUNE);
    admin = await t.token('admin-1', Role.ADMIN);
    expect(await t.app.get(UnitReplica).exists(COMMUNE, '2026-12-10')).toBe(true);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a village outside the commune and an officer of another commune', async () => {
    const r = await t.gql(`mutation($input: CreatePollInput!) { createPoll(input: $input) { id } }`, { input: pollInput({ villageCode: 'V-ELSEWHERE' }) }, officer);
    expect(code(r)).toBe('VILLAGE_NOT_IN_COMMUNE');
    const other = await t.gql(`mutation($input: CreatePollInput!) { createPoll(input: $input) { id } }`, { input: pollInput() }, otherOfficer);
    expect(code(other)).toBe('OUT_OF_UNIT_SCOPE');
    const citizenTry = await t.gql(`mutation($input: CreatePollInput!) { createPoll(input: $input) { id } }`, { input: pollInput() }, await citizen(1));
    expect(code(citizenTry)).toBe('FORBIDDEN');
  });

  it('imports a roll all or nothing, reporting every wrong row', async () => {
    const poll = await createPoll();
    const rows = householdRoll(3);
    const bad = [...rows, { householdId: 'H-9', idNumber: '12345', name: 'X', villageCode: VILLAGES[0] }, { householdId: 'H-10', idNumber: idNumberOf(10), name: 'Y', villageCode: 'NOWHERE' }];
    const r = await importRoll(poll.id, bad);
    expect(code(r)).toBe('ROLL_INVALID');
    const errors = (r.errors![0].extensions as any).details.errors as { row: number; code: string }[];
    expect(errors.map((e) => [e.row, e.code])).toEqual([[4, 'INVALID_ID_NUMBER'], [5, 'UNKNOWN_VILLAGE']]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_roll_entry WHERE poll_id = $1`, [poll.id]))[0].n).toBe(0);
    expect((await importRoll(poll.id, rows)).data!.importRoll.imported).toBe(3);
  });

  describe('a household poll, online and on paper', () => {
    let pollId: string;
    const trackers: Record<number, string> = {};

    beforeAll(async () => {
      t.clock.set('2026-12-10T02:00:00Z');
      pollId = (await createPoll()).id;
      expect((await importRoll(pollId, householdRoll(5))).errors).toBeUndefined();
    });

    it('refuses casting before opening and opens with the roll frozen', async () => {
      expect(code(await cast(pollId, 'YES', await citizen(1)))).toBe('POLL_NOT_OPEN');
      const opened = await act('openPoll', pollId, officer);
      expect(opened.errors).toBeUndefined();
      expect(opened.data!.openPoll).toMatchObject({ status: 'OPEN', rollSize: 5, rollHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(code(await importRoll(pollId, householdRoll(2)))).toBe('ROLL_FROZEN');
    });

    it('hides results from every role before close', async () => {
      for (const token of [undefined, await citizen(1), officer, leader, admin]) {
        expect(code(await result(pollId, token))).toBe('RESULTS_HIDDEN');
        expect(code(await t.gql(`query($id: ID!) { pollBoard(id: $id) { root } }`, { id: pollId }, token))).toBe('RESULTS_HIDDEN');
      }
    });

    it('casts once per household, refusing strangers, unknown options and second attempts', async () => {
      const first = await cast(pollId, 'YES', await citizen(1));
      expect(first.errors).toBeUndefined();
      trackers[1] = first.data!.castBallot.tracker;
      expect(trackers[1]).toMatch(/^[0-9a-f]{64}$/);
      expect(code(await cast(pollId, 'NO', await citizen(1)))).toBe('ALREADY_VOTED');
      expect(code(await cast(pollId, 'MAYBE', await citizen(2)))).toBe('UNKNOWN_OPTION');
      expect(code(await cast(pollId, 'YES', await citizen(99)))).toBe('NOT_ON_ROLL');
      expect(code(await cast(pollId, 'YES', officer))).toBe('FORBIDDEN');
    });

    it('lets exactly one of concurrent casts of one household through', async () => {
      const token = await citizen(2);
      const attempts = await Promise.all(Array.from({ length: 6 }, () => cast(pollId, 'NO', token)));
      const ok = attempts.filter((a) => !a.errors);
      expect(ok).toHaveLength(1);
      expect(attempts.filter((a) => a.errors).map(code)).toEqual(Array(5).fill('ALREADY_VOTED'));
      trackers[2] = ok[0].data!.castBallot.tracker;
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1`, [pollId]))[0].n).toBe(2);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_sealed_ballot WHERE poll_id = $1`, [pollId]))[0].n).toBe(2);
    });

    it('keeps pending ballots sealed while the poll is open: a row sharing a cast\'s transaction id shows neither tracker nor choice', async () => {
      const sealed: { sealed: string; x: string }[] = await t.dataSource.query(`SELECT sealed, xmin::text AS x FROM poll_sealed_ballot WHERE poll_id = $1`, [pollId]);
      const castXmin = new Set((await t.dataSource.query(`SELECT xmin::text AS x FROM poll_participation WHERE poll_id = $1`, [pollId])).map((r: { x: string }) => r.x));
      expect(sealed).toHaveLength(2);
      // the cast writes both rows in one transaction: this is what a database reader could pair…
      expect(sealed.every((row) => castXmin.has(row.x))).toBe(true);
      // …and what they would find: AES-GCM sealed text, no tracker, no choice, no JSON
      for (const { sealed: value } of sealed) {
        expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        for (const tracker of Object.values(trackers)) expect(value).not.toContain(tracker);
        const decoded = value.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')).join(' ');
        expect(decoded).not.toMatch(/"choice"|"tracker"/);
      }
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_ballot`)).toEqual([{ n: 0 }]);
    });

    it('records paper participation and the paper count, refusing households that already took part', async () => {
      const paper = (ids: string[]) =>
        t.gql(`mutation($pollId: ID!, $ids: [ID!]!) { recordPaperParticipation(pollId: $pollId, householdIds: $ids) { recorded } }`, { pollId, ids }, officer);
      expect(code(await paper(['H-3', 'H-1']))).toBe('ALREADY_VOTED');
      expect(code(await paper(['H-3', 'H-404']))).toBe('ROLL_ENTRY_NOT_FOUND');
      expect((await paper(['H-3', 'H-4'])).data!.recordPaperParticipation.recorded).toBe(2);
      expect(code(await cast(pollId, 'YES', await citizen(3)))).toBe('ALREADY_VOTED');
      const count = await t.gql(
        `mutation($pollId: ID!) { recordPaperCount(pollId: $pollId, totals: [{ optionId: "YES", count: 1 }, { optionId: "NO", count: 0 }], spoiled: 1) { spoiled } }`,
        { pollId },
        officer,
      );
      expect(count.errors).toBeUndefined();
    });

    it('closes at closesAt with the tally, the board and its RFC 6962 root', async () => {
      expect(code(await act('closePoll', pollId, officer))).toBe('POLL_NOT_DUE');
      t.clock.set('2026-12-12T10:00:00Z');
      expect(code(await cast(pollId, 'YES', await citizen(5)))).toBe('POLL_NOT_OPEN');
      const closed = await act('closePoll', pollId, officer);
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.closePoll.status).toBe('CLOSED');
      // closed, not yet certified: there for those signed in, not yet public
      expect(code(await result(pollId))).toBe('RESULTS_NOT_CERTIFIED');
      const r = (await result(pollId, officer)).data!.pollResult;
      expect(r).toMatchObject({ rollSize: 5, turnout: { participants: 4, online: 2, paper: 2, rate: 0.8 }, spoiled: 1, passed: false, boardSize: 2 });
      expect(r.counts.find((c: { optionId: string }) => c.optionId === 'YES')).toEqual({ optionId: 'YES', online: 1, paper: 1, total: 2 });
      const expected = new BallotBoard([{ tracker: trackers[1], choice: 'YES' }, { tracker: trackers[2], choice: 'NO' }]);
      expect(r.boardRoot).toBe(expected.root);
      expect(closed.data!.closePoll.boardRoot).toBe(expected.root);
    });

    it('answers a receipt that verifies against the root without the server', async () => {
      const voter = await citizen(2);
      const r = await t.gql(`query($pollId: ID!, $tracker: String!) { verifyReceipt(pollId: $pollId, tracker: $tracker) { choice leafIndex auditPath root treeSize } }`, { pollId, tracker: trackers[2] }, voter);
      expect(r.errors).toBeUndefined();
      const receipt = r.data!.verifyReceipt;
      expect(receipt.choice).toBe('NO');
      expect(verifyInclusion(leafBytesOf({ tracker: trackers[2], choice: 'NO' }), receipt.leafIndex, receipt.treeSize, receipt.auditPath, receipt.root)).toBe(true);
      const board = await t.gql(`query($id: ID!) { pollBoard(id: $id, first: 1) { root size entries { edges { node { leafIndex tracker choice } } pageInfo { hasNextPage endCursor } } } }`, { id: pollId }, voter);
      expect(board.data!.pollBoard.entries.edges).toHaveLength(1);
      expect(board.data!.pollBoard.entries.pageInfo.hasNextPage).toBe(true);
      expect(code(await t.gql(`query($pollId: ID!) { verifyReceipt(pollId: $pollId, tracker: "00") { choice } }`, { pollId }, voter))).toBe('RECEIPT_NOT_FOUND');
      expect(code(await t.gql(`query($id: ID!) { pollBoard(id: $id) { root } }`, { id: pollId }))).toBe('RESULTS_NOT_CERTIFIED');
    });

    it('keeps the board immutable and lets only the chairperson certify', async () => {
      await expect(t.dataSource.query(`UPDATE poll_board SET choice = 'YES' WHERE poll_id = $1`, [pollId])).rejects.toThrow(/immutable/);
      await expect(t.dataSource.query(`DELETE FROM poll_board WHERE poll_id = $1`, [pollId])).rejects.toThrow(/immutable/);
      await expect(t.dataSource.query(`UPDATE poll SET board_root = repeat('0', 64) WHERE id = $1`, [pollId])).rejects.toThrow(/immutable/);
      expect(code(await act('certifyPoll', pollId, officer))).toBe('ROLE_NOT_ALLOWED');
      expect((await act('certifyPoll', pollId, leader)).data!.certifyPoll.status).toBe('CERTIFIED');
      // certified: the result and the board are public, no login
      expect((await result(pollId)).data!.pollResult).toMatchObject({ rollSize: 5, passed: false });
      expect((await t.gql(`query($id: ID!) { pollBoard(id: $id) { size } }`, { id: pollId })).data!.pollBoard.size).toBe(2);
      const events = await t.dataSource.query(`SELECT envelope FROM outbox WHERE key = $1 ORDER BY created_at`, [pollId]);
      expect(events.map((e: { envelope: { type: string } }) => e.envelope.type)).toEqual(['poll.opened', 'poll.closed', 'poll.certified']);
    });

    it('stores nothing that links a voter to a choice', async () => {
      const voterValues = new Set<string>();
      for (const row of householdRoll(5)) [row.householdId, row.idNumber, row.name, `citizen-${row.householdId.slice(2)}`].forEach((v) => voterValues.add(v));
      const choiceValues = new Set([trackers[1], trackers[2]]);
      const tables: { table_name: string }[] = await t.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      for (const { table_name } of tables) {
        const rows: Record<string, unknown>[] = await t.dataSource.query(`SELECT * FROM "${table_name}"`);
        for (const row of rows) {
          const text = JSON.stringify(row);
          const hasVoter = [...voterValues].some((v) => text.includes(v));
          const hasBallot = [...choiceValues].some((v) => text.includes(v));
          // no row anywhere (outbox events included) holds a voter together with a ballot's tracker
          expect({ table: table_name, hasVoter, hasBallot: hasVoter && hasBallot }).toEqual({ table: table_name, hasVoter, hasBallot: false });
        }
      }
      const participationColumns = (await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'poll_participation'`)).map((c: { column_name: string }) => c.column_name);
      const boardColumns = (await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name IN ('poll_board','poll_ballot','poll_sealed_ballot')`)).map((c: { column_name: string }) => c.column_name);
      expect(participationColumns.filter((c: string) => boardColumns.includes(c))).toEqual(['poll_id']);
      expect((await t.dataSource.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'poll_participation' AND column_name = 'poll_day'`))[0].data_type).toBe('date');
      const outbox: { envelope: unknown }[] = await t.dataSource.query(`SELECT envelope FROM outbox`);
      for (const { envelope } of outbox) expect([...voterValues, ...choiceValues].filter((v) => JSON.stringify(envelope).includes(v))).toEqual([]);
      // system columns: the board was written by the close, in tracker order; no ballot row keeps a cast's transaction id
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_ballot WHERE poll_id = $1`, [pollId]))[0].n).toBe(0);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_sealed_ballot WHERE poll_id = $1`, [pollId]))[0].n).toBe(0);
      const boardXmin: { x: string }[] = await t.dataSource.query(`SELECT DISTINCT xmin::text AS x FROM poll_board WHERE poll_id = $1`, [pollId]);
      const castXmin: { x: string }[] = await t.dataSource.query(`SELECT DISTINCT xmin::text AS x FROM poll_participation WHERE poll_id = $1`, [pollId]);
      expect(boardXmin).toHaveLength(1);
      expect(castXmin.map((r) => r.x)).not.toContain(boardXmin[0].x);
      const physical: { tracker: string }[] = await t.dataSource.query(`SELECT tracker FROM poll_board WHERE poll_id = $1 ORDER BY ctid`, [pollId]);
      expect(physical.map((r) => r.tracker)).toEqual([trackers[1], trackers[2]].sort());
    });
  });
});
