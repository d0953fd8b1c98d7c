import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from '@xaso/contracts';

/** One event waiting to be (or already) published; written in the business transaction. */
@Entity('outbox')
export class OutboxRecord {
  /** = the event id. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Insertion order (bigserial); the relay sends one key's rows in this order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column('text')
  topic!: string;

  /** Partitioning key = the aggregate id. */
  @Index()
  @Column('text')
  key!: string;

  @Column('jsonb')
  envelope!: EventEnvelope;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/** Events a consumer group has applied (checked and marked in the handler's transaction). */
@Entity('inbox')
export class InboxRecord {
  @PrimaryColumn('text')
  consumerGroup!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}

/** A message a consumer group gave up on; can be replayed to its original topic. */
@Entity('dead_letter')
export class DeadLetterRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  consumerGroup!: string;

  @Column('text')
  topic!: string;

  @Column('int')
  partition!: number;

  @Column('text')
  offset!: string;

  @Column({ type: 'text', nullable: true })
  key!: string | null;

  /** The raw message value, exactly as received. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  /** The value parsed as JSON when it was JSON (for querying). */
  @Column({ type: 'jsonb', nullable: true })
  envelope!: unknown;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  headers!: Record<string, string>;

  /** The event id when the value carried one. */
  @Column({ type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text', nullable: true })
  eventType!: string | null;

  @Column('text')
  error!: string;

  @Column({ type: 'int', default: 1 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  failedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;
}

/** Add these to every service's data source `entities`. */
export const messagingEntities = [OutboxRecord, InboxRecord, DeadLetterRecord];
