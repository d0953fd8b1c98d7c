/**
 * Two PostgresTransport instances on one bus database, as two worker threads (or processes) of the
 * embedded mode: concurrent start (DDL), delivery across instances, group semantics, per-key order,
 * partition exclusivity within a group and hand-over of an unacknowledged message.
 */
import { createTestDatabase } from '@xaso/testing';
import { partitionOf, PostgresTransport, type IncomingMessage, type Subscription } from '../index';
import { waitFor } from './contract-suite';

describe('PostgresTransport: two instances on one bus database', () => {
  let bus: { url: string; drop(): Promise<void> };
  let a: PostgresTransport;
  let b: PostgresTransport;
  const subscriptions: Subscription[] = [];
  const make = (name: string) =>
    new PostgresTransport({ url: bus.url, applicationName: name, pollIntervalMs: 50, redeliveryDelayMs: 20, batchSize: 7 });

  beforeAll(async () => {
    bus = await createTestDatabase('bus');
    a = make('thread-a');
    b = make('thread-b');
    const c = make('thread-c');
    // Concurrent starters on an empty database: the DDL is serialised, none fails.
    await Promise.all([a.start(), b.start(), c.start()]);
    await c.stop();
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await bus?.drop();
  });

  it('delivers every message once per consumer group, in order per key, whichever instance sent or consumes it', async () => {
    const topic = 'multi.events.v1';
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    const perKey = 20;
    const received = new Map<string, { member: string; key: string; n: number }[]>();
    const member = (group: string, name: string) => async (m: IncomingMessage) => {
      const list = received.get(group) ?? [];
      received.set(group, list);
      const { n } = JSON.parse(m.value!) as { n: number };
      list.push({ member: name, key: m.key!, n });
      expect(m.partition).toBe(partitionOf(m.key, 4));
      expect(m.headers).toEqual({ type: 'test', seq: String(n) });
      await new Promise((r) => setTimeout(r, Math.random() < 0.1 ? 3 : 0)); // now and then a slow handler (work, not a wait)
    };
    // Group one has a member in each instance; group two lives in instance b only.
    subscriptions.push(await a.subscribe('group-one', [topic], member('group-one', 'a')));
    subscriptions.push(await b.subscribe('group-one', [topic], member('group-one', 'b')));
    subscriptions.push(await b.subscribe('group-two', [topic], member('group-two', 'b')));

    // Senders alternate between the instances; each key's messages are sent one after the other,
    // different keys concurrently.
    await Promise.all(
      keys.map(async (key, k) => {
        for (let n = 1; n <= perKey; n++) {
          const sender = (n + k) % 2 ? a : b;
          await sender.send(topic, [{ key, value: JSON.stringify({ n }), headers: { type: 'test', seq: String(n) } }]);
        }
      }),
    );
    // One batch with several keys, in order.
    await a.send(
      topic,
      keys.map((key) => ({ key, value: JSON.stringify({ n: perKey + 1 }), headers: { type: 'test', seq: String(perKey + 1) } })),
    );
    const total = keys.length * (perKey + 1);
    await waitFor('both groups to receive everything', () =>
      (received.get('group-one')?.length ?? 0) >= total && (received.get('group-two')?.length ?? 0) >= total,
    10_000);
    // Nothing more arrives (no duplicates): once both groups acknowledged everything, nothing is read again.
    await waitFor('both groups to acknowledge everything', async () =>
      (await a.lag('group-one', topic)) === 0 && (await b.lag('group-two', topic)) === 0,
    10_000);

    for (const group of ['group-one', 'group-two']) {
      const list = received.get(group)!;
      expect(list).toHaveLength(total);
      for (const key of keys) {
        expect(list.filter((m) => m.key === key).map((m) => m.n)).toEqual(Array.from({ length: perKey + 1 }, (_, i) => i + 1));
      }
    }
    expect(await a.lag('group-one', topic)).toBe(0);
    expect(await b.lag('group-two', topic)).toBe(0);
    expect(await a.lag('group-three', topic)).toBe(total); // a new group reads from the start
  });

  it('never lets two members of a group consume one partition at once; an unacknowledged message goes to the other member', async () => {
    const topic = 'handover.events.v1';
    // Keys on two different partitions.
    const blockedKey = 'blocked';
    const freeKey = ['free-0', 'free-1', 'free-2', 'free-3', 'free-4'].find((k) => partitionOf(k, 4) !== partitionOf(blockedKey, 4))!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seenByA: string[] = [];
    const seenByB: string[] = [];
    const subA = await a.subscribe('handover', [topic], async (m) => {
      seenByA.push(`${m.key}:${m.value}`);
      if (m.key === blockedKey) await gate; // a long handler holds its partition
    });
    subscriptions.push(subA);
    await a.send(topic, [{ key: blockedKey, value: '1' }]);
    await waitFor('member a to take the blocked partition', () => seenByA.includes('blocked:1'), 5_000);

    subscriptions.push(await b.subscribe('handover', [topic], async (m) => void seenByB.push(`${m.key}:${m.value}`)));
    await b.send(topic, [
      { key: blockedKey, value: '2' },
      { key: freeKey, value: '1' },
    ]);
    // The free partition is consumed (by either member: a's stuck handler holds only its own
    // partition); nobody reads past the blocked message while a holds that partition.
    await waitFor('the free partition to be consumed', () => [...seenByA, ...seenByB].includes(`${freeKey}:1`), 5_000);
    // Settled: the free message acknowledged, only blocked:1 (held) and blocked:2 (behind it) left.
    await waitFor('the group to have only the blocked partition left', async () => (await b.lag('handover', topic)) === 2, 5_000);
    expect([...seenByA, ...seenByB].filter((s) => s.startsWith(`${blockedKey}:`))).toEqual(['blocked:1']);

    // a "dies" while handling: it leaves without acknowledging; b gets the message again, then the next.
    const stopping = subA.stop();
    release();
    await stopping;
    await waitFor('b to take over the partition', () => seenByB.includes('blocked:2'), 5_000);
    expect(seenByB.filter((s) => s.startsWith(`${blockedKey}:`))).toEqual(['blocked:1', 'blocked:2']);
    expect(seenByA.filter((s) => s.startsWith(`${blockedKey}:`))).toEqual(['blocked:1']);
  });
  it('acknowledges once per batch: the handled messages before a failure are not read again, the failed one is', async () => {
    const topic = 'batch.events.v1';
    const seen: string[] = [];
    let failOnce = true;
    subscriptions.push(
      await a.subscribe('batch', [topic], async (m) => {
        seen.push(m.value!);
        if (m.value === '3' && failOnce) {
          failOnce = false;
          throw new Error('handler failed once');
        }
      }),
    );
    // One key (one partition), sent in one go: the member reads them in one batch (batchSize 7).
    await a.send(topic, ['1', '2', '3', '4', '5'].map((value) => ({ key: 'k', value })));
    await waitFor('all five handled', async () => seen.includes('5') && (await a.lag('batch', topic)) === 0, 5_000);
    expect(seen).toEqual(['1', '2', '3', '3', '4', '5']);
  });
});
