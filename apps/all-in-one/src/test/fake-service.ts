import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a service's bootstrap (worker-host.spec.ts): what the launcher needs of a Nest app
 * (`getHttpServer().address()`, `close()`), steered by FAKE_SERVICE_MODE in the worker's env.
 */
export async function startFakeService(options: { port: number }) {
  const mode = process.env.FAKE_SERVICE_MODE ?? 'ok';
  if (mode === 'fail') throw new Error('boom at start');
  if (mode === 'hang') return new Promise<never>(() => setInterval(() => undefined, 1_000));
  const server: Server = createServer((_req, res) => res.end(JSON.stringify({ thread: require('node:worker_threads').threadId })));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  if (mode === 'crash') {
    setTimeout(() => {
      throw new Error('boom after start');
    }, 200);
  }
  return {
    getHttpServer: () => ({ address: () => server.address() as AddressInfo }),
    close: () =>
      mode === 'slow-close'
        ? new Promise<void>(() => setInterval(() => undefined, 1_000))
        : new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Found by the launcher's naming convention (`import…IfEmpty`). */
export async function importFakeDataIfEmpty(): Promise<{ imported: number }> {
  return { imported: 1 };
}
