/** The contract's delivery guarantees: nothing rolled back is published, each event is applied once, order per aggregate. */
import { EventValidationError } from '@xaso/contracts';
import { inTransaction } from '@xaso/persistence';
import { EventConsumer, OutboxOutsideTransactionError } from '../index';
import { type ContractHarness, countedDefinition, waitFor } from './contract-harness';

export function deliveryContract(h: ContractHarness): void {
  const { fixture, relay, consumer, count, newEvent } = h;

  it('refuses to publish outside a transaction or an invalid event', async () => {
    const f = await fixture();
    await expect(f.outbox.publish(newEvent('a', 1))).rejects.toThrow(OutboxOutsideTransactionError);
    await expect(
      inTransaction(h.dataSource, () => f.outbox.publish({ ...newEvent('a', 1), payload: { n: 'x' } as never })),
    ).rejects.toThrow(EventValidationError);
    await expect(inTransaction(h.dataSource, () => f.outbox.publish({ ...newEvent('a', 1), definition: { ...countedDefinition, type: 'test.unknown' } }))).rejects.toThrow(
      EventValidationError,
    );
    expect(await count('SELECT 1 FROM outbox')).toBe(0);
  });

  it('1. never publishes an event whose transaction rolled back', async () => {
    const f = await fixture();
    await expect(
      inTransaction(h.dataSource, async () => {
        await f.outbox.publish(newEvent('rolled-back', 1));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const [committed] = await inTransaction(h.dataSource, () => f.outbox.publish(newEvent('committed', 2)));
    expect(committed.correlationId).toBe(committed.id);
    expect(committed.causationId).toBeNull();

    const c = consumer(f);
    await c.start();
    relay(f.outbox).start();
    await waitFor('the committed event to be applied', async () => (await count('SELECT 1 FROM side_effect')) === 1);
    // Settled once the relay marked the only outbox row sent: nothing else can arrive.
    await waitFor('the outbox row marked sent', async () => (await count('SELECT 1 FROM outbox WHERE sent_at IS NOT NULL')) === 1);
    const rows = await h.dataSource.query('SELECT aggregate_id, event_id FROM side_effect');
    expect(rows).toEqual([{ aggregate_id: 'committed', event_id: committed.id }]);
    expect(await count('SELECT 1 FROM outbox')).toBe(1);
    expect(await count('SELECT 1 FROM outbox WHERE sent_at IS NOT NULL')).toBe(1);
  });

  it('2a. applies an event once when the relay dies after sending and before marking it sent', async () => {
    const f = await fixture();
    const events = await inTransaction(h.dataSource, () => f.outbox.publish([1, 2, 3].map((n) => newEvent(`agg-${n}`, n))));

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
    const perEvent = await h.dataSource.query('SELECT event_id, count(*)::int AS c FROM side_effect GROUP BY event_id ORDER BY event_id');
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
    const [event] = await inTransaction(h.dataSource, () => f.outbox.publish(newEvent('crash-me', 7)));
    relay(f.outbox).start();
    await waitFor('the first consumer to apply it and crash', async () => crashed && (await count('SELECT 1 FROM side_effect')) === 1);
    await waitFor('the first consumer to leave', () => !first.isRunning);

    const second = consumer(f, { hooks: { onDuplicate: (e) => e.id === event.id && duplicates++ } });
    await second.start();
    await waitFor('the second consumer of the group to re-read the event', () => duplicates === 1, 45_000);
    expect(seenByFirst).toBe(1);
    expect(await h.dataSource.query('SELECT event_id, n FROM side_effect')).toEqual([{ event_id: event.id, n: 7 }]);
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
    await inTransaction(h.dataSource, () => f.outbox.publish([newEvent('redo', 1), newEvent('redo', 2)]));
    relay(f.outbox).start();
    await waitFor('the redelivery and the next event', async () => duplicates === 1 && (await count('SELECT 1 FROM side_effect')) === 2);
    expect((await h.dataSource.query(`SELECT n FROM side_effect ORDER BY id`)).map((r: { n: number }) => r.n)).toEqual([1, 2]);
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
          inTransaction(h.dataSource, () =>
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
}
