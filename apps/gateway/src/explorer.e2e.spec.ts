import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startGateway } from './bootstrap';
import { startFakeService, type FakeService } from './test/fake-subgraph';

/** What Chromium and Firefox send when /graphql is typed into the address bar. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const referencedUrls = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);

describe('GraphQL explorer (GraphiQL) at GET /graphql outside production', () => {
  let fake: FakeService;
  let gateway: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    process.env.LOG_LEVEL ??= 'warn';
    fake = await startFakeService();
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'fake', url: fake.graphqlUrl }], logger: false });
    http = request(gateway.getHttpServer());
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.stop();
  });

  it('answers a browser with the explorer page, which loads nothing from outside the gateway', async () => {
    const page = await http.get('/graphql').set('accept', BROWSER_ACCEPT).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root"');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(referencedUrls(page.text).length).toBeGreaterThanOrEqual(4);
    expect(referencedUrls(page.text).every((url) => url.startsWith('/graphql/explorer/'))).toBe(true);
  });

  it('serves every file the page references, and the Monaco workers they name, from the gateway itself', async () => {
    const page = await http.get('/graphql').set('accept', BROWSER_ACCEPT).expect(200);
    const urls = referencedUrls(page.text);
    const start = urls.find((url) => url.endsWith('/start.js'))!;
    const startScript = (await http.get(start).expect(200)).text;
    expect(startScript).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(startScript).toContain('"endpoint":"/graphql"');
    const workerUrls = [...startScript.matchAll(/"(\/graphql\/explorer\/[^"]+\.worker\.js)"/g)].map((m) => m[1]);
    expect(workerUrls).toHaveLength(3);

    for (const url of [...urls, ...workerUrls]) {
      const asset = await http.get(url).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect((asset.body as Buffer).length).toBeGreaterThan(100);
      const type = asset.headers['content-type'];
      if (url.endsWith('.js')) expect(type).toMatch(/^text\/javascript/);
      if (url.endsWith('.css')) expect(type).toMatch(/^text\/css/);
      if (url.endsWith('.ico')) expect(type).toBe('image/x-icon');
      expect(asset.headers['cache-control']).toContain('immutable');
    }
    const bundle = await http.get(urls.find((url) => url.endsWith('/graphiql.js'))!).expect(200);
    expect(bundle.text).toContain('renderYogaGraphiQL');
  });

  it('answers an unknown explorer file with 404, not with GraphQL', async () => {
    const page = await http.get('/graphql').set('accept', BROWSER_ACCEPT).expect(200);
    const base = referencedUrls(page.text)[0].replace(/\/[^/]+$/, '');
    await http.get(`${base}/nope.js`).expect(404);
    await http.get('/graphql/explorer/0.0.0/graphiql.js').expect(404);
  });

  it('keeps GraphQL over HTTP as it was: POST and introspection work, CSRF prevention still refuses simple GETs', async () => {
    const post = await http.post('/graphql').set('content-type', 'application/json').send({ query: '{ hello }' }).expect(200);
    expect(post.body.data).toEqual({ hello: 'xin chào' });
    // What GraphiQL sends to build its docs and completion.
    const introspection = await http.post('/graphql').send({ query: '{ __schema { queryType { name } } }' }).expect(200);
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');

    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json']) {
      const simpleGet = await http.get('/graphql').query({ query: '{ hello }' }).set('accept', accept);
      expect({ accept, status: simpleGet.status }).toEqual({ accept, status: 400 });
      expect(simpleGet.text).toMatch(/CSRF/i);
    }
    const preflighted = await http.get('/graphql').query({ query: '{ hello }' }).set('apollo-require-preflight', 'true').expect(200);
    expect(preflighted.body.data).toEqual({ hello: 'xin chào' });
  });

  it('never runs an operation for a browser navigation: it gets the page, not a result', async () => {
    const navigation = await http.get('/graphql').query({ query: '{ whoami { authorization } }' }).set('accept', BROWSER_ACCEPT).expect(200);
    expect(navigation.headers['content-type']).toMatch(/^text\/html/);
    expect(navigation.text).not.toContain('"data"');
  });
});

describe('GraphQL explorer with NODE_ENV=production', () => {
  let fake: FakeService;
  let gateway: INestApplication;
  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    fake = await startFakeService();
    process.env.NODE_ENV = 'production';
    try {
      gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphs: [{ name: 'fake', url: fake.graphqlUrl }], logger: false });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await fake?.stop();
  });

  it('is not served: a browser gets no page and no explorer files, GraphQL still answers', async () => {
    const http = request(gateway.getHttpServer());
    const navigation = await http.get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(navigation.headers['content-type'] ?? '').not.toMatch(/^text\/html/);
    expect(navigation.text).not.toContain('<div id="root"');
    const { version } = require('@graphql-yoga/render-graphiql/package.json') as { version: string };
    const asset = await http.get(`/graphql/explorer/${version}/graphiql.js`);
    expect(asset.status).not.toBe(200);
    const post = await http.post('/graphql').send({ query: '{ hello }' }).expect(200);
    expect(post.body.data).toEqual({ hello: 'xin chào' });
  });
});
