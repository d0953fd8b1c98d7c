/** The contract's failure paths: dead letters and their replay, skipped types, the correlation of caused events. */
import { deadLetterTopic, defineEvent, type EventEnvelope } from '@xaso/contracts';
import { inTransaction } from '@xaso/persistence';
import { EventConsumer, Outbox, replayDeadLetters, type IncomingMessage, type Subscription } from '../index';
import { type ContractHarness, counted, waitFor } from './contract-harness';

export function failuresContract(h: ContractHarness): void {
  const { fixture, relay, consumer, count, newEvent, cleanups } = h;

  it('4. dead-letters a poison message (DLT topic + table) and replays it after the handler is fixed', async () => {
    const f = await fixture();
    let fixed = false;
    const dltMessages: IncomingMessage[] = [];
    const dltSubscription: Subscription = await h.transport.subscribe(`${f.group}-dlt-watch`, [deadLetterTopic(f.topic, f.group)], async (m) => {
      dltMessages.push(m);
    });
    cleanups.push(() => dltSubscription.stop());
    let otherGroupApplied = 0;
    const other = new EventConsumer({ dataSource: h.dataSource, transport: h.transport, group: `${f.group}-other`, registry: f.registry });
    other.on('test.counted', () => {
      otherGroupApplied++;
    });
    cleanups.push(() => other.stop());
    await other.start();

    const c = consumer(f, {}, (event) => {
      if (event.payload.n === 13 && !fixed) throw new Error('cannot handle 13 yet');
    });
    await c.start();
    const [poison] = await inTransaction(h.dataSource, () =>
      f.outbox.publish([newEvent('p-1', 1), newEvent('p-13', 13), newEvent('p-2', 2)]),
    );
    void poison;
    relay(f.outbox).start();
    // Garbage straight onto the topic: dead-lettered at once, never crashes the consumer.
    await h.transport.send(f.topic, [
      { key: 'junk', value: 'not json at all' },
      { key: 'junk', value: JSON.stringify({ hello: 'world' }) },
    ]);

    await waitFor('the good events and three dead letters', async () =>
      (await count('SELECT 1 FROM side_effect')) === 2 &&
      (await count('SELECT 1 FROM dead_letter WHERE consumer_group = $1', [f.group])) === 3,
    );
    const letters: { id: string; event_type: string | null; error: string; attempts: number; replayed_at: Date | null }[] =
      await h.dataSource.query('SELECT id, event_type, error, attempts, replayed_at FROM dead_letter WHERE consumer_group = $1 ORDER BY failed_at', [f.group]);
    const poisonLetter = letters.find((l) => l.event_type === 'test.counted')!;
    expect(poisonLetter.error).toMatch(/cannot handle 13 yet/);
    expect(poisonLetter.attempts).toBe(3);
    expect(letters.filter((l) => l !== poisonLetter).every((l) => l.attempts === 1 && /MALFORMED|JSON/.test(l.error))).toBe(true);
    await waitFor('three messages on the DLT topic', () => dltMessages.length === 3);
    expect(dltMessages.map((m) => m.headers['x-dlt-id']).sort()).toEqual(letters.map((l) => l.id).sort());

    fixed = true;
    const replayed = await replayDeadLetters(h.dataSource, h.transport, { group: f.group, ids: [poisonLetter.id] });
    expect(replayed).toEqual([poisonLetter.id]);
    await waitFor('the replayed event to be applied', async () => (await count('SELECT 1 FROM side_effect WHERE n = 13')) === 1);
    expect(await count('SELECT 1 FROM dead_letter WHERE replayed_at IS NOT NULL')).toBe(1);
    // The other group dead-lettered the two garbage messages too (its own rows, its own DLT topic).
    await waitFor('the other group to dead-letter them', async () =>
      (await count('SELECT 1 FROM dead_letter WHERE consumer_group = $1', [`${f.group}-other`])) === 2,
    );
    expect(await replayDeadLetters(h.dataSource, h.transport, { group: f.group, ids: [poisonLetter.id] })).toEqual([]);
    // Settled once the other group has acknowledged everything on the topic, the replayed copy included.
    await waitFor('the other group to acknowledge the replayed copy', async () => (await h.transport.lag!(`${f.group}-other`, f.topic)) === 0);
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
    const producer = new Outbox({ dataSource: h.dataSource, service: f.service, registry: consumerRegistry.with([newer]) });
    const skipped: string[] = [];
    const c = consumer({ ...f, registry: consumerRegistry }, { hooks: { onSkipped: (type) => skipped.push(type) } });
    await c.start();
    relay(producer).start();
    await inTransaction(h.dataSource, async () => {
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
    const c = new EventConsumer({ dataSource: h.dataSource, transport: h.transport, group: f.group, registry: f.registry });
    c.on<{ n: number }>('test.counted', async (event) => {
      if (event.payload.n === 1) await f.outbox.publish(newEvent(event.aggregateId, 2));
    });
    cleanups.push(() => c.stop());
    await c.start();
    relay(f.outbox).start();
    const [origin] = await inTransaction(h.dataSource, () => f.outbox.publish(newEvent('corr', 1)));
    await waitFor('the follow-up event', async () => (await count('SELECT 1 FROM outbox')) === 2);
    const [follow]: { envelope: EventEnvelope }[] = await h.dataSource.query(
      `SELECT envelope FROM outbox WHERE envelope->>'id' <> $1`,
      [origin.id],
    );
    expect(follow.envelope.correlationId).toBe(origin.correlationId);
    expect(follow.envelope.causationId).toBe(origin.id);
  });
}
