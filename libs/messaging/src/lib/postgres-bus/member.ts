import { Client, type ClientConfig, type QueryResult, type QueryResultRow } from 'pg';
import { sleep, type IncomingMessage, type MessageHandler } from '../transport';
import { CoalescingWait } from '../coalescing-wait';
import { LOCK, lockKey } from './schema';

/** What a member needs from its transport. */
export interface BusMemberSettings {
  clientConfig(suffix: string): ClientConfig;
  partitions: number;
  /** Fallback poll interval (ms); NOTIFY wakes the member earlier. */
  pollIntervalMs: number;
  /**
   * How long a wake-up (NOTIFY, a worker's progress) waits for more before the member looks (ms):
   * one round for what a burst of sends brought instead of one per send. 0 = look at once.
   */
  wakeCoalesceMs: number;
  /** Pause before a message whose handler failed is read again (ms). */
  redeliveryDelayMs: number;
  /** Messages read per partition per round. */
  batchSize: number;
  reportError(error: unknown): void;
}

type PartitionOutcome = 'stopped' | 'locked' | 'idle' | 'progress' | 'failed';

/**
 * One subscription of a consumer group on the PostgreSQL bus: its own connection and a poll loop
 * (woken early by NOTIFY). Per (group, topic, partition) it takes `pg_try_advisory_lock` for the
 * round, so two members of a group (other threads/processes) never consume one partition at once.
 * Messages are handled one by one in id order; `next_id` advances past the handled ones only
 * after their handlers resolved, once per batch read. A rejection stops that partition for the
 * round: the same message is delivered again later (at-least-once). A connection that dies
 * releases its locks.
 */
export class BusMember {
  readonly topics: string[];
  private stopped = false;
  private client?: Client;
  private loop?: Promise<void>;
  private stopping?: Promise<void>;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The member's queries, one after the other on its connection (partitions are drained concurrently). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Partition workers running (`topic\0partition`): a slow handler on one partition does not hold up the others. */
  private readonly workers = new Map<string, Promise<void>>();
  private pendingWake = false;
  private readonly napping: CoalescingWait;

  constructor(
    readonly group: string,
    topics: string[],
    private readonly handler: MessageHandler,
    private readonly settings: BusMemberSettings,
  ) {
    this.topics = [...new Set(topics)];
    this.napping = new CoalescingWait(settings.wakeCoalesceMs, () => this.stopped);
  }

  /** Starts the poll loop. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Makes the member look at its partitions now (NOTIFY, or a worker that made progress). */
  wake(): void {
    this.pendingWake = true;
    this.napping.wake();
  }

  /** Stops without acknowledging in-flight messages; waits for the loop and the workers, ends the connection. Idempotent. */
  stop(): Promise<void> {
    return (this.stopping ??= this.leave());
  }

  private async leave(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.allSettled([...this.inFlight]);
    await this.loop?.catch(() => undefined);
    await Promise.allSettled([...this.workers.values()]);
    const client = this.client;
    this.client = undefined;
    // Ending the session releases its advisory locks.
    await client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.pendingWake = false;
      let delay = this.settings.pollIntervalMs;
      try {
        await this.round();
        failures = 0;
      } catch (error) {
        if (this.stopped) break;
        this.settings.reportError(error);
        failures++;
        const client = this.client;
        this.client = undefined; // reconnect next round; ending it releases its locks
        await client?.end().catch(() => undefined);
        delay = Math.min(100 * 2 ** failures, 5_000);
        this.pendingWake = false;
      }
      await this.napping.wait(delay, this.pendingWake);
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client(this.settings.clientConfig('consume'));
    client.on('error', (error) => this.settings.reportError(error)); // the next query fails; the loop reconnects
    await client.connect();
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('subscription stopped');
    }
    this.client = client;
    return client;
  }

  private exec<R extends QueryResultRow = QueryResultRow>(client: Client, text: string, values: unknown[]): Promise<QueryResult<R>> {
    const run = this.queue.then(() => client.query<R>(text, values));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts a worker for each of the member's partitions that has unread messages and no worker yet. */
  private async round(): Promise<void> {
    const client = await this.connection();
    const { rows } = await this.exec<{ topic: string; partition: number }>(
      client,
      `SELECT t.topic, p.partition
         FROM unnest($2::text[]) AS t(topic)
        CROSS JOIN generate_series(0, $3::int - 1) AS p(partition)
         LEFT JOIN bus_offset o ON o.group_id = $1 AND o.topic = t.topic AND o.partition = p.partition
        WHERE EXISTS (SELECT 1 FROM bus_message m
                       WHERE m.topic = t.topic AND m.partition = p.partition AND m.id >= COALESCE(o.next_id, 0))`,
      [this.group, this.topics, this.settings.partitions],
    );
    for (const { topic, partition } of rows) {
      const slot = `${topic}\0${partition}`;
      if (this.stopped || this.workers.has(slot)) continue;
      this.workers.set(slot, this.work(client, slot, topic, partition));
    }
  }

  private async work(client: Client, slot: string, topic: string, partition: number): Promise<void> {
    let again = false;
    try {
      const outcome = await this.consumePartition(client, topic, partition);
      // A handler failed: this member retries the message after a pause (another member may take it first).
      if (outcome === 'failed' && !this.stopped) await sleep(this.settings.redeliveryDelayMs);
      // Look again at once after progress or a failure (something may have arrived while the
      // worker was busy); not after 'locked'/'idle', which would spin: the poll or NOTIFY comes.
      again = outcome === 'failed' || outcome === 'progress';
    } catch (error) {
      if (this.stopped) return;
      this.settings.reportError(error);
      if (this.client === client) {
        this.client = undefined; // reconnect; ending the session releases its locks
        await client.end().catch(() => undefined);
      }
    } finally {
      this.workers.delete(slot);
      if (again && !this.stopped) this.wake();
    }
  }

  /** Drains one partition while holding its group lock (until it is empty or a handler failed). */
  private async consumePartition(client: Client, topic: string, partition: number): Promise<PartitionOutcome> {
    if (this.stopped) return 'stopped';
    const key = lockKey(`${this.group}\0${topic}\0${partition}`);
    const { rows: locked } = await this.exec<{ ok: boolean }>(client, 'SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK.consume, key]);
    if (!locked[0]?.ok) return 'locked'; // another member of the group has it
    let consumed = 0;
    /** Offset of the last handled message not acknowledged yet: one offset write per batch, not per message. */
    let handled: string | undefined;
    const acknowledge = async () => {
      if (handled === undefined) return;
      const offset = handled;
      handled = undefined;
      await this.exec(
        client,
        `INSERT INTO bus_offset (group_id, topic, partition, next_id) VALUES ($1, $2, $3, $4::bigint + 1)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_id = EXCLUDED.next_id, updated_at = now()`,
        [this.group, topic, partition, offset],
      );
    };
    try {
      for (;;) {
        if (this.stopped) return 'stopped';
        // Careful: order by the bigint column, not by a text alias of it.
        const { rows } = await this.exec<{ offset: string; key: string | null; value: string | null; headers: Record<string, string> | null }>(
          client,
          `SELECT id::text AS "offset", key, value, headers FROM bus_message
            WHERE topic = $1 AND partition = $2
              AND id >= COALESCE((SELECT next_id FROM bus_offset WHERE group_id = $3 AND topic = $1 AND partition = $2), 0)
            ORDER BY id LIMIT $4`,
          [topic, partition, this.group, this.settings.batchSize],
        );
        if (!rows.length) return consumed ? 'progress' : 'idle';
        for (const row of rows) {
          if (this.stopped) break;
          const message: IncomingMessage = { topic, partition, offset: row.offset, key: row.key, value: row.value, headers: { ...(row.headers ?? {}) } };
          if (!(await this.deliver(message))) break; // not processed: read it again later
          if (this.stopped) break; // died before acknowledging this one: redelivered to the group
          handled = row.offset;
          consumed++;
        }
        // The handled ones up to a failure or a stop are acknowledged; a crash before this line
        // delivers the batch again (at-least-once; the consumers' inbox drops the duplicates).
        const complete = handled === rows[rows.length - 1].offset;
        await acknowledge();
        if (this.stopped) return 'stopped';
        if (!complete) return 'failed';
        // A short batch drained the partition: no empty read to prove it. What arrived meanwhile
        // is found by the look the worker asks for after progress.
        if (rows.length < this.settings.batchSize) return 'progress';
      }
    } finally {
      if (!this.stopped) {
        await this.exec(client, 'SELECT pg_advisory_unlock($1, $2)', [LOCK.consume, key]).catch(() => undefined);
      }
    }
  }

  /** Hands one message to the handler; true when it resolved. */
  private async deliver(message: IncomingMessage): Promise<boolean> {
    const delivery = Promise.resolve().then(() => this.handler(message));
    this.inFlight.add(delivery);
    try {
      await delivery;
      return true;
    } catch {
      return false;
    } finally {
      this.inFlight.delete(delivery);
    }
  }
}
