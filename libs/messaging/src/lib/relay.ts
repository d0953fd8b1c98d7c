import type { DataSource } from 'typeorm';
import { EVENT_HEADERS, type EventEnvelope } from '@xaso/contracts';
import { CoalescingWait } from './coalescing-wait';
import type { Outbox } from './outbox';
import { type EventTransport, type OutgoingMessage } from './transport';


/** Most bytes of message values in one `transport.send` of the relay. */
const RELAY_SEND_MAX_BYTES = 512 * 1024;

export interface RelayedRow {
  id: string;
  seq: string;
  topic: string;
  key: string;
  envelope: EventEnvelope;
  attempts: number;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  transport: EventTransport;
  /** Nudge the relay right after a transaction that published through this outbox commits. */
  outbox?: Outbox;
  /** Idle poll interval (ms). Default 1000. */
  pollIntervalMs?: number;
  /**
   * How long a nudge (a commit) or a cycle that sent something waits for more rows before the next
   * cycle (ms): one cycle (two transactions and a send) for a burst of commits, not one per commit.
   * A full cycle (a backlog) goes on at once. 0 = at once. Default 50.
   */
  coalesceMs?: number;
  /** Most keys (aggregates) taken per cycle. Default 100. */
  keysPerCycle?: number;
  /** Most rows sent per cycle. Default 500. */
  rowsPerCycle?: number;
  /** Backoff after a failed send: initial·2^(attempts-1), capped. Defaults 1000 / 60000 ms. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Called with the unsent row count after every cycle (observability exposes it). */
  onBacklog?: (count: number) => void;
  onError?: (error: unknown) => void;
  /** Fault injection for tests: throw here to simulate dying after sending and before marking sent. */
  hooks?: { afterSendBeforeMark?: (rows: RelayedRow[]) => void | Promise<void> };
  /** Advisory-lock namespace (first key of pg_try_advisory_xact_lock). */
  lockNamespace?: number;
}

export function relayHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    [EVENT_HEADERS.type]: envelope.type,
    [EVENT_HEADERS.version]: String(envelope.version),
    [EVENT_HEADERS.correlationId]: envelope.correlationId,
  };
}

/**
 * Publishes committed outbox rows, in `seq` order per key.
 *
 * Each cycle runs in one transaction: it takes a transaction-scoped advisory lock per key
 * (`pg_try_advisory_xact_lock`, skipping keys another relay holds), reads those keys' unsent rows,
 * sends them, marks them sent and commits — the lock is held while sending, so with any number of
 * relays one key is sent by one relay at a time, and only from its oldest unsent row. A failed send
 * leaves the key's rows unsent and delays its head row with exponential backoff. A crash between
 * send and mark re-sends (at-least-once; consumers deduplicate through the inbox).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly pausing: CoalescingWait;
  private nudged = false;
  private unsubscribe?: () => void;
  private lastBacklog = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pausing = new CoalescingWait(options.coalesceMs ?? 50, () => !this.running);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Last backlog seen by a cycle (cheap; `backlog()` asks the database). */
  get lastBacklogCount(): number {
    return this.lastBacklog;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.outbox?.onCommitted(() => this.nudge());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.pausing.wake();
    await this.loop;
  }

  /** Poll now instead of at the next interval. */
  nudge(): void {
    this.nudged = true;
    this.pausing.wake();
  }

  /** Unsent rows in the outbox. */
  async backlog(): Promise<number> {
    const rows: { count: string }[] = await this.options.dataSource.query(
      'SELECT count(*)::text AS count FROM outbox WHERE sent_at IS NULL',
    );
    return Number(rows[0].count);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
        if (this.options.onBacklog) {
          this.lastBacklog = await this.backlog();
          this.options.onBacklog(this.lastBacklog);
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      if (!this.running) break;
      const more = sent > 0 || this.nudged;
      this.nudged = false;
      if (sent >= (this.options.rowsPerCycle ?? 500)) continue;
      await this.pausing.wait(this.options.pollIntervalMs ?? 1_000, more);
    }
  }

  /** One cycle; returns how many rows were sent. Exposed for tests and one-shot tools. */
  async runOnce(): Promise<number> {
    const { dataSource, transport } = this.options;
    const candidates: { key: string }[] = await dataSource.query(
      `SELECT key FROM (
         SELECT DISTINCT ON (key) key, seq, next_attempt_at FROM outbox WHERE sent_at IS NULL ORDER BY key, seq
       ) head WHERE next_attempt_at <= now() ORDER BY seq LIMIT $1`,
      [this.options.keysPerCycle ?? 100],
    );
    if (!candidates.length) return 0;

    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.connect();
    let sentCount = 0;
    try {
      await queryRunner.startTransaction();
      const locked: { key: string }[] = await queryRunner.query(
        `SELECT k AS key FROM unnest($1::text[]) AS k WHERE pg_try_advisory_xact_lock($2, hashtext(k))`,
        [candidates.map((c) => c.key), this.options.lockNamespace ?? 0x0b0c],
      );
      if (!locked.length) {
        await queryRunner.commitTransaction();
        return 0;
      }
      // Read after the locks are held: a relay that held one of them has committed its marks.
      const rows: (RelayedRow & { due: boolean })[] = await queryRunner.query(
        `SELECT id, seq::text AS seq, topic, key, envelope, attempts, next_attempt_at <= now() AS due
           FROM outbox WHERE key = ANY($1) AND sent_at IS NULL ORDER BY outbox.seq LIMIT $2`,
        [locked.map((l) => l.key), this.options.rowsPerCycle ?? 500],
      );
      // A key whose oldest unsent row is backing off waits entirely.
      const byKey = new Map<string, (RelayedRow & { due: boolean })[]>();
      for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
      const ready = rows.filter((row) => byKey.get(row.key)![0].due);

      const byTopic = new Map<string, RelayedRow[]>();
      for (const row of ready) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      const sent: RelayedRow[] = [];
      const failed: { row: RelayedRow; error: unknown }[] = [];
      for (const [topic, topicRows] of byTopic) {
        const messages: OutgoingMessage[] = topicRows.map((row) => ({
          key: row.key,
          value: JSON.stringify(row.envelope),
          headers: relayHeaders(row.envelope),
        }));
        // Sends of at most ~512 kB (Kafka refuses a record batch above max.message.bytes, 1 MB by default), in order;
        // after a failed send the rest of the topic waits for the next cycle (per-key order holds).
        let from = 0;
        while (from < messages.length) {
          let to = from;
          let bytes = 0;
          while (to < messages.length && (to === from || bytes + messages[to].value.length <= RELAY_SEND_MAX_BYTES)) bytes += messages[to++].value.length;
          const sliceRows = topicRows.slice(from, to);
          try {
            await transport.send(topic, messages.slice(from, to));
            sent.push(...sliceRows);
          } catch (error) {
            const heads = new Set<string>();
            for (const row of sliceRows) {
              if (!heads.has(row.key)) {
                heads.add(row.key);
                failed.push({ row, error });
              }
            }
            break;
          }
          from = to;
        }
      }
      if (sent.length) await this.options.hooks?.afterSendBeforeMark?.(sent);
      if (sent.length) {
        await queryRunner.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [
          sent.map((r) => r.id),
        ]);
      }
      const initial = this.options.backoff?.initialMs ?? 1_000;
      const max = this.options.backoff?.maxMs ?? 60_000;
      for (const { row, error } of failed) {
        const delay = Math.min(max, initial * 2 ** Math.min(row.attempts, 30));
        await queryRunner.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
          [row.id, error instanceof Error ? error.message : String(error), delay],
        );
      }
      await queryRunner.commitTransaction();
      sentCount = sent.length;
      if (failed.length) this.options.onError?.(failed[0].error);
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await queryRunner.release();
    }
    return sentCount;
  }
}

