/**
 * Bursts: the relay sends what a burst of commits published in one cycle, and a consumer on the
 * PostgreSQL bus reads what a burst of sends brought in one round, after a short pause, instead of
 * one cycle or round per commit or NOTIFY (each costs two transactions, or five statements and an
 * offset write, whatever it carries).
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineEvent, EventRegistry } from '@xaso/contracts';
import { inTransaction, openServiceDataSource } from '@xaso/persistence';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import {
  InProcessBus,
  InProcessTransport,
  messagingEntities,
  messagingMigrations,
  Outbox,
  OutboxRelay,
  PostgresTransport,
  type OutgoingMessage,
  type Subscription,
} from '../index';

const SERVICE = 'bursttest';
const noted = defineEvent({ type: 'bursttest.noted', version: 1, source: SERVICE, schema: z.object({ n: z.number() }) });
const registry = new EventRegistry([noted]);

describe('a burst of commits, one relay cycle', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_burst');
    dataSource = await openServiceDataSource({ url: db.url, entities: messagingEntities, migrations: messagingMigrations });
  });
  afterEach(async () => {
    await relay?.stop();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const relayCounting = (coalesceMs: number) => {
    const transport = new InProcessTransport(new InProcessBus());
    const sends: number[] = [];
    const send = transport.send.bind(transport);
    transport.send = (topic: string, messages: OutgoingMessage[]) => {
      sends.push(messages.length);
      return send(topic, messages);
    };
    const outbox = new Outbox({ dataSource, service: SERVICE, registry });
    relay = new OutboxRelay({ dataSource, transport, outbox, coalesceMs, pollIntervalMs: 60_000 });
    relay.start();
    const publishOne = (n: number) =>
      inTransaction(dataSource, () => outbox.publish({ definition: noted, aggregateType: 'Note', aggregateId: `note-${n}`, payload: { n } }));
    return { sends, publishOne };
  };

  it('sends twelve commits made one after the other in one or two sends, each commit only once', async () => {
    const { sends, publishOne } = relayCounting(300);
    for (let n = 0; n < 12; n++) await publishOne(n);
    await waitUntil('all twelve sent', () => sends.reduce((a, b) => a + b, 0) >= 12, 10_000, 20);
    await new Promise((r) => setTimeout(r, 400));
    expect(sends.reduce((a, b) => a + b, 0)).toBe(12);
    expect(sends.length).toBeLessThanOrEqual(2);
  });

  it('with coalescing off, each commit is sent on its own nudge as before', async () => {
    const { sends, publishOne } = relayCounting(0);
    for (let n = 100; n < 106; n++) {
      await publishOne(n);
      await waitUntil('the commit sent', () => sends.reduce((a, b) => a + b, 0) >= n - 99, 5_000, 5);
    }
    expect(sends).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('a burst of sends, one consumer round', () => {
  let bus: { url: string; drop(): Promise<void> };
  const transports: PostgresTransport[] = [];
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    bus = await createTestDatabase('bus_burst');
  });
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    await Promise.all(transports.splice(0).map((t) => t.stop()));
  });
  afterAll(async () => {
    await bus?.drop();
  });

  const consumer = async (wakeCoalesceMs: number, topic: string) => {
    const transport = new PostgresTransport({ url: bus.url, applicationName: 'burst', pollIntervalMs: 60_000, wakeCoalesceMs });
    transports.push(transport);
    await transport.start();
    const delivered: { n: number; at: number }[] = [];
    subscriptions.push(
      await transport.subscribe('burst-group', [topic], async (m) => {
        delivered.push({ n: (JSON.parse(m.value ?? '{}') as { n: number }).n, at: Date.now() });
      }),
    );
    const sendOne = (n: number) => transport.send(topic, [{ key: 'one-key', value: JSON.stringify({ n }), headers: {} }]);
    // Settled: the member has connected, read a first message, and its look after that progress is over.
    await sendOne(-1);
    await waitUntil('the first message delivered', () => delivered.length === 1, 10_000, 5);
    await new Promise((r) => setTimeout(r, wakeCoalesceMs + 200));
    delivered.length = 0;
    return { delivered, sendOne };
  };

  it('waits the coalescing pause after the first NOTIFY, then reads the whole burst in order', async () => {
    const { delivered, sendOne } = await consumer(400, 'burst.coalesced.v1');
    const start = Date.now();
    for (let n = 0; n < 10; n++) await sendOne(n);
    await waitUntil('the burst delivered', () => delivered.length >= 10, 10_000, 20);
    expect(delivered.map((d) => d.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(delivered[0].at - start).toBeGreaterThanOrEqual(300);
    // One round read them all: no second pause between the first and the last.
    expect(delivered[9].at - delivered[0].at).toBeLessThan(300);
  });

  it('with coalescing off, a NOTIFY makes the member read at once', async () => {
    const { delivered, sendOne } = await consumer(0, 'burst.immediate.v1');
    const start = Date.now();
    await sendOne(1);
    await waitUntil('delivered', () => delivered.length >= 1, 10_000, 5);
    expect(delivered[0].at - start).toBeLessThan(300);
  });
});
