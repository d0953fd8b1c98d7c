import type { DataSource, EntityManager } from 'typeorm';
import {
  eventRegistry,
  topicFor,
  type EventDefinition,
  type EventEnvelope,
  type EventPayload,
  type EventRegistry,
} from '@xaso/contracts';
import { inTransaction } from '@xaso/persistence';
import { withCorrelation } from './correlation';
import { recordDeadLetter, REPLAY_HEADERS } from './dead-letters';
import { sleep, type EventTransport, type IncomingMessage, type Subscription } from './transport';

export interface HandlerContext {
  /** The transaction's manager: write with it (or anything using `inTransaction`/`managerFor`). */
  manager: EntityManager;
  message: IncomingMessage;
  /** 1 for the first try of this delivery. */
  attempt: number;
}

export type EventHandler<P = unknown> = (event: EventEnvelope<P>, context: HandlerContext) => Promise<void> | void;

export interface EventConsumerOptions {
  dataSource: DataSource;
  transport: EventTransport;
  /** Consumer group, e.g. `evaluation-service`; also the inbox and dead-letter scope. */
  group: string;
  registry?: EventRegistry;
  /** Tries per delivery before the message is dead-lettered; backoff initial·2^(n-1), capped. */
  retry?: { attempts?: number; initialBackoffMs?: number; maxBackoffMs?: number };
  /** Extra topics to subscribe to besides those of the handled event types' sources. */
  topics?: string[];
  onError?: (error: unknown, event: EventEnvelope | undefined, message: IncomingMessage) => void;
  /** Observability/test hooks. */
  hooks?: {
    /** Fault injection: runs after the handler's transaction committed, before the message is acknowledged. */
    afterHandleBeforeAck?: (event: EventEnvelope, message: IncomingMessage) => void | Promise<void>;
    /** An event already applied by this group was delivered again (no-op). */
    onDuplicate?: (event: EventEnvelope) => void;
    onDeadLetter?: (id: string, error: unknown, message: IncomingMessage) => void;
    /** An event of a type this group has no handler for was skipped (acknowledged, not applied). */
    onSkipped?: (type: string, message: IncomingMessage) => void;
  };
}

export type MessageOutcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered';

/**
 * Consumes events for one consumer group: skips (and counts) event types it has no handler for,
 * known to the registry or not (other groups' business, or a newer producer); validates the rest
 * against the registry (malformed, unknown version → dead letter at once), runs the handlers of its type in one
 * transaction that also inserts the inbox row (a redelivered event is a no-op), retries with
 * backoff, then dead-letters (`<topic>.<group>.dlt` + `dead_letter` table). The transport
 * commits the offset only after this returns.
 */
export class EventConsumer {
  readonly group: string;
  private readonly registry: EventRegistry;
  private readonly handlers = new Map<string, EventHandler[]>();
  private subscription?: Subscription;
  private readonly skipped = new Map<string, number>();

  constructor(private readonly options: EventConsumerOptions) {
    this.group = options.group;
    this.registry = options.registry ?? eventRegistry;
  }

  on<D extends EventDefinition>(definition: D, handler: EventHandler<EventPayload<D>>): this;
  on<P = unknown>(type: string, handler: EventHandler<P>): this;
  on(typeOrDefinition: string | EventDefinition, handler: EventHandler<never>): this {
    const type = typeof typeOrDefinition === 'string' ? typeOrDefinition : typeOrDefinition.type;
    if (!this.registry.has(type)) throw new Error(`cannot handle ${type}: no such event type in the registry`);
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler as EventHandler]);
    return this;
  }

  handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  /** Topics of the sources of the handled event types, plus `options.topics`. */
  topics(): string[] {
    const topics = new Set(this.options.topics ?? []);
    for (const type of this.handlers.keys()) {
      for (const definition of this.registry.definitions()) {
        if (definition.type === type) topics.add(topicFor(definition.source));
      }
    }
    return [...topics].sort();
  }

  /** Events skipped per type since start (no handler in this group): `xaso_events_skipped_total`. */
  skippedCounts(): ReadonlyMap<string, number> {
    return this.skipped;
  }

  get isRunning(): boolean {
    return this.subscription !== undefined;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    const topics = this.topics();
    if (!topics.length) return;
    this.subscription = await this.options.transport.subscribe(this.group, topics, (message) => this.handle(message).then(() => undefined));
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  /** Processes one message; rejects only when it must be redelivered (e.g. the database is down). */
  async handle(message: IncomingMessage): Promise<MessageOutcome> {
    const replayFor = message.headers[REPLAY_HEADERS.replayForGroup];
    if (replayFor && replayFor !== this.group) return 'skipped';

    let candidate: unknown;
    try {
      candidate = message.value === null ? undefined : JSON.parse(message.value);
    } catch (error) {
      return this.deadLetter(message, new Error(`message value is not JSON: ${(error as Error).message}`), 1);
    }
    const type = (candidate as { type?: unknown } | null | undefined)?.type;
    if (typeof type === 'string' && !this.handlers.get(type)?.length) {
      this.skipped.set(type, (this.skipped.get(type) ?? 0) + 1);
      this.options.hooks?.onSkipped?.(type, message);
      return 'skipped';
    }
    const validation = this.registry.validate(candidate);
    if (!validation.ok) return this.deadLetter(message, validation.error, 1, candidate);
    const event = validation.envelope;
    const handlers = this.handlers.get(event.type) ?? [];

    const attempts = Math.max(1, this.options.retry?.attempts ?? 5);
    const initial = this.options.retry?.initialBackoffMs ?? 500;
    const max = this.options.retry?.maxBackoffMs ?? 30_000;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let applied: boolean;
      try {
        applied = await inTransaction(this.options.dataSource, async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox (consumer_group, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.group, event.id],
          );
          if (!inserted.length) return false;
          await withCorrelation({ correlationId: event.correlationId, causationId: event.id }, async () => {
            for (const handler of handlers) await handler(event, { manager, message, attempt });
          });
          return true;
        });
      } catch (error) {
        lastError = error;
        this.options.onError?.(error, event, message);
        if (attempt < attempts) await sleep(Math.min(max, initial * 2 ** (attempt - 1)));
        continue;
      }
      if (!applied) this.options.hooks?.onDuplicate?.(event);
      await this.options.hooks?.afterHandleBeforeAck?.(event, message);
      return applied ? 'applied' : 'duplicate';
    }
    return this.deadLetter(message, lastError, attempts, event);
  }

  private async deadLetter(message: IncomingMessage, error: unknown, attempts: number, envelope?: unknown): Promise<MessageOutcome> {
    const id = await recordDeadLetter(this.options.dataSource, this.options.transport, {
      group: this.group,
      message,
      error,
      attempts,
      envelope,
    });
    this.options.hooks?.onDeadLetter?.(id, error, message);
    return 'dead-lettered';
  }
}
