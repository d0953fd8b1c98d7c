import { logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { KafkaTransport } from '../index';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through the root jest config');

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('KafkaTransport lag and health (no admin calls)', () => {
  it('lag = high watermark − next offset to handle, per partition, summed; healthy while the producer is connected', async () => {
    const transport = new KafkaTransport({
      brokers: brokers.split(','),
      clientId: 'messaging-observability',
      logLevel: logLevel.NOTHING,
      retry: { retries: 6, initialRetryTime: 50, maxRetryTime: 1_000 },
      sessionTimeout: 6_000,
      heartbeatInterval: 500,
      rebalanceTimeout: 3_000,
      maxWaitTimeInMs: 50,
    });
    const topic = `xaso.kafkaobs.${randomBytes(4).toString('hex')}`;
    const group = 'kafkaobs-service';
    expect(await transport.isHealthy()).toBe(false);
    await transport.start();
    expect(await transport.isHealthy()).toBe(true);
    try {
      await transport.send(topic, Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let handled = 0;
      await transport.subscribe(group, [topic], async () => {
        await gate;
        handled++;
      });
      // Handlers are blocked: every fetched partition reports its whole backlog.
      await waitFor(async () => (await transport.lag(group, topic)) === 8);
      release();
      await waitFor(async () => handled === 8 && (await transport.lag(group, topic)) === 0);
      expect(await transport.lag('another-group', topic)).toBe(0);
    } finally {
      await transport.stop();
    }
    expect(await transport.isHealthy()).toBe(false);
  }, 60_000);
});
