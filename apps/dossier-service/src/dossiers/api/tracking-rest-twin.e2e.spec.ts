import type { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { HTTP_DURATION_METRIC } from '@xaso/observability';
import { citizen, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput, TEST_SECRET } from '../../../test/dossier-test-app';

/**
 * The gateway answers `trackDossier` from the dossier service's REST tracking resource (its REST
 * twin, apps/gateway/src/graphql/rest-twins) instead of through Apollo. Two real gateways on the
 * same real service, one with the twins and one without (`restTwins: false`): every request gets
 * the same status, content type and bytes from both, and the service's own request metrics show
 * which requests the twin answered and which went on to Apollo.
 */
type StartGateway = (options: {
  port: number;
  host?: string;
  subgraphs: { name: string; url: string }[];
  restTwins?: boolean;
  logger?: false;
}) => Promise<INestApplication>;

interface Answer {
  status: number;
  /** Every response header but those that differ between any two requests. */
  headers: Record<string, string>;
  body: string;
}

const PER_REQUEST_HEADERS = new Set(['date', 'x-correlation-id', 'connection', 'keep-alive']);

const TRACK = `query Track($code: ID!, $last4: String!) {
  trackDossier(code: $code, idNumberLast4: $last4) { code legacyCode procedureName status receivedAt dueAt completedAt overdue apologyNewDueAt history { status action at } }
}`;

describe('trackDossier answered from its REST twin at the gateway (real gateway, PostgreSQL, Kafka)', () => {
  let t: DossierTestApp;
  let serviceUrl: string;
  let withTwins: INestApplication;
  let withoutTwins: INestApplication;
  let twinBase: string;
  let apolloBase: string;
  const codes: string[] = [];
  let citizenToken: string;
  const previousSecret = process.env.AUTH_DEV_SECRET;

  beforeAll(async () => {
    process.env.LOG_LEVEL ??= 'warn';
    process.env.AUTH_DEV_SECRET = TEST_SECRET;
    t = await startDossierTestApp('dossier_rest_twin', { observability: true });
    await t.app.listen(0, '127.0.0.1');
    serviceUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const { startGateway } = require(join(__dirname, '..', '..', '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };
    const subgraphs = [{ name: 'dossier', url: `${serviceUrl}/graphql` }];
    withTwins = await startGateway({ port: 0, host: '127.0.0.1', subgraphs, logger: false });
    withoutTwins = await startGateway({ port: 0, host: '127.0.0.1', subgraphs, restTwins: false, logger: false });
    twinBase = (await withTwins.getUrl()).replace('[::1]', '127.0.0.1');
    apolloBase = (await withoutTwins.getUrl()).replace('[::1]', '127.0.0.1');

    citizenToken = await t.token(citizen('citizen-twin', '001090001234'));
    const officerToken = await t.token(officer(t.unitA));
    const submissions: [string, Record<string, unknown>][] = [
      [citizenToken, submitInput(t.unitA)],
      [officerToken, submitInput(t.unitA, { channel: 'DIRECT' })],
    ];
    for (const [token, input] of submissions) {
      const submitted = await t.gql<{ submitDossier: { code: string } }>(token, SUBMIT, { input });
      expect(submitted.errors).toBeUndefined();
      codes.push(submitted.data!.submitDossier.code);
    }
    // One dossier further along: processed, so completedAt and a longer history are filled in.
    for (const step of ['startProcessing(code: $code)', 'completeProcessing(code: $code, resultNote: "Đã cấp")']) {
      const moved = await t.gql(officerToken, `mutation($code: ID!) { ${step} { code } }`, { code: codes[1] });
      expect(moved.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    await withTwins?.close();
    await withoutTwins?.close();
    await t?.close();
    if (previousSecret === undefined) delete process.env.AUTH_DEV_SECRET;
    else process.env.AUTH_DEV_SECRET = previousSecret;
  });

  const post = async (base: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const answerHeaders = Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST_HEADERS.has(name)));
    return { status: response.status, headers: answerHeaders, body: await response.text() };
  };

  /** How many times the service's REST tracking route has been called. */
  const restTrackingCalls = async (): Promise<number> => {
    const text = await (await fetch(`${serviceUrl}/metrics`)).text();
    let total = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith(`${HTTP_DURATION_METRIC}_count{`) && line.includes('tracking')) total += Number(line.split(' ').pop());
    }
    return total;
  };

  /** Both gateways' answers to the same request, and whether the twin's gateway called the REST resource. */
  const both = async (body: unknown, headers?: Record<string, string>) => {
    const before = await restTrackingCalls();
    const twin = await post(twinBase, body, headers);
    // The service counts a request when its answer is flushed, a moment before the gateway reads it all.
    let afterTwin = await restTrackingCalls();
    for (let i = 0; i < 10 && afterTwin === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      afterTwin = await restTrackingCalls();
    }
    const apollo = await post(apolloBase, body, headers);
    const afterApollo = await restTrackingCalls();
    expect(afterApollo).toBe(afterTwin); // the gateway without twins never calls REST
    return { twin, apollo, calledRest: afterTwin > before };
  };

  it('answers tracking exactly as Apollo does, through the REST resource', async () => {
    for (const code of codes) {
      const { twin, apollo, calledRest } = await both({ query: TRACK, variables: { code, last4: '1234' }, operationName: 'Track' });
      expect(twin).toEqual(apollo);
      expect(twin.status).toBe(200);
      expect(JSON.parse(twin.body).data.trackDossier.code).toBe(code);
      expect(calledRest).toBe(true);
    }
    const processed = JSON.parse((await post(twinBase, { query: TRACK, variables: { code: codes[1], last4: '1234' } })).body).data.trackDossier;
    expect(processed.completedAt).toEqual(expect.any(String));
    expect(processed.history.map((h: { action: string }) => h.action)).toEqual(['RECEIVE', 'START_PROCESSING', 'COMPLETE']);
  });

  it('keeps aliases, __typename, literal arguments, a valid token and the negotiated media type', async () => {
    const aliased = `{ mine: trackDossier(code: "${codes[0]}", idNumberLast4: "1234") { __typename ma: code tt: status procedureName steps: history { __typename status when: at } } }`;
    const requests: [unknown, Record<string, string>?][] = [
      [{ query: aliased }],
      [{ query: aliased }, { accept: 'application/graphql-response+json' }],
      [{ query: aliased }, { accept: 'application/graphql-response+json, application/json;q=0.9' }],
      [{ query: aliased }, { accept: '*/*' }],
      [{ query: aliased, variables: null, operationName: null }, { authorization: `Bearer ${citizenToken}` }],
    ];
    for (const [body, headers] of requests) {
      const { twin, apollo, calledRest } = await both(body, headers);
      expect(twin).toEqual(apollo);
      expect(twin.status).toBe(200);
      expect(calledRest).toBe(true);
    }
  });

  it('leaves to Apollo what the twin does not answer: no match, bad input, a bad token, other operations', async () => {
    const cases: [string, unknown, Record<string, string>?][] = [
      ['wrong last 4 digits', { query: TRACK, variables: { code: codes[0], last4: '9999' } }],
      ['unknown code', { query: TRACK, variables: { code: 'KHONG-CO-HO-SO', last4: '1234' } }],
      ['last 4 not digits', { query: TRACK, variables: { code: codes[0], last4: '12a4' } }],
      ['control character', { query: TRACK, variables: { code: `${codes[0]}\u0000`, last4: '1234' } }],
      ['code too long', { query: TRACK, variables: { code: 'X'.repeat(61), last4: '1234' } }],
      ['path-like code', { query: TRACK, variables: { code: '..', last4: '1234' } }],
      ['missing variable', { query: TRACK, variables: { code: codes[0] } }],
      ['wrong operation name', { query: TRACK, variables: { code: codes[0], last4: '1234' }, operationName: 'Other' }],
      ['unknown field', { query: `{ trackDossier(code: "${codes[0]}", idNumberLast4: "1234") { code applicant } }` }],
      ['with @skip', { query: `{ trackDossier(code: "${codes[0]}", idNumberLast4: "1234") { code status @skip(if: true) } }` }],
      ['with a fragment', { query: `{ trackDossier(code: "${codes[0]}", idNumberLast4: "1234") { ...F } } fragment F on DossierTracking { code }` }],
      ['two root fields', { query: `{ a: trackDossier(code: "${codes[0]}", idNumberLast4: "1234") { code } b: trackDossier(code: "${codes[1]}", idNumberLast4: "1234") { code } }` }],
      ['extensions', { query: TRACK, variables: { code: codes[0], last4: '1234' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }],
      ['a batch', [{ query: TRACK, variables: { code: codes[0], last4: '1234' } }]],
      ['invalid token', { query: TRACK, variables: { code: codes[0], last4: '1234' } }, { authorization: 'Bearer not-a-token' }],
      ['unacceptable media type', { query: TRACK, variables: { code: codes[0], last4: '1234' } }, { accept: 'text/html' }],
    ];
    for (const [name, body, headers] of cases) {
      const { twin, apollo } = await both(body, headers);
      expect({ name, ...twin }).toEqual({ name, ...apollo });
    }
    const unauthenticated = await post(twinBase, cases[14][1], cases[14][2]);
    expect(JSON.parse(unauthenticated.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const badDigits = await post(twinBase, cases[2][1]);
    expect(JSON.parse(badDigits.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.parse((await post(twinBase, cases[0][1])).body)).toEqual({ data: { trackDossier: null } });
  });

  it('answers through Apollo when the REST resource cannot be reached', async () => {
    const { startGateway } = require(join(__dirname, '..', '..', '..', '..', 'gateway', 'src', 'bootstrap.ts')) as { startGateway: StartGateway };
    // A gateway whose REST target for the dossier service points nowhere; its GraphQL still reaches the service.
    const gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: [{ name: 'dossier', url: `${serviceUrl}/graphql` }],
      restTargets: { dossier: 'http://127.0.0.1:9' },
      logger: false,
    } as Parameters<StartGateway>[0]);
    try {
      const base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
      const answer = await post(base, { query: TRACK, variables: { code: codes[0], last4: '1234' } });
      const apollo = await post(apolloBase, { query: TRACK, variables: { code: codes[0], last4: '1234' } });
      expect(answer).toEqual(apollo);
    } finally {
      await gateway.close();
    }
  });
});
