import { createServer } from 'node:net';
import type { TokenVerifier } from '@xaso/auth';
import { gatewayConfig } from '../config';
import { RestProxyMiddleware, UNAVAILABLE_RETRY_AFTER_SECONDS } from './rest-proxy.middleware';

/** A port nothing listens on (taken from the OS, then closed). */
const closedPort = () =>
  new Promise<number>((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });

describe('REST facade: a service that does not answer', () => {
  it('is 503 SUBGRAPH_UNAVAILABLE problem+json with Retry-After, not a 502 without it', async () => {
    const port = await closedPort();
    const config = gatewayConfig({ subgraphs: [{ name: 'dossier', url: `http://127.0.0.1:${port}/graphql` }] }, {});
    const verifier = { verifyAuthorizationHeader: async () => undefined } as unknown as TokenVerifier;
    const middleware = new RestProxyMiddleware(config, verifier);
    const headers: Record<string, string> = {};
    const sent: { status?: number; type?: string; body?: string } = {};
    const res = {
      setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(type: string) {
        sent.type = type;
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
    };
    const req = { method: 'GET', originalUrl: '/api/v1/dossiers/X', headers: {}, socket: { remoteAddress: '127.0.0.1' }, protocol: 'http' };
    const next = jest.fn();
    await middleware.use(req as never, res as never, next);
    expect(next).not.toHaveBeenCalled();
    expect(sent.status).toBe(503);
    expect(sent.type).toBe('application/problem+json');
    expect(headers['retry-after']).toBe(String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(JSON.parse(sent.body!)).toMatchObject({
      status: 503,
      code: 'SUBGRAPH_UNAVAILABLE',
      detail: expect.stringMatching(/dossier service cannot be reached.*try again/),
      detail_vi: expect.stringMatching(/thử lại/),
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      details: { service: 'dossier', reason: 'ECONNREFUSED' },
    });
  });
});
