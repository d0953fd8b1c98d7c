import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@xaso/persistence';
import { waitUntil } from '@xaso/testing';
import { citizen, type DossierTestApp, officer, startDossierTestApp, SUBMIT, submitInput } from '../../../test/dossier-test-app';

/**
 * PostgreSQL away (issue 15, item 3): the service runs on a throw-away embedded PostgreSQL of its
 * own (never the shared server, which other test runs use); the server is stopped under it, once
 * in the middle of a transition, and started again on the same data folder and port. Meanwhile
 * every call is a coded "try again" (GraphQL SERVICE_UNAVAILABLE, REST 503 problem+json with
 * Retry-After), readiness reports the database down, nothing is half-written, and the same app
 * answers again without a restart once the server is back.
 */
describe('PostgreSQL away and back (a throw-away embedded server)', () => {
  const dataDir = join(tmpdir(), `xaso-pg-away-${process.pid}-${randomBytes(4).toString('hex')}`);
  let pg: EmbeddedPostgresHandle | undefined;
  let port: number;
  let t: DossierTestApp;
  let officerToken: string;
  let citizenToken: string;
  let code: string;
  /** Set by a test: the transition hook stops the server between reading the dossier and writing it. */
  let stopInsideTransition = false;

  const startServer = async () => {
    pg = await startEmbeddedPostgres({ dataDir, port: port ?? 0, persistent: true });
    const started = Number(new URL(pg.url).port);
    if (port !== undefined && started !== port) throw new Error(`the embedded server came back on ${started}, not ${port}`);
    port = started;
  };
  const stopServer = async () => {
    await pg?.stop();
    pg = undefined;
  };
  const server = () => t.app.getHttpServer();
  const readDossier = () => t.gql<{ dossier: { status: string; version: number; history: { action: string }[] } }>(
    officerToken, `query($code: ID!) { dossier(code: $code) { status version history { action } } }`, { code },
  );
  const expectTryAgainGraphQL = (result: Awaited<ReturnType<DossierTestApp['gql']>>) => {
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      messageEn: expect.stringMatching(/try again/),
      messageVi: expect.stringMatching(/thử lại/),
      retryAfterSeconds: 5,
    });
    expect(JSON.stringify(result.errors)).not.toMatch(/stack|at .*\.ts|Connection terminated|ECONNREFUSED/);
  };
  const expectTryAgainRest = (res: request.Response) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: expect.stringMatching(/try again/), detail_vi: expect.stringMatching(/thử lại/) });
    expect(res.text).not.toMatch(/stack|at .*\.ts|Connection terminated|ECONNREFUSED/);
  };

  beforeAll(async () => {
    await startServer();
    t = await startDossierTestApp('dossier_db_away', {
      consumeEvents: false,
      transport: new InProcessTransport(new InProcessBus()),
      databaseServerUrl: pg!.url,
      observability: true,
      hooks: {
        beforeWrite: async () => {
          if (!stopInsideTransition) return;
          stopInsideTransition = false;
          await stopServer();
        },
      },
    });
    officerToken = await t.token(officer(t.unitA));
    citizenToken = await t.token(citizen('citizen-away', '001090001234'));
    const submitted = await t.gql<{ submitDossier: { code: string } }>(citizenToken, SUBMIT, { input: submitInput(t.unitA) });
    expect(submitted.errors).toBeUndefined();
    code = submitted.data!.submitDossier.code;
  }, 120_000);

  afterAll(async () => {
    if (!pg) await startServer().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await stopServer().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a transition whose database goes away mid-transaction fails with SERVICE_UNAVAILABLE and leaves nothing written', async () => {
    stopInsideTransition = true;
    const result = await t.gql(officerToken, `mutation($code: ID!) { startProcessing(code: $code) { status version } }`, { code });
    expect(pg).toBeUndefined(); // the hook did stop the server inside the transaction
    expectTryAgainGraphQL(result);
  });

  it('while it is away: GraphQL SERVICE_UNAVAILABLE, REST 503 problem+json with Retry-After, readiness says database down', async () => {
    expectTryAgainGraphQL(await readDossier());
    expectTryAgainGraphQL(await t.gql(citizenToken, SUBMIT, { input: submitInput(t.unitA) }));
    expectTryAgainRest(await request(server()).get(`/api/v1/dossiers/${code}`).set('authorization', `Bearer ${officerToken}`));
    expectTryAgainRest(await request(server()).get('/api/v1/procedures'));
    expectTryAgainRest(
      await request(server()).post('/api/v1/dossiers').set('authorization', `Bearer ${citizenToken}`).send(submitInput(t.unitA)),
    );
    const ready = await request(server()).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.database.status).toBe('down');
  });

  it('once the server is back on the same data folder and port, the same app answers again (no restart), nothing half-written', async () => {
    const restarting = Date.now();
    await startServer();
    const back = Date.now();
    await waitUntil('GraphQL to answer again', async () => !(await readDossier()).errors, 30_000, 100);
    const graphqlRecoveryMs = Date.now() - back;
    await waitUntil('REST to answer again', async () => (await request(server()).get(`/api/v1/dossiers/${code}`).set('authorization', `Bearer ${officerToken}`)).status === 200, 30_000, 100);
    const restRecoveryMs = Date.now() - back;
    await waitUntil('readiness to see the database', async () => (await request(server()).get('/health/ready')).body?.details?.database?.status === 'up', 30_000, 100);
    const readyRecoveryMs = Date.now() - back;
    process.stdout.write(`database away: server restart ${back - restarting} ms; then recovered: GraphQL ${graphqlRecoveryMs} ms, REST ${restRecoveryMs} ms, readiness ${readyRecoveryMs} ms\n`);
    expect(graphqlRecoveryMs).toBeLessThan(30_000);

    // The interrupted transition and the submissions tried while away left nothing behind.
    const after = await readDossier();
    expect(after.data!.dossier).toMatchObject({ status: 'RECEIVED', version: 1, history: [expect.anything()] });
    const mine = await t.gql<{ dossiers: { totalCount: number } }>(citizenToken, '{ dossiers { totalCount } }');
    expect(mine.data!.dossiers.totalCount).toBe(1);

    // Writes work again: the same transition now commits.
    const started = await t.gql<{ startProcessing: { status: string; version: number } }>(
      officerToken, `mutation($code: ID!) { startProcessing(code: $code) { status version } }`, { code },
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.startProcessing.version).toBe(2);
  }, 60_000);
});
