import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A tiny Federation 2 subgraph with a REST side, standing in for a real service in gateway tests. */
export const FAKE_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    hello: String!
    whoami: Echo!
    items(first: Int = 20): [Item!]!
    node: Node
  }
  type Echo { authorization: String correlationId: String }
  type Item @key(fields: "id") { id: ID! name: String! children(first: Int): [Item!]! }
  type Node { value: Int! child: Node }
`;

export interface FakeService {
  url: string;
  graphqlUrl: string;
  /** What its `/health/ready` says (default ready): a down check and its message, as terminus reports it. */
  setReadiness(down?: { check: string; message: string }): void;
  stop(): Promise<void>;
}

export async function startFakeService(): Promise<FakeService> {
  const node = (depth: number): unknown => ({ value: depth, child: () => node(depth + 1) });
  const schema = buildSubgraphSchema({
    typeDefs: parse(FAKE_SDL),
    resolvers: {
      Query: {
        hello: () => 'xin chào',
        whoami: (_: unknown, __: unknown, ctx: { headers: Record<string, string | undefined> }) => ({
          authorization: ctx.headers.authorization ?? null,
          correlationId: ctx.headers['x-correlation-id'] ?? null,
        }),
        items: (_: unknown, args: { first?: number }) =>
          Array.from({ length: Math.min(args.first ?? 20, 3) }, (_x, i) => ({ id: String(i), name: `item ${i}`, children: [] })),
        node: () => node(0),
      },
    } as never,
  });
  const apollo = new ApolloServer({ schema });
  await apollo.start();

  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, { context: async ({ req }) => ({ headers: req.headers as Record<string, string | undefined> }) }),
  );
  let notReady: { check: string; message: string } | undefined;
  app.get('/health/ready', (_req, res) => {
    if (!notReady) return void res.json({ status: 'ok', info: {}, error: {}, details: {} });
    // As a service's ready report reaches clients (problem+json with terminus's `details`).
    res.status(503).type('application/problem+json').send(JSON.stringify({
      status: 503,
      code: 'INTERNAL_SERVER_ERROR',
      details: { database: { status: 'up' }, [notReady.check]: { status: 'down', message: notReady.message } },
    }));
  });
  app.get('/openapi.json', (_req, res) => {
    res.json({
      openapi: '3.0.3',
      info: { title: 'fake', version: '1' },
      paths: { '/api/v1/things/{id}': { get: { responses: { '200': { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } } },
      components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } } } },
    });
  });
  app.post('/api/v1/things', express.raw({ type: '*/*' }), (req, res) => {
    res.status(201).set('location', '/api/v1/things/new').json({
      received: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : null,
      contentType: req.headers['content-type'],
      idempotencyKey: req.headers['idempotency-key'] ?? null,
    });
  });
  app.get('/api/v1/things/missing', (req, res) => {
    res.status(404).type('application/problem+json').send(JSON.stringify({ type: 'urn:xaso:problem:not-found', status: 404, code: 'NOT_FOUND', detail: 'missing', instance: req.originalUrl }));
  });
  app.get('/api/v1/things/:id', (req, res) => {
    res.set('etag', '"v1"').json({
      id: req.params.id,
      query: req.query,
      authorization: req.headers.authorization ?? null,
      correlationId: req.headers['x-correlation-id'] ?? null,
    });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    setReadiness: (down) => {
      notReady = down;
    },
    stop: async () => {
      await apollo.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
