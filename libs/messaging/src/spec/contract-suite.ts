/**
 * The messaging contract, written once and run against every EventTransport (Kafka on the mock
 * cluster, and the in-process bus): real PostgreSQL via createTestDatabase.
 * Not a spec file itself: `kafka.contract.spec.ts` and `in-process.contract.spec.ts` call it.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { deadLetterTopic, defineEvent, EventRegistry, EventValidationError, type EventEnvelope } from '@xaso/contracts';
import { inTransaction, openServiceDataSource } from '@xaso/persistence';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import {
  EventConsumer,
  messagingEntities,
  messagingMigrations,
  Outbox,
  OutboxOutsideTransactionError,
  OutboxRelay,
  replayDeadLetters,
  type EventConsumerOptions,
  type EventTransport,
  type IncomingMessage,
  type Subscription,
} from '../index';

export const waitFor = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => waitUntil(what, check, timeoutMs);

const counted = z.object({ n: z.number().int() });
/** The type drafts are written against; each fixture registers `test.counted` under its own source. */
const countedDefinition = defineEvent({ type: 'test.counted', version: 1, source: 'test', schema: counted });

export function describeMessagingContract(name: string, makeTransport: () => EventTransport): void {
  describe(`messaging contract over ${name}`, () => {
    const run = randomBytes(4).toString('hex');
    let db: { url: string; drop(): Promise<void> };
    let dataSource: DataSource;
    let transport: EventTransport;
    const cleanups: (() => Promise<unknown>)[] = [];
    let testNo = 0;

    beforeAll(async () => {
      db = await createTestDatabase(`messaging_${name.replace(/\W/g, '_')}`);
      dataSource = await openServiceDataSource({ url: db.url, entities: messagingEntities, migrations: messagingMigrations, poolSize: 20 });
      await dataSource.query(
        `CREATE TABLE side_effect (id bigserial PRIMARY KEY, consumer_group text NOT NULL, event_id uuid NOT NULL, aggregate_id text NOT NULL, n int NOT NULL)`,
      );
      transport = makeTransport();
      await transport.start();
    });

    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
    });

    afterAll(async () => {
      await transport?.stop();
      await dataSource?.destroy();
      await db?.drop();
    });

    /** A fresh service name (so a fresh topic), its event type and registry, a clean outbox. */
    async function fixture() {
      testNo += 1;
      const service = `t${run}-${testNo}`;
      const event = defineEvent({ type: 'test.counted', version: 1, source: service, schema: counted });
      const registry = new EventRegistry([event]);
      const outbox = new Outbox({ dataSource, service, registry });
      await dataSource.query('TRUNCATE outbox, inbox, dead_letter, side_effect');
      const group = `g${run}-${testNo}`;
      return { service, event, registry, outbox, group, topic: outbox.topic };
    }

    function relay(outbox: Outbox, extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) {
      const r = new OutboxRelay({ dataSource, transport, outbox, pollIntervalMs: 50, backoff: { initialMs: 50, maxMs: 500 }, ...extra });
      cleanups.push(() => r.stop());
      return r;
    }

    function consumer(
      f: { registry: EventRegistry; group: string },
      extra: Partial<EventConsumerOptions> = {},
      handler?: (event: EventEnvelope<{ n: number }>) => void | Promise<void>,
    ) {
      const c = new EventConsumer({
        dataSource,
        transport,
        group: f.group,
        registry: f.registry,
        retry: { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 50 },
        ...extra,
      });
      c.on<{ n: number }>('test.counted', async (event, { manager }) => {
        await handler?.(event);
        await manager.query(`INSERT INTO side_effect (consumer_group, event_id, aggregate_id, n) VALUES ($1, $2, $3, $4)`, [
          f.group,
          event.id,
          event.aggregateId,
          event.payload.n,
        ]);
      });
      cleanups.push(() => c.stop());
      return c;
    }

    const count = async (sql: string, params: unknown[] = []) =>
      Number((await dataSource.query(`SELECT count(*)::int AS c FROM (${sql}) q`, params))[0].c);

    const newEvent = (aggregateId: string, n: number) => ({ definition: countedDefinition, aggregateType: 'Counter', aggregateId, payload: { n } });

    it('refuses to publish outside a transaction or an invalid event', async () => {
      const f = await fixture();
      await expect(f.outbox.publish(newEvent('a', 1))).rejects.toThrow(OutboxOutsideTransactionError);
      await expect(
        inTransaction(dataSource, () => f.outbox.publish({ ...newEvent('a', 1), payload: { n: 'x' } as never })),
      ).rejects.toThrow(EventValidationError);
      await expect(inTransaction(dataSource, () => f.outbox.publish({ ...newEvent('a', 1), definition: { ...countedDefinition, type: 'test.unknown' } }))).rejects.toThrow(
        EventValidationError,
      );
      expect(await count('SELECT 1 FROM outbox')).toBe(0);
    });

    it('1. never publishes an event whose transaction rolled back', async () => {
      const f = await fixture();
      await expect(
        inTransaction(dataSource, async () => {
          await f.outbox.publish(newEvent('rolled-back', 1));
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      const [committed] = await inTransaction(dataSource, () => f.outbox.publish(newEvent('committed', 2)));
      expect(committed.correlationId).toBe(committed.id);
      expect(committed.causationId).toBeNull();

      const c = consumer(f);
      await c.start();
      relay(f.outbox).start();
      await waitFor('the committed event to be applied', async () => (await count('SELECT 1 FROM side_effect')) === 1);
      // Settled once the relay marked the only outbox row sent: nothing else can arrive.
      await waitFor('the outbox row marked sent', async () => (await count('SELECT 1 FROM outbox WHERE sent_at IS NOT NULL')) === 1);
      const rows = await dataSource.query('SELECT aggregate_id, event_id FROM side_effect');
      expect(rows).toEqual([{ aggregate_id: 'committed', event_id: committed.id }]);
      expect(await count('SELECT 1 FROM outbox')).toBe(1);
      expect(await count('SELECT 1 FROM outbox WHERE sent_at IS NOT NULL')).toBe(1);
    });

    it('2a. applies an event once when the relay dies after sending and before marking it sent', async () => {
      const f = await fixture();
      const events = await inTransaction(dataSource, () => f.outbox.publish([1, 2, 3].map((n) => newEvent(`agg-${n}`, n))));

      const dying = relay(f.outbox, {
        hooks: {
          afterSendBeforeMark: () => {
            throw new Error('relay killed after send');
          },
        },
      });
      await expect(dying.runOnce()).rejects.toThrow('relay killed after send');
      expect(await dying.backlog()).toBe(3); // sent, but not marked: the transaction rolled back

      let duplicates = 0;
      const c = consumer(f, { hooks: { onDuplicate: () => duplicates++ } });
      await c.start();
      const healthy = relay(f.outbox);
      healthy.start();
      await waitFor('both deliveries of every event', async () => duplicates === 3 && (await count('SELECT 1 FROM side_effect')) === 3);
      expect(await healthy.backlog()).toBe(0);
      const perEvent = await dataSource.query('SELECT event_id, count(*)::int AS c FROM side_effect GROUP BY event_id ORDER BY event_id');
      expect(perEvent).toEqual(events.map((e) => ({ event_id: e.id, c: 1 })).sort((a, b) => a.event_id.localeCompare(b.event_id)));
    });

    it('2b. applies an event once when a consumer dies after its database write and before committing the offset', async () => {
      const f = await fixture();
      let crashed = false;
      let duplicates = 0;
      let seenByFirst = 0;
      const first: EventConsumer = consumer(f, {
        hooks: {
          afterHandleBeforeAck: () => {
            seenByFirst++;
            if (!crashed) {
              crashed = true;
              void first.stop(); // the process dies: it leaves the group without committing
              throw new Error('consumer crashed before committing its offset');
            }
          },
        },
      });
      await first.start();
      const [event] = await inTransaction(dataSource, () => f.outbox.publish(newEvent('crash-me', 7)));
      relay(f.outbox).start();
      await waitFor('the first consumer to apply it and crash', async () => crashed && (await count('SELECT 1 FROM side_effect')) === 1);
      await waitFor('the first consumer to leave', () => !first.isRunning);

      const second = consumer(f, { hooks: { onDuplicate: (e) => e.id === event.id && duplicates++ } });
      await second.start();
      await waitFor('the second consumer of the group to re-read the event', () => duplicates === 1, 45_000);
      expect(seenByFirst).toBe(1);
      expect(await dataSource.query('SELECT event_id, n FROM side_effect')).toEqual([{ event_id: event.id, n: 7 }]);
      expect(await count('SELECT 1 FROM inbox WHERE consumer_group = $1', [f.group])).toBe(1);
    });

    it('2c. redelivers to the same member a message whose processing failed before acknowledgement', async () => {
      const f = await fixture();
      let failedOnce = false;
      let duplicates = 0;
      const c = consumer(f, {
        hooks: {
          onDuplicate: () => duplicates++,
          afterHandleBeforeAck: () => {
            if (!failedOnce) {
              failedOnce = true;
              throw new Error('lost the connection before acknowledging');
            }
          },
        },
      });
      await c.start();
      await inTransaction(dataSource, () => f.outbox.publish([newEvent('redo', 1), newEvent('redo', 2)]));
      relay(f.outbox).start();
      await waitFor('the redelivery and the next event', async () => duplicates === 1 && (await count('SELECT 1 FROM side_effect')) === 2);
      expect((await dataSource.query(`SELECT n FROM side_effect ORDER BY id`)).map((r: { n: number }) => r.n)).toEqual([1, 2]);
    });

    it('3. keeps per-aggregate order across partitions with two relays running', async () => {
      const f = await fixture();
      const aggregates = 24;
      const perAggregate = 15;
      const last = new Map<string, number>();
      const violations: string[] = [];
      const c = consumer(f, {}, (event) => {
        const previous = last.get(event.aggregateId) ?? 0;
        if (event.payload.n !== previous + 1) violations.push(`${event.aggregateId}: ${previous} → ${event.payload.n}`);
        last.set(event.aggregateId, event.payload.n);
      });
      await c.start();
      // Small cycles so the two relays interleave on the same keys.
      relay(f.outbox, { keysPerCycle: 5, rowsPerCycle: 20 }).start();
      relay(f.outbox, { keysPerCycle: 5, rowsPerCycle: 20 }).start();
      for (let n = 1; n <= perAggregate; n++) {
        // Transactions in parallel, each touching every aggregate once per round.
        await Promise.all(
          [0, 1, 2].map((slice) =>
            inTransaction(dataSource, () =>
              f.outbox.publish(
                Array.from({ length: aggregates }, (_, a) => a)
                  .filter((a) => a % 3 === slice)
                  .map((a) => newEvent(`order-${a}`, n)),
              ),
            ),
          ),
        );
      }
      await waitFor('every event to be applied', async () => (await count('SELECT 1 FROM side_effect')) === aggregates * perAggregate, 60_000);
      expect(violations).toEqual([]);
      expect([...last.values()].every((n) => n === perAggregate)).toBe(true);
      expect(last.size).toBe(aggregates);
      const disorder = await count(
        `SELECT 1 FROM (SELECT n, lag(n) OVER (PARTITION BY aggregate_id ORDER BY id) AS prev FROM side_effect) s WHERE prev IS NOT NULL AND n <> prev + 1`,
      );
      expect(disorder).toBe(0);
    }, 90_000);

    it('4. dead-letters a poison message (DLT topic + table) and replays it after the handler is fixed', async () => {
      const f = await fixture();
      let fixed = false;
      const dltMessages: IncomingMessage[] = [];
      const dltSubscription: Subscription = await transport.subscribe(`${f.group}-dlt-watch`, [deadLetterTopic(f.topic, f.group)], async (m) => {
        dltMessages.push(m);
      });
      cleanups.push(() => dltSubscription.stop());
      let otherGroupApplied = 0;
      const other = new EventConsumer({ dataSource, transport, group: `${f.group}-other`, registry: f.registry });
      other.on('test.counted', () => {
        otherGroupApplied++;
      });
      cleanups.push(() => other.stop());
      await other.start();

      const c = consumer(f, {}, (event) => {
        if (event.payload.n === 13 && !fixed) throw new Error('cannot handle 13 yet');
      });
      await c.start();
      const [poison] = await inTransaction(dataSource, () =>
        f.outbox.publish([newEvent('p-1', 1), newEvent('p-13', 13), newEvent('p-2', 2)]),
      );
      void poison;
      relay(f.outbox).start();
      // Garbage straight onto the topic: dead-lettered at once, never crashes the consumer.
      await transport.send(f.topic, [
        { key: 'junk', value: 'not json at all' },
        { key: 'junk', value: JSON.stringify({ hello: 'world' }) },
      ]);

      await waitFor('the good events and three dead letters', async () =>
        (await count('SELECT 1 FROM side_effect')) === 2 &&
        (await count('SELECT 1 FROM dead_letter WHERE consumer_group = $1', [f.group])) === 3,
      );
      const letters: { id: string; event_type: string | null; error: string; attempts: number; replayed_at: Date | null }[] =
        await dataSource.query('SELECT id, event_type, error, attempts, replayed_at FROM dead_letter WHERE consumer_group = $1 ORDER BY failed_at', [f.group]);
      const poisonLetter = letters.find((l) => l.event_type === 'test.counted')!;
      expect(poisonLetter.error).toMatch(/cannot handle 13 yet/);
      expect(poisonLetter.attempts).toBe(3);
      expect(letters.filter((l) => l !== poisonLetter).every((l) => l.attempts === 1 && /MALFORMED|JSON/.test(l.error))).toBe(true);
      await waitFor('three messages on the DLT topic', () => dltMessages.length === 3);
      expect(dltMessages.map((m) => m.headers['x-dlt-id']).sort()).toEqual(letters.map((l) => l.id).sort());

      fixed = true;
      const replayed = await replayDeadLetters(dataSource, transport, { group: f.group, ids: [poisonLetter.id] });
      expect(replayed).toEqual([poisonLetter.id]);
      await waitFor('the replayed event to be applied', async () => (await count('SELECT 1 FROM side_effect WHERE n = 13')) === 1);
      expect(await count('SELECT 1 FROM dead_letter WHERE replayed_at IS NOT NULL')).toBe(1);
      // The other group dead-lettered the two garbage messages too (its own rows, its own DLT topic).
      await waitFor('the other group to dead-letter them', async () =>
        (await count('SELECT 1 FROM dead_letter WHERE consumer_group = $1', [`${f.group}-other`])) === 2,
      );
      expect(await replayDeadLetters(dataSource, transport, { group: f.group, ids: [poisonLetter.id] })).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(otherGroupApplied).toBe(3); // the replay targeted one group; the other ignored it
      expect(await count('SELECT 1 FROM side_effect')).toBe(3);
    });

    it('skips (and counts) event types the group has no handler for, known to its registry or not; dead-letters none of them', async () => {
      const f = await fixture();
      // Known to the consumer's registry, but this group does not handle it.
      const unhandled = defineEvent({ type: 'test.unhandled', version: 1, source: f.service, schema: counted });
      // Unknown to the consumer's registry (a newer producer's type).
      const newer = defineEvent({ type: 'test.from-the-future', version: 1, source: f.service, schema: counted });
      const consumerRegistry = f.registry.with([unhandled]);
      const producer = new Outbox({ dataSource, service: f.service, registry: consumerRegistry.with([newer]) });
      const skipped: string[] = [];
      const c = consumer({ ...f, registry: consumerRegistry }, { hooks: { onSkipped: (type) => skipped.push(type) } });
      await c.start();
      relay(producer).start();
      await inTransaction(dataSource, async () => {
        await producer.publish({ ...newEvent('s-1', 1), definition: unhandled });
        await producer.publish({ ...newEvent('s-1', 2), definition: newer });
        await producer.publish(newEvent('s-1', 3));
        await producer.publish({ ...newEvent('s-1', 4), definition: newer });
      });
      await waitFor('the handled event after the skipped ones', async () => (await count('SELECT 1 FROM side_effect')) === 1 && skipped.length === 3);
      expect(skipped.sort()).toEqual(['test.from-the-future', 'test.from-the-future', 'test.unhandled']);
      expect(Object.fromEntries(c.skippedCounts())).toEqual({ 'test.from-the-future': 2, 'test.unhandled': 1 });
      expect(await count('SELECT 1 FROM dead_letter')).toBe(0);
      expect(await count('SELECT 1 FROM inbox')).toBe(1);
    });

    it('carries the correlation: events published by a handler are caused by the handled event', async () => {
      const f = await fixture();
      const c = new EventConsumer({ dataSource, transport, group: f.group, registry: f.registry });
      c.on<{ n: number }>('test.counted', async (event) => {
        if (event.payload.n === 1) await f.outbox.publish(newEvent(event.aggregateId, 2));
      });
      cleanups.push(() => c.stop());
      await c.start();
      relay(f.outbox).start();
      const [origin] = await inTransaction(dataSource, () => f.outbox.publish(newEvent('corr', 1)));
      await waitFor('the follow-up event', async () => (await count('SELECT 1 FROM outbox')) === 2);
      const [follow]: { envelope: EventEnvelope }[] = await dataSource.query(
        `SELECT envelope FROM outbox WHERE envelope->>'id' <> $1`,
        [origin.id],
      );
      expect(follow.envelope.correlationId).toBe(origin.correlationId);
      expect(follow.envelope.causationId).toBe(origin.id);
    });
  });
}
