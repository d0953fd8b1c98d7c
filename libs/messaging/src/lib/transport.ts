/** A message as it travels: key = aggregate id, value = JSON envelope, string headers. */
export interface OutgoingMessage {
  key: string | null;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Called once per message, in order per partition. Resolving acknowledges (the offset is committed
 * after it); rejecting means "not processed": the message is delivered again (at-least-once).
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface Subscription {
  readonly group: string;
  readonly topics: readonly string[];
  /** Leaves the group; an unacknowledged message is redelivered to the group's remaining/next member. */
  stop(): Promise<void>;
}

/** What the outbox relay and the event consumer need from a message bus (Kafka, PostgreSQL or in-process). */
export interface EventTransport {
  readonly kind: 'kafka' | 'postgres' | 'in-process';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Appends messages to a topic; messages with the same key keep their order. */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /** Joins consumer group `group` on `topics`; every group gets every message (new groups read from the start). */
  subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription>;
  /**
   * Messages of `topic` not yet acknowledged by `group` (the `xaso_consumer_lag` gauge). Optional;
   * Kafka asks the admin API (high watermarks minus the group's committed offsets).
   */
  lag?(group: string, topic: string): Promise<number>;
  /** Readiness: false (or a rejection) when the transport cannot send/consume. Optional (treated as up). */
  isHealthy?(): Promise<boolean>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Deterministic key → partition (FNV-1a), used by the in-process bus and the PostgreSQL bus. */
export function partitionOf(key: string | null, partitions: number): number {
  if (key === null) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
