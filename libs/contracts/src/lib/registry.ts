import type { z } from 'zod';
import { envelopeSchema, EVENT_TYPE_PATTERN, type EventEnvelope } from './envelope';

/** One versioned event type: what it is called, who publishes it, what its payload looks like. */
export interface EventDefinition<T extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly type: T;
  readonly version: number;
  /** Publishing service (its topic is `topicFor(source)`). */
  readonly source: string;
  readonly schema: S;
  readonly description?: string;
}

/** Payload type of a definition: `EventPayload<typeof adminUnitCreated>`. */
export type EventPayload<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;
/** Full envelope type of a definition. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? EventEnvelope<z.infer<S>, T> : never;

export function defineEvent<T extends string, S extends z.ZodTypeAny>(definition: {
  type: T;
  version: number;
  source: string;
  schema: S;
  description?: string;
}): EventDefinition<T, S> {
  if (!EVENT_TYPE_PATTERN.test(definition.type)) throw new Error(`invalid event type "${definition.type}"`);
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`invalid version ${definition.version} for ${definition.type}`);
  }
  return Object.freeze({ ...definition });
}

export type EventValidationCode = 'MALFORMED_ENVELOPE' | 'UNKNOWN_EVENT' | 'SOURCE_MISMATCH' | 'PAYLOAD_MISMATCH';

/** Why an envelope was rejected; `issues` lists `path: message` lines. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    readonly code: EventValidationCode,
    message: string,
    readonly issues: string[] = [],
    readonly eventType?: string,
    readonly eventVersion?: number,
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
  }
}

export type EventValidationResult =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | { ok: false; error: EventValidationError };

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);

/** The set of known event types and versions; validates envelopes and payloads. */
export class EventRegistry {
  private readonly byKey = new Map<string, EventDefinition>();

  constructor(definitions: Iterable<EventDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: EventDefinition): this {
    const key = `${definition.type}@${definition.version}`;
    if (this.byKey.has(key)) throw new Error(`event ${key} is defined twice`);
    this.byKey.set(key, definition);
    return this;
  }

  /** A new registry with these definitions plus `more` (tests add their own event types this way). */
  with(more: Iterable<EventDefinition>): EventRegistry {
    return new EventRegistry([...this.byKey.values(), ...more]);
  }

  get(type: string, version: number): EventDefinition | undefined {
    return this.byKey.get(`${type}@${version}`);
  }

  has(type: string, version?: number): boolean {
    return version === undefined ? this.latest(type) !== undefined : this.byKey.has(`${type}@${version}`);
  }

  /** Highest registered version of a type (the one publishers use by default). */
  latest(type: string): EventDefinition | undefined {
    let best: EventDefinition | undefined;
    for (const definition of this.byKey.values()) {
      if (definition.type === type && (!best || definition.version > best.version)) best = definition;
    }
    return best;
  }

  definitions(): EventDefinition[] {
    return [...this.byKey.values()];
  }

  /** Validates the envelope shape, that its type@version is known and from the right source, and the payload. */
  validate(candidate: unknown): EventValidationResult {
    const shape = envelopeSchema.safeParse(candidate);
    if (!shape.success) {
      const raw = (candidate ?? {}) as { type?: unknown; version?: unknown };
      return {
        ok: false,
        error: new EventValidationError(
          'MALFORMED_ENVELOPE',
          'malformed event envelope',
          issuesOf(shape.error),
          typeof raw.type === 'string' ? raw.type : undefined,
          typeof raw.version === 'number' ? raw.version : undefined,
        ),
      };
    }
    const envelope = shape.data as EventEnvelope;
    const definition = this.get(envelope.type, envelope.version);
    if (!definition) {
      return {
        ok: false,
        error: new EventValidationError(
          'UNKNOWN_EVENT',
          `unknown event ${envelope.type} version ${envelope.version}`,
          [],
          envelope.type,
          envelope.version,
        ),
      };
    }
    if (definition.source !== envelope.source) {
      return {
        ok: false,
        error: new EventValidationError(
          'SOURCE_MISMATCH',
          `${envelope.type} is published by ${definition.source}, not ${envelope.source}`,
          [],
          envelope.type,
          envelope.version,
        ),
      };
    }
    const payload = definition.schema.safeParse(envelope.payload);
    if (!payload.success) {
      return {
        ok: false,
        error: new EventValidationError(
          'PAYLOAD_MISMATCH',
          `payload of ${envelope.type} v${envelope.version} does not match its schema`,
          issuesOf(payload.error).map((line) => `payload.${line}`),
          envelope.type,
          envelope.version,
        ),
      };
    }
    return { ok: true, envelope: { ...envelope, payload: payload.data }, definition };
  }

  /** Like `validate`, but throws the `EventValidationError`. */
  assertValid(candidate: unknown): EventEnvelope {
    const result = this.validate(candidate);
    if (!result.ok) throw result.error;
    return result.envelope;
  }
}
