import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  eventRegistry,
  topicFor,
  type EventDefinition,
  type EventDraft,
  type EventEnvelope,
  type EventOf,
  type EventRegistry,
} from '@xaso/contracts';
import { currentManager, queryRows } from '@xaso/persistence';
import { currentCorrelation } from './correlation';

/**
 * What a use case publishes: a draft tied to its contract definition (type, version and payload
 * type come from it); the outbox fills in the rest of the envelope.
 */
export interface NewEvent<D extends EventDefinition = EventDefinition> extends EventDraft<D> {
  /** Default: a new UUIDv7. */
  id?: string;
  /** Default: now. */
  occurredAt?: string | Date;
  /** Default: the correlation context's, else the event's own id. */
  correlationId?: string;
  /** Default: the correlation context's (the event being handled), else null. */
  causationId?: string | null;
}

export interface OutboxOptions {
  dataSource: DataSource;
  /** Publishing service, e.g. `merger`; also the envelope `source`. */
  service: string;
  registry?: EventRegistry;
  /** Default: `topicFor(service)`. */
  topic?: string;
}

export class OutboxOutsideTransactionError extends Error {
  override readonly name = 'OutboxOutsideTransactionError';
  constructor() {
    super(
      'Outbox.publish must be called inside inTransaction(dataSource, ...) so the event commits together with the state change it announces',
    );
  }
}

/**
 * The transactional outbox: `publish` validates events and inserts them into the `outbox` table in
 * the caller's transaction; `OutboxRelay` sends them after commit.
 */
export class Outbox {
  readonly topic: string;
  private readonly registry: EventRegistry;
  private readonly listeners = new Set<() => void>();
  private readonly pending = new WeakSet<QueryRunner>();
  private subscribed = false;

  constructor(private readonly options: OutboxOptions) {
    this.topic = options.topic ?? topicFor(options.service);
    this.registry = options.registry ?? eventRegistry;
  }

  /** `listener` runs after a transaction that published events commits (the relay's nudge). */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates the events against the registry (EventValidationError: unknown type/version, wrong
   * source, payload mismatch) and inserts them in the caller's transaction. Several definitions in
   * one call: type the list as `NewEvent<A | B>[]`.
   */
  async publish<D extends EventDefinition>(events: NewEvent<D> | readonly NewEvent<D>[]): Promise<EventOf<D>[]> {
    const manager = currentManager(this.options.dataSource);
    if (!manager) throw new OutboxOutsideTransactionError();
    const list: readonly NewEvent<D>[] = isList(events) ? events : [events];
    const envelopes = list.map((event) => this.envelope(event));
    if (!envelopes.length) return [];
    // One multi-row INSERT as plain SQL: the query builder's parameter and metadata handling cost
    // more CPU than the statement itself on every submission.
    const params: unknown[] = [];
    const rows = envelopes.map((e) => {
      params.push(e.id, this.topic, e.aggregateId, JSON.stringify(e));
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    await queryRows(this.options.dataSource, `INSERT INTO outbox (id, topic, key, envelope) VALUES ${rows.join(', ')}`, params);
    this.watchCommit(manager.queryRunner);
    return envelopes as EventOf<D>[];
  }

  private envelope(event: NewEvent): EventEnvelope {
    const id = event.id ?? uuidv7();
    const correlation = currentCorrelation();
    const occurredAt = event.occurredAt ?? new Date();
    const candidate: EventEnvelope = {
      id,
      type: event.definition.type,
      version: event.definition.version,
      occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
      source: this.options.service,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      unitCode: event.unitCode ?? null,
      correlationId: event.correlationId ?? correlation?.correlationId ?? id,
      causationId: event.causationId !== undefined ? event.causationId : (correlation?.causationId ?? null),
      payload: event.payload,
    };
    // Throws EventValidationError (unknown type/version, bad envelope, payload mismatch).
    return this.registry.assertValid(candidate);
  }

  private watchCommit(queryRunner: QueryRunner | undefined): void {
    if (!queryRunner || !this.listeners.size) return;
    if (!this.subscribed) {
      this.subscribed = true;
      const subscriber: EntitySubscriberInterface = {
        afterTransactionCommit: (event: TransactionCommitEvent) => {
          if (!this.pending.has(event.queryRunner)) return;
          this.pending.delete(event.queryRunner);
          for (const listener of this.listeners) {
            try {
              listener();
            } catch {
              /* a nudge must never fail the caller */
            }
          }
        },
        afterTransactionRollback: (event: TransactionRollbackEvent) => {
          this.pending.delete(event.queryRunner);
        },
      };
      this.options.dataSource.subscribers.push(subscriber);
    }
    this.pending.add(queryRunner);
  }
}

function isList<D extends EventDefinition>(events: NewEvent<D> | readonly NewEvent<D>[]): events is readonly NewEvent<D>[] {
  return Array.isArray(events);
}
