import { Role } from '@xaso/auth';
import { Writable } from 'node:stream';
import request from 'supertest';
import { csvOf, idNumberOf } from './poll-fixtures';
import { COMMUNE, startVotingTestApp, VILLAGES, type VotingTestApp } from './voting-test-app';

const SECRET = 'voting-secrecy-logs-spec-secret-0123456789';

/** Distinctive values, so that a substring match means the value itself, not a common word. */
const OPTIONS = ['CAND-ALPHA-QZ7', 'CAND-BETA-QZ7', 'CAND-GAMMA-QZ7'];
const ROLL = Array.from({ length: 10 }, (_, i) => ({ householdId: `HOUSE-QZ7-${String.fromCharCode(65 + i)}`, idNumber: idNumberOf(700 + i), name: `Cử Tri Qz Thứ ${String.fromCharCode(65 + i)}`, villageCode: VILLAGES[0] }));
const subjectOf = (i: number) => `voter-sub-qz7-${String.fromCharCode(65 + i)}`;

/**
 * Issue 10, secrecy over log lines: a whole poll (CSV roll, online casts, a refused second cast
 * whose INSERT fails in PostgreSQL, paper participation with a refused household, paper count,
 * close, certify, receipts) with the service logging at pino's most verbose level (trace) and
 * TypeORM logging failed statements; then no captured line (pino's stream, stdout, stderr, the
 * console), no event and no metric line holds a voter (ID number, household, name, token
 * subject, token) together with a choice or a tracker.
 */
describe('ballot secrecy over log lines, events and metrics (real PostgreSQL)', () => {
  let t: VotingTestApp;
  const lines: string[] = [];
  const restore: (() => void)[] = [];
  const tokens: string[] = [];
  const trackers: string[] = [];
  let officer: string;
  let leader: string;
  let pollId: string;
  const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    // everything that bypasses pino lands here too (TypeORM's console logger wrote failed queries with their parameters)
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write as typeof stream.write));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    // the most verbose the service logs: pino trace, and every SQL statement's text (DB_LOG_QUERIES)
    process.env.DB_LOG_QUERIES = 'true';
    restore.push(() => delete process.env.DB_LOG_QUERIES);
    // listening: Nest flushes its buffered logger (TypeORM's lines go through it) into pino on listen()
    t = await startVotingTestApp({ database: 'voting_secrecy_logs', secret: SECRET, logDestination: destination as never, logLevel: 'trace', listen: true });
    officer = await t.token('officer-qz7', Role.OFFICER, COMMUNE);
    leader = await t.token('leader-qz7', Role.LEADER, COMMUNE);
    for (let i = 0; i < ROLL.length; i++) tokens.push(await t.token(subjectOf(i), Role.CITIZEN, undefined, { idNumber: ROLL[i].idNumber, name: ROLL[i].name }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    for (const undo of restore.reverse()) undo();
  });

  it('runs a poll online and on paper with verbose logging', async () => {
    const input = {
      unitCode: COMMUNE,
      villageCode: VILLAGES[0],
      matter: 'ELECT_VILLAGE_HEAD',
      title: 'Bầu trưởng thôn',
      description: 'Bầu trưởng thôn nhiệm kỳ 2027–2029',
      optionKind: 'CANDIDATES',
      options: OPTIONS.map((id) => ({ id, label: `Ứng viên ${id}` })),
      electorate: 'HOUSEHOLDS',
      channels: ['ONLINE', 'PAPER'],
      opensAt: '2026-12-10T01:00:00Z',
      closesAt: '2026-12-12T10:00:00Z',
      rule: { passBasis: 'PARTICIPANTS' },
    };
    const created = await t.gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, { i: input }, officer);
    expect(created.errors).toBeUndefined();
    pollId = created.data!.createPoll.id;
    const upload = await request(t.app.getHttpServer()).post(`/api/v1/polls/${pollId}/roll`).set('authorization', `Bearer ${officer}`).set('content-type', 'text/csv').send(csvOf(ROLL));
    expect(upload.status).toBe(200);
    expect((await t.gql(`mutation($id: ID!) { openPoll(id: $id) { status } }`, { id: pollId }, officer)).errors).toBeUndefined();

    const cast = (i: number, choice: string) => t.gql(`mutation($p: ID!, $c: ID!) { castBallot(pollId: $p, choice: $c) { tracker } }`, { p: pollId, c: choice }, tokens[i]);
    for (let i = 0; i < 5; i++) {
      const r = await cast(i, OPTIONS[i % 3]);
      expect(r.errors).toBeUndefined();
      trackers.push(r.data!.castBallot.tracker);
    }
    // second attempts: sequential and concurrent, each failing on the participation key in PostgreSQL
    expect(code(await cast(0, OPTIONS[1]))).toBe('ALREADY_VOTED');
    const racing = await Promise.all([cast(5, OPTIONS[2]), cast(5, OPTIONS[0]), cast(5, OPTIONS[1])]);
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    trackers.push(racing.find((r) => !r.errors)!.data!.castBallot.tracker);
    expect(code(await cast(6, 'CAND-NOBODY-QZ7'))).toBe('UNKNOWN_OPTION');

    const paper = (ids: string[]) => t.gql(`mutation($p: ID!, $ids: [ID!]!) { recordPaperParticipation(pollId: $p, householdIds: $ids) { recorded } }`, { p: pollId, ids }, officer);
    expect(code(await paper([ROLL[7].householdId, ROLL[1].householdId]))).toBe('ALREADY_VOTED');
    expect((await paper([ROLL[7].householdId, ROLL[8].householdId])).errors).toBeUndefined();
    const count = await t.gql(
      `mutation($p: ID!, $totals: [PaperTotalInput!]!) { recordPaperCount(pollId: $p, totals: $totals, spoiled: 0) { spoiled } }`,
      { p: pollId, totals: [{ optionId: OPTIONS[0], count: 1 }, { optionId: OPTIONS[2], count: 1 }] },
      officer,
    );
    expect(count.errors).toBeUndefined();

    t.clock.set('2026-12-12T10:00:00Z');
    expect((await t.gql(`mutation($id: ID!) { closePoll(id: $id) { status } }`, { id: pollId }, officer)).errors).toBeUndefined();
    expect((await t.gql(`mutation($id: ID!) { certifyPoll(id: $id) { status } }`, { id: pollId }, leader)).errors).toBeUndefined();
    for (let i = 0; i < trackers.length; i++) {
      const receipt = await t.gql(`query($p: ID!, $tr: String!) { verifyReceipt(pollId: $p, tracker: $tr) { choice } }`, { p: pollId, tr: trackers[i] }, tokens[i]);
      expect(receipt.errors).toBeUndefined();
    }
    const board = await request(t.app.getHttpServer()).get(`/api/v1/polls/${pollId}/board?first=100`);
    expect(board.status).toBe(200);
    expect(board.body.totalCount).toBe(6);
  });

  const voterValues = () => [...ROLL.flatMap((r) => [r.householdId, r.idNumber, r.name]), ...ROLL.map((_, i) => subjectOf(i)), ...tokens, ...tokens.map((tk) => tk.split('.')[1])];
  const ballotValues = () => [...OPTIONS, 'CAND-NOBODY-QZ7', ...trackers];
  const linking = (text: string) => {
    const voter = voterValues().find((v) => text.includes(v));
    const ballot = ballotValues().find((v) => text.includes(v));
    return voter && ballot ? { voter, ballot, text: text.slice(0, 400) } : null;
  };

  it('logged at trace level, failed statements included, yet no line holds a voter and a choice', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((l) => /"level":"debug".*INSERT INTO poll_participation/.test(l))).toBe(true);
    expect(lines.some((l) => /"level":"debug".*INSERT INTO poll_sealed_ballot/.test(l))).toBe(true);
    // the refused second casts failed in PostgreSQL and were logged, without their parameters
    const failed = lines.filter((l) => l.includes('query failed (SQLSTATE 23505'));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.every((l) => !l.includes('PARAMETERS') && !ROLL.some((r) => l.includes(r.householdId)))).toBe(true);
    expect(lines.filter((l) => l.includes('PARAMETERS'))).toEqual([]);
    expect(lines.map(linking).filter(Boolean)).toEqual([]);
  });

  it('no event and no metric line holds a voter and a choice', async () => {
    const outbox: { envelope: unknown }[] = await t.dataSource.query(`SELECT envelope FROM outbox`);
    expect(outbox.length).toBeGreaterThanOrEqual(3);
    for (const { envelope } of outbox) {
      const text = JSON.stringify(envelope);
      expect(voterValues().filter((v) => text.includes(v))).toEqual([]);
      expect(trackers.filter((v) => text.includes(v))).toEqual([]);
    }
    const metrics = await request(t.app.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(200);
    const metricLines = String(metrics.text).split('\n');
    expect(metricLines.length).toBeGreaterThan(10);
    expect(metricLines.filter((l) => voterValues().some((v) => l.includes(v)))).toEqual([]);
    expect(metricLines.filter((l) => ballotValues().some((v) => l.includes(v)))).toEqual([]);
  });
});
