import type { INestApplication } from '@nestjs/common';
import { issueDevToken, Role } from '@xaso/auth';
import { startGateway } from './bootstrap';
import { startFakeService, type FakeService } from './test/fake-subgraph';

describe('gateway over a throwaway subgraph', () => {
  let fake: FakeService;
  let gateway: INestApplication;
  let base: string;
  let token: string;

  beforeAll(async () => {
    process.env.AUTH_DEV_ISSUER = 'true';
    process.env.LOG_LEVEL ??= 'warn';
    fake = await startFakeService();
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: [{ name: 'fake', url: fake.graphqlUrl }],
      restRoutes: [{ prefix: '/api/v1/things', service: 'fake' }, { prefix: '/api/v1/absent', service: 'nobody' }],
      logger: false,
    });
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    token = await issueDevToken({ role: Role.OFFICER, unitCode: '00004' });
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.stop();
  });

  const gql = async (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };

  it('answers a query through the supergraph', async () => {
    const { status, body } = await gql('{ hello items(first: 2) { id name } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ hello: 'xin chào', items: [{ id: '0', name: 'item 0' }, { id: '1', name: 'item 1' }] });
  });

  it('forwards Authorization and x-correlation-id to the subgraph', async () => {
    const { body } = await gql('{ whoami { authorization correlationId } }', { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-123' });
    expect(body.data.whoami).toEqual({ authorization: `Bearer ${token}`, correlationId: 'corr-123' });
  });

  it('lets a request without a token through (the subgraph decides), with a new correlation id', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ whoami { authorization correlationId } }' }),
    });
    const body = (await response.json()) as { data: { whoami: { authorization: string | null; correlationId: string } } };
    expect(body.data.whoami.authorization).toBeNull();
    expect(body.data.whoami.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-correlation-id')).toBe(body.data.whoami.correlationId);
  });

  it('refuses a present but invalid token with UNAUTHENTICATED', async () => {
    const forged = await issueDevToken({ role: Role.ADMIN }, 'some-other-secret-that-is-long-enough-0123456789');
    for (const authorization of [`Bearer ${forged}`, 'Bearer not.a.jwt', 'Basic abc']) {
      const { status, body } = await gql('{ hello }', { authorization });
      expect(status).toBe(401);
      expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0].extensions.messageVi).toMatch(/đăng nhập/);
    }
  });

  it('rejects an operation nested too deeply with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ node { ${'child { '.repeat(14)}value${' }'.repeat(14)} } }`;
    // Twice: the second request reuses the parsed document (and its remembered depth).
    for (let i = 0; i < 2; i++) {
      const { status, body } = await gql(deep);
      expect(status).toBe(400);
      expect(body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    }
    for (let i = 0; i < 2; i++) {
      const ok = await gql(`{ node { ${'child { '.repeat(8)}value${' }'.repeat(8)} } }`);
      expect(ok.body.errors).toBeUndefined();
    }
  });

  it('rejects an operation that would cost too much with QUERY_TOO_COMPLEX, counting variables', async () => {
    const { status, body } = await gql('{ items(first: 100) { children(first: 100) { name } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', details: { cost: 10101, maxCost: 5000 } });
    const viaVariables = await gql('query Q($n: Int) { items(first: $n) { children(first: $n) { name } } }', {}, { n: 80 });
    expect(viaVariables.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const small = await gql('query Q($n: Int) { items(first: $n) { children(first: $n) { name } } }', {}, { n: 10 });
    expect(small.body.errors).toBeUndefined();
    // The same text again with a large size: the cost of an operation reading variables is never reused.
    const again = await gql('query Q($n: Int) { items(first: $n) { children(first: $n) { name } } }', {}, { n: 80 });
    expect(again.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // A costly operation without variables is refused every time (its cost is remembered, not its acceptance).
    expect((await gql('{ items(first: 100) { children(first: 100) { name } } }')).body.errors?.[0].extensions).toMatchObject({ details: { cost: 10101 } });
  });

  it('prevents CSRF: a simple GET without a preflight header is refused', async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it('gives every error a code (validation errors included)', async () => {
    const { body } = await gql('{ nope }');
    expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('issues dev tokens when AUTH_DEV_ISSUER=true', async () => {
    const response = await fetch(`${base}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'OFFICER', unitCode: '00004' }),
    });
    expect(response.status).toBe(200);
    const { token: issued } = (await response.json()) as { token: string };
    const { body } = await gql('{ whoami { authorization } }', { authorization: `Bearer ${issued}` });
    expect(body.data.whoami.authorization).toBe(`Bearer ${issued}`);
  });

  it('is ready when every subgraph answers, and exposes metrics', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { 'subgraph:fake': { status: 'up' } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('xaso_http_request_duration_seconds');
    expect(metrics).toContain('service="gateway"');
  });

  it('is not ready while a subgraph’s service is not ready, and says why', async () => {
    fake.setReadiness({ check: 'admin-unit-replica', message: '1000 of the 14149 units merger-service announced' });
    try {
      const notReady = await fetch(`${base}/health/ready`);
      expect(notReady.status).toBe(503);
      // The gateway's own report is problem+json with terminus's `details` (our error filter).
      const report = (await notReady.json()) as { details: Record<string, { status: string; message: string }> };
      expect(report.details['subgraph:fake']).toEqual({
        status: 'down',
        message: '/health/ready 503 (admin-unit-replica: 1000 of the 14149 units merger-service announced)',
      });
    } finally {
      fake.setReadiness(undefined);
    }
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  describe('REST facade', () => {
    it('forwards path, query and headers and returns status, headers and body as they are', async () => {
      const response = await fetch(`${base}/api/v1/things/42?x=1`, { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-rest' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"v1"');
      expect(await response.json()).toEqual({ id: '42', query: { x: '1' }, authorization: `Bearer ${token}`, correlationId: 'corr-rest' });
    });

    it('forwards bodies byte for byte with Idempotency-Key', async () => {
      const body = JSON.stringify({ name: 'Thôn Đông', n: 1 });
      const response = await fetch(`${base}/api/v1/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
        body,
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe('/api/v1/things/new');
      expect(await response.json()).toEqual({ received: body, contentType: 'application/json', idempotencyKey: 'key-1' });
    });

    it('passes problem+json errors through', async () => {
      const response = await fetch(`${base}/api/v1/things/missing`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', instance: '/api/v1/things/missing' });
    });

    it('refuses a bad token with 401 problem+json', async () => {
      const response = await fetch(`${base}/api/v1/things/1`, { headers: { authorization: 'Bearer nope' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('answers 503 for a prefix whose service is not running and 404 for an unknown prefix', async () => {
      expect((await fetch(`${base}/api/v1/absent/1`)).status).toBe(503);
      const unknown = await fetch(`${base}/api/v1/unknown`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    });

    it('serves one merged OpenAPI document and Swagger UI', async () => {
      const response = await fetch(`${base}/api/v1/openapi.json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      expect(Object.keys(document.paths)).toContain('/api/v1/things/{id}');
      expect(document.components.schemas.Thing).toBeDefined();
      const ui = await fetch(`${base}/api/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    });
  });
});
