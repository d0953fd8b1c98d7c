import { Role } from '@xaso/auth';
import request from 'supertest';
import { csvOf, householdRoll, idNumberOf, pollInput } from './poll-fixtures';
import { COMMUNE, OTHER_COMMUNE, startVotingTestApp, VILLAGES, type VotingTestApp } from './voting-test-app';

const SECRET = 'voting-roll-changes-spec-secret-0123456789';

describe('roll upload as CSV and representative replacement (real PostgreSQL)', () => {
  let t: VotingTestApp;
  let officer: string;
  let leader: string;
  let otherOfficer: string;
  const citizen = (i: number) => t.token(`citizen-${i}`, Role.CITIZEN, undefined, { idNumber: idNumberOf(i) });
  const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
  const http = () => request(t.app.getHttpServer());

  const createPoll = async (over: Record<string, unknown> = {}) => {
    const r = await t.gql(`mutation($input: CreatePollInput!) { createPoll(input: $input) { id } }`, { input: pollInput(over) }, officer);
    expect(r.errors).toBeUndefined();
    return r.data!.createPoll.id as string;
  };
  const rollCount = async (pollId: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_roll_entry WHERE poll_id = $1`, [pollId]))[0].n as number;
  const cast = async (pollId: string, choice: string, token: string) =>
    t.gql(`mutation($pollId: ID!, $choice: ID!) { castBallot(pollId: $pollId, choice: $choice) { tracker } }`, { pollId, choice }, token);
  const myPollIds = async (token: string) => ((await t.gql(`{ myPolls { edges { node { id } } } }`, {}, token)).data!.myPolls.edges as { node: { id: string } }[]).map((e) => e.node.id);
  const replace = (pollId: string, householdId: string, idNumber: string, token = officer, reason = 'Chủ hộ đi làm ăn xa') =>
    t.gql(
      `mutation($p: ID!, $h: ID!, $i: String!, $n: String!, $r: String!) { replaceRepresentative(pollId: $p, householdId: $h, idNumber: $i, name: $n, reason: $r) { pollId householdId previousIdNumber previousName idNumber name reason changedBy changedAt } }`,
      { p: pollId, h: householdId, i: idNumber, n: 'Người Thay Thế', r: reason },
      token,
    );

  beforeAll(async () => {
    t = await startVotingTestApp({ database: 'voting_roll_changes', secret: SECRET });
    officer = await t.token('officer-1', Role.OFFICER, COMMUNE);
    leader = await t.token('leader-1', Role.LEADER, COMMUNE);
    otherOfficer = await t.token('officer-2', Role.OFFICER, OTHER_COMMUNE);
  }, 120_000);
  afterAll(() => t?.close());

  describe('POST /api/v1/polls/:id/roll', () => {
    it('imports thousands of rows sent as text/csv', async () => {
      const pollId = await createPoll();
      const rows = householdRoll(5000);
      const r = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv; charset=utf-8').send(csvOf(rows));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ pollId, imported: 5000 });
      expect(await rollCount(pollId)).toBe(5000);
    });

    it('reports every wrong row of a CSV and imports none of it', async () => {
      const pollId = await createPoll();
      const rows = [...householdRoll(3000), { householdId: 'H-9001', idNumber: '12345', name: 'X', villageCode: VILLAGES[0] }, { householdId: 'H-9002', idNumber: idNumberOf(9002), name: 'Y', villageCode: 'NOWHERE' }, householdRoll(1)[0]];
      const r = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send(csvOf(rows));
      expect(r.status).toBe(422);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body.code).toBe('ROLL_INVALID');
      const errors = r.body.details.errors as { row: number; field: string; code: string; firstRow?: number }[];
      expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
        [3001, 'idNumber', 'INVALID_ID_NUMBER'],
        [3002, 'villageCode', 'UNKNOWN_VILLAGE'],
        [3003, 'householdId', 'DUPLICATE_HOUSEHOLD'],
        [3003, 'idNumber', 'DUPLICATE_ID_NUMBER'],
      ]);
      expect(await rollCount(pollId)).toBe(0);
    });

    it('keeps the JSON {csv} form and refuses other media types, charsets and bodies elsewhere', async () => {
      const pollId = await createPoll();
      const json = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).send({ csv: csvOf(householdRoll(3)) });
      expect(json.status).toBe(200);
      expect(json.body.imported).toBe(3);
      const plain = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/plain').send(csvOf(householdRoll(3)));
      expect([plain.status, plain.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const latin1 = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv; charset=iso-8859-1').send('householdId');
      expect([latin1.status, latin1.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const elsewhere = await http().post(`/api/v1/polls/${pollId}/representative-changes`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send('a,b');
      expect([elsewhere.status, elsewhere.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const nul = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send('householdId,idNumber,name,villageCode\r\nH-1,001085010001,"A\u0000",V');
      expect([nul.status, nul.body.code]).toEqual([400, 'BAD_USER_INPUT']);
      const empty = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send('householdId,idNumber,name,villageCode\r\n');
      expect([empty.status, empty.body.code]).toEqual([422, 'ROLL_EMPTY']);
      const stranger = await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${otherOfficer}`).set('content-type', 'text/csv').send(csvOf(householdRoll(2)));
      expect([stranger.status, stranger.body.code]).toEqual([403, 'OUT_OF_UNIT_SCOPE']);
      const anonymous = await http().post(`/api/v1/polls/${pollId}/roll`).set('content-type', 'text/csv').send(csvOf(householdRoll(2)));
      expect(anonymous.status).toBe(401);
      expect(await rollCount(pollId)).toBe(3);
    });
  });

  describe('replaceRepresentative', () => {
    let pollId: string;

    beforeAll(async () => {
      t.clock.set('2026-12-10T02:00:00Z');
      pollId = await createPoll();
      expect((await http().post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send(csvOf(householdRoll(5)))).status).toBe(200);
      expect((await t.gql(`mutation($id: ID!) { openPoll(id: $id) { status } }`, { id: pollId }, officer)).errors).toBeUndefined();
    });

    it('replaces a representative before the household took part, logged; the new one sees the poll and casts, the old one no longer can', async () => {
      const old = await citizen(1);
      expect(await myPollIds(old)).toContain(pollId);
      const r = await replace(pollId, 'H-1', idNumberOf(501));
      expect(r.errors).toBeUndefined();
      expect(r.data!.replaceRepresentative).toMatchObject({
        pollId,
        householdId: 'H-1',
        previousIdNumber: idNumberOf(1),
        previousName: 'Nguyễn Văn 1',
        idNumber: idNumberOf(501),
        name: 'Người Thay Thế',
        reason: 'Chủ hộ đi làm ăn xa',
        changedBy: 'officer-1',
        changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(await myPollIds(old)).not.toContain(pollId);
      expect(code(await cast(pollId, 'YES', old))).toBe('NOT_ON_ROLL');
      const newcomer = await citizen(501);
      expect(await myPollIds(newcomer)).toContain(pollId);
      expect((await cast(pollId, 'YES', newcomer)).errors).toBeUndefined();
      // the household took part online: no more replacement
      expect(code(await replace(pollId, 'H-1', idNumberOf(502)))).toBe('REPRESENTATIVE_ALREADY_PARTICIPATED');
    });

    it('refuses once the household took part on paper, and bad replacements with a code', async () => {
      const paper = await t.gql(`mutation($p: ID!) { recordPaperParticipation(pollId: $p, householdIds: ["H-2"]) { recorded } }`, { p: pollId }, officer);
      expect(paper.errors).toBeUndefined();
      expect(code(await replace(pollId, 'H-2', idNumberOf(503)))).toBe('REPRESENTATIVE_ALREADY_PARTICIPATED');
      expect(code(await replace(pollId, 'H-404', idNumberOf(503)))).toBe('ROLL_ENTRY_NOT_FOUND');
      expect(code(await replace(pollId, 'H-3', '12345'))).toBe('ROLL_INVALID');
      expect(code(await replace(pollId, 'H-3', idNumberOf(4)))).toBe('ROLL_INVALID'); // already on the roll (H-4)
      expect(code(await replace(pollId, 'H-3', idNumberOf(503), officer, '  '))).toBe('REASON_REQUIRED');
      expect(code(await replace(pollId, 'H-3', idNumberOf(503), otherOfficer))).toBe('OUT_OF_UNIT_SCOPE');
      expect(code(await replace(pollId, 'H-3', idNumberOf(503), leader))).toBe('ROLE_NOT_ALLOWED');
      expect(code(await replace(pollId, 'H-3', idNumberOf(503), await citizen(3)))).toBe('FORBIDDEN');
      expect(code(await replace('not-a-poll', 'H-3', idNumberOf(503)))).toBe('POLL_NOT_FOUND');
    });

    it('orders a replacement and the old representative\'s cast: exactly one of them wins', async () => {
      const old = await citizen(3);
      const [casting, replacing] = await Promise.all([cast(pollId, 'NO', old), replace(pollId, 'H-3', idNumberOf(503))]);
      const codes = [code(casting) ?? 'OK', code(replacing) ?? 'OK'];
      expect([['OK', 'REPRESENTATIVE_ALREADY_PARTICIPATED'], ['NOT_ON_ROLL', 'OK']]).toContainEqual(codes);
      const participated = (await t.dataSource.query(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1 AND entry_key = 'H-3'`, [pollId]))[0].n;
      expect(participated).toBe(codes[0] === 'OK' ? 1 : 0);
    });

    it('replaces over REST and shows the log to the commune\'s officers and chairperson only', async () => {
      const rest = await http()
        .post(`/api/v1/polls/${pollId}/representative-changes`)
        .set('authorization', `Bearer ${officer}`)
        .send({ householdId: 'H-4', idNumber: idNumberOf(504), name: 'Trần Thị Bốn', reason: 'Chủ hộ mất' });
      expect(rest.status).toBe(201);
      expect(rest.body).toMatchObject({ householdId: 'H-4', previousIdNumber: idNumberOf(4), idNumber: idNumberOf(504), changedBy: 'officer-1' });
      const missing = await http().post(`/api/v1/polls/${pollId}/representative-changes`).set('authorization', `Bearer ${officer}`).send({ householdId: 'H-5' });
      expect(missing.status).toBe(400);
      const log = await t.gql(`query($p: ID!) { representativeChanges(pollId: $p) { householdId previousIdNumber idNumber changedBy } }`, { p: pollId }, leader);
      expect(log.errors).toBeUndefined();
      expect(log.data!.representativeChanges.map((c: { householdId: string }) => c.householdId)).toEqual(expect.arrayContaining(['H-1', 'H-4']));
      const restLog = await http().get(`/api/v1/polls/${pollId}/representative-changes`).set('authorization', `Bearer ${officer}`);
      expect(restLog.status).toBe(200);
      expect(restLog.body.length).toBe(log.data!.representativeChanges.length);
      expect(code(await t.gql(`query($p: ID!) { representativeChanges(pollId: $p) { householdId } }`, { p: pollId }, otherOfficer))).toBe('OUT_OF_UNIT_SCOPE');
      expect(code(await t.gql(`query($p: ID!) { representativeChanges(pollId: $p) { householdId } }`, { p: pollId }, await citizen(5)))).toBe('FORBIDDEN');
    });

    it('refuses replacements once the poll is closed, and on a voters roll', async () => {
      const count = await t.gql(`mutation($p: ID!) { recordPaperCount(pollId: $p, totals: [{ optionId: "YES", count: 1 }], spoiled: 0) { spoiled } }`, { p: pollId }, officer);
      expect(count.errors).toBeUndefined();
      t.clock.set('2026-12-12T10:00:00Z');
      expect((await t.gql(`mutation($id: ID!) { closePoll(id: $id) { status } }`, { id: pollId }, officer)).errors).toBeUndefined();
      expect(code(await replace(pollId, 'H-5', idNumberOf(505)))).toBe('ROLL_FROZEN');
      t.clock.set('2026-12-10T02:00:00Z');
      const voters = await createPoll({ electorate: 'VOTERS' });
      expect((await t.gql(`mutation($p: ID!, $rows: [RollRowInput!]!) { importRoll(pollId: $p, rows: $rows) { imported } }`, { p: voters, rows: householdRoll(2) }, officer)).errors).toBeUndefined();
      expect(code(await replace(voters, 'H-1', idNumberOf(506)))).toBe('INVALID_POLL');
    });
  });
});
