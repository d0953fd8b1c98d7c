import type { INestApplication } from '@nestjs/common';
import { Role } from '@xaso/auth';
import { eventRegistry } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { fetchGraphQL, waitUntil } from '@xaso/testing';
import { resolve } from 'node:path';
import { csvOf, householdRoll, idNumberOf, pollInput } from './poll-fixtures';
import { COMMUNE, startVotingTestApp, type VotingTestApp } from './voting-test-app';

jest.setTimeout(180_000);

/**
 * A poll's lifecycle through the real gateway (federated `/graphql` and the REST facade
 * `/api/v1/polls`) against real PostgreSQL, with the events on Kafka: CSV roll upload, open,
 * online casts, close, result and board over REST; `AdministrativeUnit.polls` as the subgraph's entity field.
 */
type StartGateway = (options: { port: number; host?: string; subgraphs: { name: string; url: string }[]; logger?: false }) => Promise<INestApplication>;
const { startGateway } = require(resolve(__dirname, '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };

const SECRET = 'voting-gateway-spec-secret-voting-gateway-0001';

describe('a poll through the gateway (real PostgreSQL, events on Kafka)', () => {
  let harness: VotingTestApp;
  let gateway: INestApplication;
  let consumer: KafkaTransport;
  let base: string;
  const received: string[] = [];
  const saved = { logLevel: process.env.LOG_LEVEL };
  let officer: string;
  let leader: string;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'error';
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    harness = await startVotingTestApp({
      database: 'voting_gateway',
      secret: SECRET,
      listen: true,
      transport: new KafkaTransport({ brokers, clientId: 'voting-gateway-spec' }),
      consumerGroup: `voting-service-test-gateway-${Date.now()}`,
    });
    const serviceUrl = (await harness.app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'voting', url: `${serviceUrl}/graphql` }], logger: false });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    consumer = new KafkaTransport({ brokers, clientId: 'voting-evaluation-spec' });
    await consumer.start();
    await consumer.subscribe(`voting-evaluation-spec-${Date.now()}`, ['xaso.voting.events.v1'], async (m) => {
      received.push(m.value!);
    });
    officer = await harness.token('gw-officer', Role.OFFICER, COMMUNE);
    leader = await harness.token('gw-leader', Role.LEADER, COMMUNE);
  });

  afterAll(async () => {
    await consumer?.stop();
    await gateway?.close();
    await harness?.close();
    if (saved.logLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved.logLevel;
  });

  const gql = (query: string, token?: string, variables: Record<string, unknown> = {}) => fetchGraphQL<any>(base, query, variables, token);
  const rest = (path: string, init: RequestInit = {}, token?: string, contentType = 'application/json') =>
    fetch(`${base}/api/v1/polls${path}`, { ...init, headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const csvUpload = (id: string, csv: string, contentType = 'text/csv; charset=utf-8') => rest(`/${id}/roll`, { method: 'POST', body: csv }, officer, contentType);

  it('uploads a roll of thousands of rows as text/csv through the gateway; text/csv elsewhere stays 415', async () => {
    const created = await gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, officer, { i: pollInput() });
    const id = created.data.createPoll.id as string;
    const upload = await csvUpload(id, csvOf(householdRoll(8000)));
    expect(upload.status).toBe(200);
    expect(await upload.json()).toEqual({ pollId: id, imported: 8000 });
    const bad = await csvUpload(id, csvOf([...householdRoll(4000), { householdId: 'H-1', idNumber: '1', name: 'Z', villageCode: 'NOWHERE' }]));
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { code: string; details: { errors: { row: number; code: string }[] } };
    expect(problem.code).toBe('ROLL_INVALID');
    expect(problem.details.errors.map((e) => [e.row, e.code])).toEqual([[4001, 'DUPLICATE_HOUSEHOLD'], [4001, 'INVALID_ID_NUMBER'], [4001, 'UNKNOWN_VILLAGE']]);
    expect((await harness.dataSource.query(`SELECT count(*)::int AS n FROM poll_roll_entry WHERE poll_id = $1`, [id]))[0].n).toBe(8000);
    const elsewhere = await rest(`/${id}/representative-changes`, { method: 'POST', body: 'a,b' }, officer, 'text/csv');
    expect([elsewhere.status, ((await elsewhere.json()) as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const plain = await csvUpload(id, 'householdId,idNumber,name,villageCode', 'text/plain');
    expect(plain.status).toBe(415);
  });

  it('create → CSV roll → open → replace a representative → cast online and on paper → close → certify → result, board and events', async () => {
    const created = await gql(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id status } }`, officer, { i: pollInput() });
    expect(created.errors).toBeUndefined();
    const id = created.data.createPoll.id as string;

    const bad = await rest(`/${id}/roll`, { method: 'POST', body: JSON.stringify({ csv: csvOf(householdRoll(2)) + '\r\nH-9,999,Z,NOWHERE' }) }, officer);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await bad.json()) as { code: string };
    expect(problem.code).toBe('ROLL_INVALID');
    const upload = await csvUpload(id, csvOf(householdRoll(3)));
    expect(upload.status).toBe(200);
    expect((await upload.json()) as unknown).toEqual({ pollId: id, imported: 3 });

    expect((await gql(`mutation($id: ID!) { openPoll(id: $id) { status rollSize } }`, officer, { id })).data.openPoll).toEqual({ status: 'OPEN', rollSize: 3 });
    const hidden = await rest(`/${id}/result`);
    expect(hidden.status).toBe(403);
    expect(((await hidden.json()) as { code: string }).code).toBe('RESULTS_HIDDEN');

    // the representative of H-2 changes before the household takes part: the new one casts, the old one cannot
    const replaced = await gql(
      `mutation($p: ID!) { replaceRepresentative(pollId: $p, householdId: "H-2", idNumber: "${idNumberOf(600)}", name: "Lê Văn Mới", reason: "Chủ hộ ốm") { previousIdNumber changedBy } }`,
      officer,
      { p: id },
    );
    expect(replaced.data?.replaceRepresentative).toEqual({ previousIdNumber: idNumberOf(2), changedBy: 'gw-officer' });
    const oldRepresentative = await harness.token('gw-citizen-2', Role.CITIZEN, undefined, { idNumber: idNumberOf(2) });
    expect((await gql(`mutation($id: ID!) { castBallot(pollId: $id, choice: "NO") { tracker } }`, oldRepresentative, { id })).errors?.[0]?.extensions?.code).toBe('NOT_ON_ROLL');
    for (const [i, choice] of [[1, 'YES'], [600, 'YES']] as const) {
      const token = await harness.token(`gw-citizen-${i}`, Role.CITIZEN, undefined, { idNumber: idNumberOf(i) });
      const mine = await gql(`{ myPolls { edges { node { id } } } }`, token);
      expect(mine.data.myPolls.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
      const cast = await gql(`mutation($id: ID!, $c: ID!) { castBallot(pollId: $id, choice: $c) { tracker } }`, token, { id, c: choice });
      expect(cast.errors).toBeUndefined();
    }
    // AdministrativeUnit.polls as the gateway resolves it from merger's entity (the subgraph's _entities)
    const units = await harness.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { polls(status: OPEN) { totalCount edges { node { id } } } } } }`,
      { r: [{ __typename: 'AdministrativeUnit', code: COMMUNE }] },
      officer,
    );
    expect(units.errors).toBeUndefined();
    expect(units.data!._entities[0].polls.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const paper = await gql(`mutation($id: ID!) { recordPaperParticipation(pollId: $id, householdIds: ["H-3"]) { recorded } }`, officer, { id });
    expect(paper.data?.recordPaperParticipation.recorded).toBe(1);
    const again = await gql(`mutation($id: ID!) { recordPaperParticipation(pollId: $id, householdIds: ["H-1"]) { recorded } }`, officer, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_VOTED');
    const count = await gql(`mutation($id: ID!) { recordPaperCount(pollId: $id, totals: [{ optionId: "NO", count: 1 }], spoiled: 0) { spoiled } }`, officer, { id });
    expect(count.errors).toBeUndefined();

    harness.clock.set('2026-12-12T10:00:00Z');
    expect((await gql(`mutation($id: ID!) { closePoll(id: $id) { status } }`, officer, { id })).data.closePoll.status).toBe('CLOSED');
    const anonymous = await rest(`/${id}/result`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('RESULTS_NOT_CERTIFIED');
    const result = (await (await rest(`/${id}/result`, {}, officer)).json()) as { boardRoot: string };
    // ROLL basis: 2 of 3 households agree, more than 50% of the roll
    expect(result).toMatchObject({ rollSize: 3, passed: true, turnout: { participants: 3, online: 2, paper: 1 } });
    const board = await (await rest(`/${id}/board?first=1`, {}, officer)).json();
    expect(board).toMatchObject({ root: result.boardRoot, size: 2, totalCount: 2, pageInfo: { hasNextPage: true } });

    expect((await gql(`mutation($id: ID!) { certifyPoll(id: $id) { status } }`, leader, { id })).data.certifyPoll.status).toBe('CERTIFIED');
    const certified = await rest(`/${id}/result`);
    expect(certified.status).toBe(200);
    expect(await certified.json()).toMatchObject({ status: 'CERTIFIED', boardRoot: result.boardRoot });

    await waitUntil('poll.opened, poll.closed and poll.certified on Kafka', async () => received.map((v) => JSON.parse(v)).filter((e) => e.aggregateId === id).length >= 3, 45_000);
    const events = received.map((v) => JSON.parse(v)).filter((e) => e.aggregateId === id);
    expect(events.map((e) => e.type)).toEqual(['poll.opened', 'poll.closed', 'poll.certified']);
    for (const e of events) eventRegistry.assertValid(e);
    expect(events[1].payload.outcome).toMatchObject({ passed: true, boardRoot: result.boardRoot });
    for (const r of householdRoll(3)) for (const v of [r.idNumber, r.name, r.householdId, idNumberOf(600)]) expect(received.join('\n')).not.toContain(v);
  });
});
