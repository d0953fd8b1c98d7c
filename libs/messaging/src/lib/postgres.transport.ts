import { Client, Pool, type ClientConfig } from 'pg';
import { BusMember } from './postgres-bus/member';
import { pruneBus } from './postgres-bus/pruning';
import { DDL, LOCK, lockKey, quoteIdent } from './postgres-bus/schema';
import { partitionOf, type EventTransport, type MessageHandler, type OutgoingMessage, type Subscription } from './transport';

export interface PostgresTransportOptions {
  /** The bus database (`EVENT_BUS_DATABASE_URL`), e.g. `postgres://…/xaso_bus`. */
  url: string;
  applicationName?: string;
  /** Partitions per topic (key → partition by FNV-1a, as the in-process bus). Default 4. */
  partitions?: number;
  /** Fallback poll interval (ms); NOTIFY wakes consumers earlier. Default 250. */
  pollIntervalMs?: number;
  /** Pause before a message whose handler failed is read again (ms). Default 200. */
  redeliveryDelayMs?: number;
  /** Messages read per partition per round. Default 100. */
  batchSize?: number;
  /** How long a consumer woken by NOTIFY waits for more messages before it reads (ms). Default 50. */
  wakeCoalesceMs?: number;
  /** Connections of the pool used by `send` and setup. Default 4. */
  poolSize?: number;
  /** LISTEN/NOTIFY channel. Default `xaso_bus`. */
  channel?: string;
  /** Called with errors of background loops (lost connection, …); they retry by themselves. */
  onError?: (error: unknown) => void;
  /**
   * Messages older than this (ms) that every consumer group of their topic has passed are
   * deleted. Env `EVENT_BUS_RETENTION_HOURS`, default 7 days.
   */
  retentionMs?: number;
  /** How often the bus is pruned (ms); 0 = never (call `prune()`). Default 1 h, first run 1 min after start. */
  pruneIntervalMs?: number;
}

const ROWS_PER_INSERT = 1_000;

/**
 * A durable event bus in one PostgreSQL database (embedded mode with one worker thread per
 * service: the in-process bus is per thread, this one is shared by every thread and process).
 *
 * - `bus_message`: an append-only log; partition = FNV-1a(key) % partitions. `send` is one
 *   transaction (multi-row INSERT in order) holding `pg_advisory_xact_lock` on each touched
 *   (topic, partition), so within a partition ids are assigned in commit order and a reader can
 *   never see id n+1 committed while id n is still in flight (no skipped messages).
 * - `bus_offset`: per (group, topic, partition) the next id to read (new groups read from the start).
 * - Each subscription is a `BusMember` (postgres-bus/member.ts): its own connection, a poll loop
 *   woken by NOTIFY, one advisory lock per (group, topic, partition) it drains, at-least-once.
 */
export class PostgresTransport implements EventTransport {
  readonly kind = 'postgres' as const;
  private pool?: Pool;
  private listener?: Client;
  private starting?: Promise<void>;
  private pruneTimer?: NodeJS.Timeout;
  private readonly members = new Set<BusMember>();

  constructor(readonly options: PostgresTransportOptions) {}

  /** `EVENT_BUS_DATABASE_URL` → a transport on that bus database, else undefined. */
  static fromEnv(
    applicationName: string,
    env: NodeJS.ProcessEnv = process.env,
    extra: Omit<PostgresTransportOptions, 'url' | 'applicationName'> = {},
  ): PostgresTransport | undefined {
    const url = env.EVENT_BUS_DATABASE_URL?.trim();
    return url ? new PostgresTransport({ ...extra, url, applicationName }) : undefined;
  }

  private get partitions(): number {
    return this.options.partitions ?? 4;
  }

  private get channel(): string {
    return this.options.channel ?? 'xaso_bus';
  }

  private clientConfig(suffix: string): ClientConfig {
    return { connectionString: this.options.url, application_name: `${this.options.applicationName ?? 'xaso'}-bus-${suffix}`.slice(0, 63) };
  }

  private reportError(error: unknown): void {
    this.options.onError?.(error);
  }

  /** Creates the tables if needed and starts listening for NOTIFY. Idempotent. */
  start(): Promise<void> {
    this.starting ??= this.doStart().catch((error: unknown) => {
      this.starting = undefined;
      const pool = this.pool;
      this.pool = undefined;
      void pool?.end().catch(() => undefined);
      throw error;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    const pool = new Pool({ ...this.clientConfig('pool'), max: this.options.poolSize ?? 4 });
    pool.on('error', (error) => this.reportError(error)); // an idle client lost its connection
    this.pool = pool;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, 0)', [LOCK.ddl]);
      try {
        await client.query(DDL);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, 0)', [LOCK.ddl]);
      }
    } finally {
      client.release();
    }
    await this.listen();
    this.schedulePruning(60_000);
  }

  private schedulePruning(ms: number): void {
    const interval = this.options.pruneIntervalMs ?? 3_600_000;
    if (interval <= 0 || !this.pool) return;
    this.pruneTimer = setTimeout(() => {
      void this.prune()
        .catch((error: unknown) => this.reportError(error))
        .finally(() => this.pruneTimer && this.schedulePruning(interval));
    }, ms);
    this.pruneTimer.unref?.();
  }

  private get retentionMs(): number {
    const hours = Number(process.env.EVENT_BUS_RETENTION_HOURS);
    return this.options.retentionMs ?? (Number.isFinite(hours) && hours > 0 ? hours : 7 * 24) * 3_600_000;
  }

  /** Deletes the messages older than the retention that every consumer group of their topic has passed (see `pruneBus`). */
  async prune(options: { olderThanMs?: number; batchSize?: number } = {}): Promise<number> {
    await this.start();
    const pool = this.pool;
    if (!pool) return 0;
    const olderThanMs = Math.round(options.olderThanMs ?? this.retentionMs);
    const batchSize = options.batchSize ?? 1_000;
    return pruneBus(pool, olderThanMs, batchSize);
  }

  /** LISTEN on the channel; best effort (the poll loop is the safety net), reconnects on error. */
  private async listen(): Promise<void> {
    if (!this.pool) return;
    const listener = new Client(this.clientConfig('listen'));
    this.listener = listener;
    listener.on('notification', (n) => {
      const topic = n.payload ?? '';
      for (const member of this.members) if (!topic || member.topics.includes(topic)) member.wake();
    });
    listener.on('error', (error) => {
      this.reportError(error);
      if (this.listener !== listener) return;
      this.listener = undefined;
      void listener.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch((e: unknown) => this.reportError(e)), 1_000).unref?.();
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${quoteIdent(this.channel)}`);
    } catch (error) {
      if (this.listener === listener) this.listener = undefined;
      await listener.end().catch(() => undefined);
      this.reportError(error);
    }
  }

  /** Stops every subscription of this transport (without acknowledging in-flight messages), closes connections. */
  async stop(): Promise<void> {
    clearTimeout(this.pruneTimer);
    this.pruneTimer = undefined;
    const starting = this.starting;
    this.starting = undefined;
    await starting?.catch(() => undefined);
    await Promise.allSettled([...this.members].map((member) => this.leave(member)));
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.start();
    const pool = this.pool;
    if (!pool) throw new Error('PostgresTransport is stopped');
    const rows = messages.map((m) => ({ ...m, partition: partitionOf(m.key, this.partitions) }));
    const partitions = [...new Set(rows.map((r) => r.partition))].sort((a, b) => a - b);
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      // Sorted, so concurrent senders cannot deadlock; held until COMMIT (see class comment).
      for (const partition of partitions) {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.send, lockKey(`${topic}\0${partition}`)]);
      }
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        const params: unknown[] = [topic];
        const values = chunk.map((row) => {
          params.push(row.partition, row.key, row.value, JSON.stringify(row.headers ?? {}));
          const n = params.length;
          return `($1, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
        });
        await client.query(`INSERT INTO bus_message (topic, partition, key, value, headers) VALUES ${values.join(', ')}`, params);
      }
      await client.query('SELECT pg_notify($1, $2)', [this.channel, topic]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    await this.start();
    const member = new BusMember(group, topics, handler, {
      clientConfig: (suffix) => this.clientConfig(suffix),
      partitions: this.partitions,
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      wakeCoalesceMs: this.options.wakeCoalesceMs ?? 50,
      redeliveryDelayMs: this.options.redeliveryDelayMs ?? 200,
      batchSize: this.options.batchSize ?? 100,
      reportError: (error) => this.reportError(error),
    });
    this.members.add(member);
    member.start();
    return { group, topics: member.topics, stop: () => this.leave(member) };
  }

  private leave(member: BusMember): Promise<void> {
    this.members.delete(member);
    return member.stop();
  }

  /** Readiness: `SELECT 1` on the pool; false when stopped, not started or the database does not answer. */
  async isHealthy(): Promise<boolean> {
    const pool = this.pool;
    if (!pool) return false;
    try {
      await pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Messages of a topic not yet acknowledged by a group (tests, metrics). */
  async lag(group: string, topic: string): Promise<number> {
    await this.start();
    const { rows } = await this.pool!.query<{ lag: number }>(
      `SELECT count(*)::int AS lag FROM bus_message m
        WHERE m.topic = $2
          AND m.id >= COALESCE((SELECT next_id FROM bus_offset o WHERE o.group_id = $1 AND o.topic = m.topic AND o.partition = m.partition), 0)`,
      [group, topic],
    );
    return rows[0]?.lag ?? 0;
  }
}
