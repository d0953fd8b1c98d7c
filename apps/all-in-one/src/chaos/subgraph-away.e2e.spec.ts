import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import { join } from 'node:path';
import { REPO_ROOT, SERVICES } from '../services';
import { ServiceWorker } from '../worker-host';

type Gql = { status: number; body: { data?: Record<string, any> | null; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] } };

/**
 * A subgraph away (issue 15, item 4): merger and dossier, each in its own worker thread on its own
 * database, behind the real gateway. Dossier is stopped: the gateway still answers merger's fields
 * in full, a query touching both gets merger's part plus a coded SUBGRAPH_UNAVAILABLE error for
 * dossier's, and its readiness names the subgraph that is down. Dossier is started again on the
 * same port and database: everything answers again, the gateway untouched.
 */
describe('a subgraph away and back, through the gateway', () => {
  const databases: Record<string, { url: string; drop(): Promise<void> }> = {};
  const workers: Record<string, ServiceWorker> = {};
  const ports: Record<string, number> = {};
  let env: NodeJS.ProcessEnv;
  let gateway: INestApplication;
  let base: string;
  let token: string;

  const startWorker = async (name: string) => {
    const service = SERVICES.find((s) => s.name === name);
    if (!service) throw new Error(`no ${name} in the catalogue`);
    workers[name] = await ServiceWorker.start(
      service,
      { port: ports[name] ?? 0, databaseUrl: databases[name].url, logger: false, seed: false, env, timeoutMs: 120_000 },
      (error) => {
        throw error;
      },
    );
    if (ports[name] !== undefined && workers[name].port !== ports[name]) throw new Error(`${name} came back on ${workers[name].port}, not ${ports[name]}`);
    ports[name] = workers[name].port;
  };
  const stopWorker = async (name: string) => {
    await workers[name]?.close();
    delete workers[name];
  };

  const gql = async (query: string): Promise<Gql> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Gql['body'] };
  };
  const ready = async () => {
    const response = await fetch(`${base}/health/ready`);
    return (await response.json()) as { details?: Record<string, { status: string; message?: string }> };
  };

  const MERGER_ONLY = '{ administrativeUnits(first: 1) { totalCount } }';
  /** Both subgraphs: merger's root field and dossier's nullable root field. */
  const BOTH = '{ administrativeUnits(first: 1) { totalCount } dossier(code: "NO-SUCH-DOSSIER") { code } }';

  beforeAll(async () => {
    await Promise.all(
      ['merger', 'dossier', 'bus'].map(async (name) => {
        databases[name] = await createTestDatabase(`subgraph_away_${name}`);
      }),
    );
    process.env.AUTH_DEV_ISSUER = 'true';
    process.env.LOG_LEVEL ??= 'warn';
    env = {
      ...process.env,
      SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? join(REPO_ROOT, 'tsconfig.json'),
      HOST: '127.0.0.1',
      EVENT_BUS_DATABASE_URL: databases.bus.url,
      MERGER_DATABASE_URL: databases.merger.url,
      DOSSIER_DATABASE_URL: databases.dossier.url,
    };
    delete env.KAFKA_BROKERS;
    await Promise.all(['merger', 'dossier'].map(startWorker));
    // Loaded by path, as the launcher does: an app never imports another app's code.
    const { startGateway } = require(join(REPO_ROOT, 'apps', 'gateway', 'src', 'bootstrap.ts')) as {
      startGateway(options: { port: number; host?: string; subgraphs: { name: string; url: string }[]; restTargets: Record<string, string>; logger?: false }): Promise<INestApplication>;
    };
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: ['merger', 'dossier'].map((name) => ({ name, url: `http://127.0.0.1:${ports[name]}/graphql` })),
      restTargets: Object.fromEntries(['merger', 'dossier'].map((name) => [name, `http://127.0.0.1:${ports[name]}`])),
      logger: false,
    });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const issued = await fetch(`${base}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'OFFICER', sub: 'officer-away', unitCode: '00004' }),
    });
    token = ((await issued.json()) as { token: string }).token;
  }, 180_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(Object.keys(workers).map(stopWorker));
    await Promise.all(Object.values(databases).map((d) => d.drop().catch(() => undefined)));
  }, 60_000);

  it('with both up, a query touching both answers in full', async () => {
    const { status, body } = await gql(BOTH);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ administrativeUnits: { totalCount: expect.any(Number) }, dossier: null });
  });

  it('with dossier down: merger-only queries in full, a query touching both gets partial data and SUBGRAPH_UNAVAILABLE, readiness names dossier', async () => {
    await stopWorker('dossier');

    const mergerOnly = await gql(MERGER_ONLY);
    expect(mergerOnly.status).toBe(200);
    expect(mergerOnly.body.errors).toBeUndefined();
    expect(mergerOnly.body.data).toEqual({ administrativeUnits: { totalCount: expect.any(Number) } });

    const both = await gql(BOTH);
    expect(both.status).toBe(200);
    expect(both.body.data).toEqual({ administrativeUnits: { totalCount: expect.any(Number) }, dossier: null });
    expect(both.body.errors).toHaveLength(1);
    expect(both.body.errors![0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      messageEn: expect.stringMatching(/dossier service cannot be reached.*try again/),
      messageVi: expect.stringMatching(/Dịch vụ dossier.*thử lại/),
      details: { subgraph: 'dossier' },
    });
    expect(JSON.stringify(both.body)).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace/);

    const report = await ready();
    expect(report.details?.['subgraph:dossier']).toMatchObject({ status: 'down' });
    expect(report.details?.['subgraph:merger']).toMatchObject({ status: 'up' });
  });

  it('once dossier is back on the same port, the same gateway answers both again (no restart)', async () => {
    const restarting = Date.now();
    await startWorker('dossier');
    const back = Date.now();
    await waitUntil('the gateway to answer dossier again', async () => !(await gql(BOTH)).body.errors, 30_000, 100);
    const graphqlRecoveryMs = Date.now() - back;
    await waitUntil('gateway readiness to reach dossier again', async () => !/fetch failed|ECONNREFUSED/.test((await ready()).details?.['subgraph:dossier']?.message ?? ''), 30_000, 100);
    const readyRecoveryMs = Date.now() - back;
    process.stdout.write(`subgraph away: dossier restart ${back - restarting} ms; then the gateway answered it after ${graphqlRecoveryMs} ms, readiness after ${readyRecoveryMs} ms\n`);
    const { body } = await gql(BOTH);
    expect(body).toEqual({ data: { administrativeUnits: { totalCount: expect.any(Number) }, dossier: null } });
  }, 150_000);

  it('a gateway started while dossier is down waits for it (composition needs every subgraph), then answers both', async () => {
    await stopWorker('dossier');
    const { startGateway } = require(join(REPO_ROOT, 'apps', 'gateway', 'src', 'bootstrap.ts')) as {
      startGateway(options: { port: number; host?: string; subgraphs: { name: string; url: string }[]; logger?: false }): Promise<INestApplication>;
    };
    let started = false;
    const second = startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: ['merger', 'dossier'].map((name) => ({ name, url: `http://127.0.0.1:${ports[name]}/graphql` })),
      logger: false,
    }).then((app) => {
      started = true;
      return app;
    });
    try {
      await startWorker('dossier');
      const app = await second;
      expect(started).toBe(true);
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: BOTH }),
      });
      expect(await response.json()).toEqual({ data: { administrativeUnits: { totalCount: expect.any(Number) }, dossier: null } });
    } finally {
      await (await second.catch(() => undefined))?.close();
    }
  }, 150_000);
});
