import type { DataSource } from 'typeorm';

const HOUR = 3_600_000;

export interface RetentionSettings {
  /** Sent outbox rows older than this are deleted (ms). Env `OUTBOX_RETENTION_HOURS`, default 7 days. */
  outboxMs: number;
  /**
   * Inbox rows older than this are deleted (ms). Env `INBOX_RETENTION_DAYS`, default 14 days: longer
   * than the topics' 7 days of retention, so a redelivered event is still recognised.
   */
  inboxMs: number;
  /** Rows per DELETE statement. Default 1000. */
  batchSize: number;
}

function positive(value: string | undefined): number | undefined {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
  return {
    outboxMs: (positive(env.OUTBOX_RETENTION_HOURS) ?? 7 * 24) * HOUR,
    inboxMs: (positive(env.INBOX_RETENTION_DAYS) ?? 14) * 24 * HOUR,
    batchSize: 1_000,
  };
}

/** Deletes in batches of `batchSize` rows (short transactions, short locks) until a batch comes back short. */
export async function deleteInBatches(run: (batchSize: number) => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

async function deleted(dataSource: DataSource, sql: string, params: unknown[]): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
  return rows[0]?.n ?? 0;
}

/** Sent outbox rows older than `olderThanMs`; unsent rows are never touched. */
export function pruneOutbox(dataSource: DataSource, olderThanMs: number, batchSize = 1_000): Promise<number> {
  return deleteInBatches(
    (limit) =>
      deleted(
        dataSource,
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - ($1::bigint * interval '1 millisecond') LIMIT $2)`,
        [Math.round(olderThanMs), limit],
      ),
    batchSize,
  );
}

/** Inbox rows (applied events) older than `olderThanMs`. */
export function pruneInbox(dataSource: DataSource, olderThanMs: number, batchSize = 1_000): Promise<number> {
  return deleteInBatches(
    (limit) =>
      deleted(
        dataSource,
        `DELETE FROM inbox WHERE (consumer_group, event_id) IN (
           SELECT consumer_group, event_id FROM inbox WHERE processed_at < now() - ($1::bigint * interval '1 millisecond') LIMIT $2)`,
        [Math.round(olderThanMs), limit],
      ),
    batchSize,
  );
}

/**
 * Prunes a service's sent outbox rows and old inbox rows now and then (every `intervalMs`,
 * default 1 h; first run shortly after start). Several replicas may prune at once: the deletes
 * are idempotent.
 */
export class MessagingRetention {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly options: {
      dataSource: DataSource;
      settings?: Partial<RetentionSettings>;
      intervalMs?: number;
      onPruned?: (counts: { outbox: number; inbox: number }) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  private get settings(): RetentionSettings {
    return { ...retentionFromEnv(), ...this.options.settings };
  }

  /** One pass; returns how many rows went. */
  async pruneOnce(): Promise<{ outbox: number; inbox: number }> {
    const { outboxMs, inboxMs, batchSize } = this.settings;
    const outbox = await pruneOutbox(this.options.dataSource, outboxMs, batchSize);
    const inbox = await pruneInbox(this.options.dataSource, inboxMs, batchSize);
    this.options.onPruned?.({ outbox, inbox });
    return { outbox, inbox };
  }

  start(firstRunAfterMs = 60_000): void {
    if (this.timer) return;
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.running = this.pruneOnce()
          .catch((error: unknown) => this.options.onError?.(error))
          .finally(() => {
            this.running = undefined;
            if (this.timer) schedule(this.options.intervalMs ?? HOUR);
          });
      }, ms);
      this.timer.unref?.();
    };
    schedule(firstRunAfterMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
