import { createServer } from 'node:net';
import { logLevel } from 'kafkajs';
import { KafkaTransport } from './kafka.transport';

const closedPort = () =>
  new Promise<number>((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });

describe('KafkaTransport readiness when the broker is away', () => {
  it('reports the transport down once a send failed', async () => {
    const transport = new KafkaTransport({
      brokers: [`127.0.0.1:${await closedPort()}`],
      clientId: 'readiness-spec',
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 10, maxRetryTime: 20 },
      manageTopics: false,
    });
    try {
      const failure = await transport.send('xaso.readiness-spec.v1', [{ key: 'k', value: 'v', headers: {} }]).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      await expect(transport.isHealthy()).rejects.toThrow((failure as Error).message);
    } finally {
      await transport.stop();
    }
  });
});
