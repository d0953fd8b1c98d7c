import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { waitUntil } from '@xaso/testing';
import { KafkaTransport } from '../index';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through the root jest config');

const waitFor = (check: () => Promise<boolean>, ms = 20_000) => waitUntil('the lag and handled counts', check, ms);

describe('KafkaTransport lag (admin API) and health', () => {
  it('lag = high watermark − committed offset, per partition, summed, seen from any process; healthy while the producer is connected', async () => {
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
    // Another process: it consumes nothing, and still sees the group's lag.
    const observer = new KafkaTransport({ brokers: brokers.split(','), clientId: 'messaging-observability-observer', logLevel: logLevel.NOTHING });
    const topic = `xaso.kafkaobs.${randomBytes(4).toString('hex')}`;
    const group = `kafkaobs-service-${randomBytes(3).toString('hex')}`;
    expect(await transport.isHealthy()).toBe(false);
    await transport.start();
    expect(await transport.isHealthy()).toBe(true);
    try {
      expect(await observer.lag(group, topic)).toBe(0); // no such topic yet
      await transport.send(topic, Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
      // Nothing consumed yet, no consumer running: the group would read all 8 from the start.
      expect(await observer.lag(group, topic)).toBe(8);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let handled = 0;
      await transport.subscribe(group, [topic], async () => {
        await gate;
        handled++;
      });
      // Handlers are blocked: nothing is committed, the whole backlog is lag.
      await waitFor(async () => handled === 0 && (await transport.lag(group, topic)) === 8);
      release();
      await waitFor(async () => handled === 8 && (await transport.lag(group, topic)) === 0);
      expect(await observer.lag(group, topic)).toBe(0);
      await transport.send(topic, [{ key: 'k0', value: 'late' }, { key: 'k1', value: 'later' }]);
      await waitFor(async () => handled === 10);
      await waitFor(async () => (await observer.lag(group, topic)) === 0);
      expect(await observer.lag('a-group-that-never-ran', topic)).toBe(10);
    } finally {
      await transport.stop();
      await observer.stop();
    }
    expect(await transport.isHealthy()).toBe(false);
  }, 60_000);

  it('creates its topics through the admin API with the configured partitions and retention.ms, before sending', async () => {
    const transport = new KafkaTransport({
      brokers: brokers.split(','),
      clientId: 'messaging-topics',
      logLevel: logLevel.NOTHING,
      topic: { partitions: 3, retentionMs: 3_600_000 },
    });
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'messaging-topics-check', logLevel: logLevel.NOTHING }).admin();
    const topic = `xaso.kafkatopics.${randomBytes(4).toString('hex')}`;
    try {
      await admin.connect();
      await transport.start();
      await transport.send(topic, [{ key: 'a', value: '1' }]);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      if (process.env.KAFKA_MANAGE_TOPICS === 'false') {
        // The kcat mock fallback (no admin API): the broker auto-created it with its own default.
        expect(metadata.topics[0].partitions.length).toBeGreaterThan(0);
        return;
      }
      expect(metadata.topics[0].partitions).toHaveLength(3);
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      });
      expect(configs.resources[0].configEntries.find((c) => c.configName === 'retention.ms')?.configValue).toBe('3600000');
      // A second transport (another process) finds it and leaves it as it is.
      const other = new KafkaTransport({ brokers: brokers.split(','), clientId: 'messaging-topics-2', logLevel: logLevel.NOTHING, topic: { partitions: 8 } });
      await other.ensureTopics([topic]);
      await other.stop();
      expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions).toHaveLength(3);
    } finally {
      await transport.stop();
      await admin.disconnect();
    }
  }, 60_000);
});
