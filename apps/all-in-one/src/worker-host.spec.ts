import { join } from 'node:path';
import { ServiceWorker, type ServiceWorkerOptions } from './worker-host';

/** The worker-thread protocol, against a fake service (src/test/fake-service.ts). */
describe('ServiceWorker', () => {
  const service = { name: 'fake', definitionPath: join(__dirname, 'test', 'fake-service.ts') };
  const options = (mode: string, extra: Partial<ServiceWorkerOptions> = {}): ServiceWorkerOptions => ({
    port: 0,
    databaseUrl: 'postgres://unused/unused',
    logger: false,
    seed: true,
    env: { ...process.env, FAKE_SERVICE_MODE: mode },
    timeoutMs: 30_000,
    ...extra,
  });

  it('starts the service in its own thread, seeds it, answers on its port and closes on request', async () => {
    const crashes: Error[] = [];
    const worker = await ServiceWorker.start(service, options('ok'), (error) => crashes.push(error));
    expect(worker.port).toBeGreaterThan(0);
    expect(worker.seeded).toBe(true);
    const answer = (await (await fetch(`http://127.0.0.1:${worker.port}/`)).json()) as { thread: number };
    expect(answer.thread).toBe(worker.threadId);
    expect(answer.thread).not.toBe(0);
    await worker.close();
    await expect(fetch(`http://127.0.0.1:${worker.port}/`)).rejects.toThrow();
    expect(crashes).toEqual([]);
  }, 30_000);

  it('rejects with the service’s error when it fails to start', async () => {
    await expect(ServiceWorker.start(service, options('fail'), () => undefined)).rejects.toThrow(/fake-service: boom at start/);
  }, 30_000);

  it('rejects with a clear error and terminates the thread when the service is not ready in time', async () => {
    await expect(ServiceWorker.start(service, options('hang', { timeoutMs: 1_500 }), () => undefined)).rejects.toThrow(
      /fake-service was not ready after 1500 ms/,
    );
  }, 30_000);

  it('reports a crash after start', async () => {
    let crashed: (error: Error) => void = () => undefined;
    const crash = new Promise<Error>((resolve) => (crashed = resolve));
    const worker = await ServiceWorker.start(service, options('crash'), crashed);
    expect((await crash).message).toMatch(/boom after start/);
    await worker.close(); // already gone: resolves
  }, 30_000);

  it('terminates a thread whose app does not close in time', async () => {
    const worker = await ServiceWorker.start(service, options('slow-close', { closeTimeoutMs: 500 }), () => undefined);
    const began = Date.now();
    await worker.close();
    expect(Date.now() - began).toBeLessThan(5_000);
  }, 30_000);
});
