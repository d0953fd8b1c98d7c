import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntilReady } from './readiness';

/** A /health/ready that answers 503 (problem+json with terminus's details, as the gateway does) until `readyAt`. */
async function healthEndpoint(readyAt: () => boolean): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    calls++;
    if (readyAt()) return void res.end(JSON.stringify({ status: 'ok' }));
    res.writeHead(503, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({
      status: 503,
      details: {
        'subgraph:merger': { status: 'up' },
        'subgraph:dossier': { status: 'down', message: '/health/ready 503 (admin-unit-replica: 1000 of the 14149 units merger-service announced)' },
      },
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/ready`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('waitUntilReady (what npm start waits for before it prints Ready)', () => {
  it('resolves only once /health/ready answers 200', async () => {
    const readyFrom = Date.now() + 800;
    const endpoint = await healthEndpoint(() => Date.now() >= readyFrom);
    try {
      await waitUntilReady(endpoint.url, 10_000);
      expect(Date.now()).toBeGreaterThanOrEqual(readyFrom);
      expect(endpoint.calls()).toBeGreaterThan(1);
    } finally {
      await endpoint.close();
    }
  });

  it('fails after the timeout and says what is still down', async () => {
    const endpoint = await healthEndpoint(() => false);
    try {
      await expect(waitUntilReady(endpoint.url, 1_000)).rejects.toThrow(
        'not ready after 1 s: subgraph:dossier: /health/ready 503 (admin-unit-replica: 1000 of the 14149 units merger-service announced)',
      );
    } finally {
      await endpoint.close();
    }
  });

  it('stops waiting when the launcher is being stopped', async () => {
    const endpoint = await healthEndpoint(() => false);
    try {
      await expect(waitUntilReady(endpoint.url, 10_000, () => true)).rejects.toThrow('stopped while waiting for readiness');
    } finally {
      await endpoint.close();
    }
  });
});
