import { Client, Pool, type ClientConfig, type QueryResult, type QueryResultRow } from 'pg';
import {
  partitionOf,
  sleep,
  type EventTransport,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type Subscription,
} from './transport';

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

/** First key of the two-int advisory locks, one namespace per purpose (never collide with each other). */
const LOCK = { ddl: 0x7861_0001, send: 0x7861_0002, consume: 0x7861_0003 } as const;

/**
 * The bus tables. Transport infrastructure in the bus's own database (not a service schema, so not
 * a TypeORM migration of any service): created idempotently by `start()`, under an advisory lock
 * so that concurrent starters (several threads/processes) do not race on the catalog.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS bus_message (
  id         bigserial PRIMARY KEY,
  topic      text NOT NULL,
  partition  int NOT NULL,
  key        text,
  value      text,
  headers    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bus_message_topic_partition_id ON bus_message (topic, partition, id);
CREATE INDEX IF NOT EXISTS bus_message_created_at ON bus_message (created_at);
CREATE TABLE IF NOT EXISTS bus_offset (
  group_id   text NOT NULL,
  topic      text NOT NULL,
  partition  int NOT NULL,
  next_id    bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
`;

/** Signed 32-bit FNV-1a (the second key of an advisory lock). */
function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const ROWS_PER_INSERT = 1_000;

interface Member {
  group: string;
  topics: string[];
  handler: MessageHandler;
  stopped: boolean;
  client?: Client;
  wake: () => void;
  loop?: Promise<void>;
  inFlight: Set<Promise<unknown>>;
  /** The member's queries, one after the other on its connection (partitions are drained concurrently). */
  queue: Promise<unknown>;
  /** Partition workers running (`topic\0partition`): a slow handler on one partition does not hold up the others. */
  workers: Map<string, Promise<void>>;
}

/**
 * A durable event bus in one PostgreSQL database (embedded mode with one worker thread per
 * service: the in-process bus is per thread, this one is shared by every thread and process).
 *
 * - `bus_message`: an append-only log; partition = FNV-1a(key) % partitions. `send` is one
 *   transaction (multi-row INSERT in order) holding `pg_advisory_xact_lock` on each touched
 *   (topic, partition), so within a partition ids are assigned in commit order and a reader can
 *   never see id n+1 committed while id n is still in flight (no skipped messages).
 * - `bus_offset`: per (group, topic, partition) the next id to read (new groups read from the start).
 * - Each subscription has its own connection and a poll loop (woken early by NOTIFY). Per
 *   (group, topic, partition) it takes `pg_try_advisory_lock` for the round, so two members of a
 *   group (other threads/processes) never consume one partition at once; the others are free
 *   for them. Messages are handled one by one in id order; `next_id` advances only after the
 *   handler resolved. A rejection stops that partition for the round: the same message is
 *   delivered again later (at-least-once). A connection that dies releases its locks.
 */
export class PostgresTransport implements EventTransport {
  readonly kind = 'postgres' as const;
  private pool?: Pool;
  private listener?: Client;
  private starting?: Promise<void>;
  private pruneTimer?: NodeJS.Timeout;
  private readonly members = new Set<Member>();

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

  /**
   * Deletes, in batches, the messages older than the retention that every consumer group of
   * their topic (every group with an offset on it) has passed on their partition. A group without
   * an offset on that partition has passed nothing there. Returns how many went.
   */
  async prune(options: { olderThanMs?: number; batchSize?: number } = {}): Promise<number> {
    await this.start();
    const pool = this.pool;
    if (!pool) return 0;
    const olderThanMs = Math.round(options.olderThanMs ?? this.retentionMs);
    const batchSize = options.batchSize ?? 1_000;
    let total = 0;
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        `WITH cutoff AS (SELECT now() - ($1::bigint * interval '1 millisecond') AS at),
         parts AS (SELECT DISTINCT topic, partition FROM bus_message, cutoff WHERE created_at < cutoff.at),
         groups AS (SELECT DISTINCT topic, group_id FROM bus_offset),
         -- per partition: the lowest next id over the topic's groups (NULL: no group reads the topic)
         passed AS (
           SELECT p.topic, p.partition, min(CASE WHEN g.group_id IS NULL THEN NULL ELSE COALESCE(o.next_id, 0) END) AS below
             FROM parts p
             LEFT JOIN groups g ON g.topic = p.topic
             LEFT JOIN bus_offset o ON o.group_id = g.group_id AND o.topic = p.topic AND o.partition = p.partition
            GROUP BY p.topic, p.partition),
         gone AS (
           DELETE FROM bus_message WHERE id IN (
             SELECT m.id FROM bus_message m JOIN passed x ON x.topic = m.topic AND x.partition = m.partition, cutoff
              WHERE m.created_at < cutoff.at AND (x.below IS NULL OR m.id < x.below)
              ORDER BY m.id LIMIT $2)
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [olderThanMs, batchSize],
      );
      const n = rows[0]?.n ?? 0;
      total += n;
      if (n < batchSize) return total;
    }
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
    let wakeUp: (() => void) | undefined;
    let pendingWake = false;
    const member: Member = {
      group,
      topics: [...new Set(topics)],
      handler,
      stopped: false,
      inFlight: new Set(),
      queue: Promise.resolve(),
      workers: new Map(),
      wake: () => {
        pendingWake = true;
        wakeUp?.();
      },
    };
    const nap = (ms: number) =>
      new Promise<void>((resolve) => {
        if (pendingWake || member.stopped) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      });
    this.members.add(member);
    member.loop = (async () => {
      let failures = 0;
      while (!member.stopped) {
        pendingWake = false;
        let delay = this.options.pollIntervalMs ?? 250;
        try {
          await this.round(member);
          failures = 0;
        } catch (error) {
          if (member.stopped) break;
          this.reportError(error);
          failures++;
          const client = member.client;
          member.client = undefined; // reconnect next round; ending it releases its locks
          await client?.end().catch(() => undefined);
          delay = Math.min(100 * 2 ** failures, 5_000);
          pendingWake = false;
        }
        await nap(delay);
      }
    })();
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      group,
      topics: member.topics,
      stop: () => (stopped ??= this.leave(member)),
    };
    return subscription;
  }

  private async leave(member: Member): Promise<void> {
    if (!this.members.has(member) && member.stopped) {
      await member.loop;
      return;
    }
    member.stopped = true;
    this.members.delete(member);
    member.wake();
    await Promise.allSettled([...member.inFlight]);
    await member.loop?.catch(() => undefined);
    await Promise.allSettled([...member.workers.values()]);
    const client = member.client;
    member.client = undefined;
    // Ending the session releases its advisory locks.
    await client?.end().catch(() => undefined);
  }

  private async connection(member: Member): Promise<Client> {
    if (member.client) return member.client;
    const client = new Client(this.clientConfig('consume'));
    client.on('error', (error) => this.reportError(error)); // the next query fails; the loop reconnects
    await client.connect();
    if (member.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('subscription stopped');
    }
    member.client = client;
    return client;
  }

  private exec<R extends QueryResultRow = QueryResultRow>(member: Member, client: Client, text: string, values: unknown[]): Promise<QueryResult<R>> {
    const run = member.queue.then(() => client.query<R>(text, values));
    member.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts a worker for each of the member's partitions that has unread messages and no worker yet. */
  private async round(member: Member): Promise<void> {
    const client = await this.connection(member);
    const { rows } = await this.exec<{ topic: string; partition: number }>(
      member,
      client,
      `SELECT t.topic, p.partition
         FROM unnest($2::text[]) AS t(topic)
        CROSS JOIN generate_series(0, $3::int - 1) AS p(partition)
         LEFT JOIN bus_offset o ON o.group_id = $1 AND o.topic = t.topic AND o.partition = p.partition
        WHERE EXISTS (SELECT 1 FROM bus_message m
                       WHERE m.topic = t.topic AND m.partition = p.partition AND m.id >= COALESCE(o.next_id, 0))`,
      [member.group, member.topics, this.partitions],
    );
    for (const { topic, partition } of rows) {
      const slot = `${topic}\0${partition}`;
      if (member.stopped || member.workers.has(slot)) continue;
      const worker = (async () => {
        let again = false;
        try {
          const outcome = await this.consumePartition(member, client, topic, partition);
          // A handler failed: this member retries the message after a pause (another member may take it first).
          if (outcome === 'failed' && !member.stopped) await sleep(this.options.redeliveryDelayMs ?? 200);
          // Look again at once after progress or a failure (something may have arrived while the
          // worker was busy); not after 'locked'/'idle', which would spin: the poll or NOTIFY comes.
          again = outcome === 'failed' || outcome === 'progress';
        } catch (error) {
          if (member.stopped) return;
          this.reportError(error);
          if (member.client === client) {
            member.client = undefined; // reconnect; ending the session releases its locks
            await client.end().catch(() => undefined);
          }
        } finally {
          member.workers.delete(slot);
          if (again && !member.stopped) member.wake();
        }
      })();
      member.workers.set(slot, worker);
    }
  }

  /** Drains one partition while holding its group lock (until it is empty or a handler failed). */
  private async consumePartition(
    member: Member,
    client: Client,
    topic: string,
    partition: number,
  ): Promise<'stopped' | 'locked' | 'idle' | 'progress' | 'failed'> {
    if (member.stopped) return 'stopped';
    const key = lockKey(`${member.group}\0${topic}\0${partition}`);
    const { rows: locked } = await this.exec<{ ok: boolean }>(member, client, 'SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK.consume, key]);
    if (!locked[0]?.ok) return 'locked'; // another member of the group has it
    let consumed = 0;
    try {
      for (;;) {
        if (member.stopped) return 'stopped';
        // Careful: order by the bigint column, not by a text alias of it.
        const { rows } = await this.exec<{ offset: string; key: string | null; value: string | null; headers: Record<string, string> | null }>(
          member,
          client,
          `SELECT id::text AS "offset", key, value, headers FROM bus_message
            WHERE topic = $1 AND partition = $2
              AND id >= COALESCE((SELECT next_id FROM bus_offset WHERE group_id = $3 AND topic = $1 AND partition = $2), 0)
            ORDER BY id LIMIT $4`,
          [topic, partition, member.group, this.options.batchSize ?? 100],
        );
        if (!rows.length) return consumed ? 'progress' : 'idle';
        for (const row of rows) {
          if (member.stopped) return 'stopped';
          const message: IncomingMessage = {
            topic,
            partition,
            offset: row.offset,
            key: row.key,
            value: row.value,
            headers: { ...(row.headers ?? {}) },
          };
          const delivery = Promise.resolve().then(() => member.handler(message));
          member.inFlight.add(delivery);
          try {
            await delivery;
          } catch {
            return 'failed'; // not processed: read it again later
          } finally {
            member.inFlight.delete(delivery);
          }
          if (member.stopped) return 'stopped'; // died before acknowledging: redelivered to the group
          await this.exec(
            member,
            client,
            `INSERT INTO bus_offset (group_id, topic, partition, next_id) VALUES ($1, $2, $3, $4::bigint + 1)
             ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_id = EXCLUDED.next_id, updated_at = now()`,
            [member.group, topic, partition, row.offset],
          );
          consumed++;
        }
      }
    } finally {
      if (!member.stopped) {
        await this.exec(member, client, 'SELECT pg_advisory_unlock($1, $2)', [LOCK.consume, key]).catch(() => undefined);
      }
    }
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

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
