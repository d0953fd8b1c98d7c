import { z } from 'zod';

/**
 * The JSON value of every event on the bus (Kafka key = `aggregateId`, so one aggregate's events
 * stay in order). See DESIGN.md § Events.
 */
export interface EventEnvelope<P = unknown, T extends string = string> {
  /** UUIDv7 (time-ordered); also the outbox row id and the inbox key. */
  id: string;
  /** Dotted, lower-case, e.g. `dossier.resolved`. */
  type: T;
  /** Payload schema version (integer ≥ 1). */
  version: number;
  /** ISO-8601 timestamp with offset. */
  occurredAt: string;
  /** Publishing service, e.g. `merger`. */
  source: string;
  aggregateType: string;
  aggregateId: string;
  /** The commune the event belongs to, when it belongs to one. */
  unitCode: string | null;
  /** Shared by every event caused (directly or not) by the same request. */
  correlationId: string;
  /** Id of the event whose handling published this one; null for events caused by a request. */
  causationId: string | null;
  payload: P;
}

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shape of the envelope itself (the payload is checked by the event's own schema). */
export const envelopeSchema = z.object({
  id: z.string().regex(UUID_PATTERN, 'must be a UUID'),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'must look like "aggregate.happened"'),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  source: z.string().min(1),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  unitCode: z.string().min(1).nullable(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  payload: z.unknown().refine((value) => value !== undefined, 'is required'),
});

/** Kafka/transport header names carried next to the JSON value. */
export const EVENT_HEADERS = {
  type: 'type',
  version: 'version',
  correlationId: 'correlation-id',
} as const;
