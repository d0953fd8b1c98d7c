import { createTestDatabase } from '@xaso/testing';
import { type AllInOne, startAllInOne } from './all-in-one';

/**
 * The whole back end in one process against the test PostgreSQL server (not embedded, to stay
 * fast), exercised only through the gateway over HTTP, the way a front end or an agency would.
 */
describe('all-in-one through the gateway', () => {
  let system: AllInOne;
  let base: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
    const database = await createTestDatabase('aio_merger');
    drop = database.drop;
    // Read by @xaso/auth and @xaso/observability from process.env when the apps are built.
    process.env.AUTH_DEV_ISSUER = 'true';
    process.env.LOG_LEVEL ??= 'warn';
    system = await startAllInOne({
      port: 0,
      serviceBasePort: 0,
      services: ['merger'],
      strict: true,
      logger: false,
      env: {
        ...process.env,
        DATABASE_URL: serverUrl,
        MERGER_DATABASE_URL: database.url, // an isolated database, seeded with the real units once
      },
    });
    base = system.gatewayUrl;
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await drop?.();
  });

  const token = async (claims: Record<string, unknown>) => {
    const response = await fetch(`${base}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claims),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  const gql = async (query: string, bearer?: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };

  it('started the services with their own databases and reports the phases', () => {
    expect(system.services.map((s) => s.name)).toEqual(['merger']);
    expect(system.embedded).toBe(false);
    expect(Object.keys(system.timings)).toEqual(expect.arrayContaining(['services', 'gateway', 'service:merger']));
  });

  it('answers a code together with a date: 00004 was Phường Trúc Bạch, is Phường Ba Đình', async () => {
    const { body } = await gql(`{
      then: administrativeUnit(code: "00004", asOf: "2024-05-01") { name }
      now: administrativeUnit(code: "00004") { name }
      currentUnitsFor(code: "00004", asOf: "2024-05-01") { code name }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.then.name).toBe('Phường Trúc Bạch');
    expect(body.data.now.name).toBe('Phường Ba Đình');
    expect(body.data.currentUnitsFor).toEqual(expect.arrayContaining([expect.objectContaining({ code: '00004', name: 'Phường Ba Đình' })]));
  });

  it('lets an officer of 00004 create a village there, and refuses an officer of another commune', async () => {
    const mutation = 'mutation($name: String!) { createVillage(communeCode: "00004", name: $name, type: "Tổ dân phố") { code name } }';
    const own = await gql(mutation, await token({ role: 'OFFICER', unitCode: '00004' }), { name: `Tổ dân phố số ${Date.now() % 100000}` });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.createVillage.name).toMatch(/^Tổ dân phố số/);

    const other = await gql(mutation, await token({ role: 'OFFICER', unitCode: '00007' }), { name: 'Tổ dân phố số 99' });
    expect(['FORBIDDEN', 'OUT_OF_UNIT_SCOPE']).toContain(other.body.errors?.[0].extensions.code);

    const anonymous = await gql(mutation, undefined, { name: 'Tổ dân phố số 98' });
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses operations that are too deep or too costly with QUERY_TOO_COMPLEX', async () => {
    const deep = await gql(`{ administrativeUnit(code: "00004") { ${'parent { '.repeat(13)}name${' }'.repeat(13)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const costly = await gql('{ administrativeUnits(first: 100) { edges { node { children(first: 100) { edges { node { name code } } } } } } }');
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a bad token with UNAUTHENTICATED', async () => {
    const { status, body } = await gql('{ administrativeUnit(code: "00004") { name } }', 'not-a-token');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves the REST API through the facade and one OpenAPI document with the merger paths', async () => {
    const unit = await fetch(`${base}/api/v1/administrative-units/00004?asOf=2024-05-01`);
    expect(unit.status).toBe(200);
    expect(await unit.json()).toMatchObject({ code: '00004', name: 'Phường Trúc Bạch' });
    const missing = await fetch(`${base}/api/v1/administrative-units/99999`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const document = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/administrative-units', '/api/v1/administrative-units/{code}']));
  });

  it('is ready and exposes metrics', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { 'subgraph:merger': { status: 'up' } } });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('xaso_http_request_duration_seconds');
  });
});
