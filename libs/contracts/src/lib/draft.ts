import type { z } from 'zod';
import type { EventDefinition } from './registry';

/** What a publisher writes as the payload of a definition (the schema's input: defaults may be left out). */
export type EventInput<D> = D extends EventDefinition<string, infer S> ? z.input<S> : never;

/**
 * An event about to be published. Its contract definition fixes the type, the version and the
 * payload's type, so an unknown type or a payload that does not match is a compile error
 * (the outbox still validates the payload at run time).
 */
export interface EventDraft<D extends EventDefinition = EventDefinition> {
  definition: D;
  aggregateType: string;
  aggregateId: string;
  /** The commune the event belongs to, when it belongs to one. */
  unitCode?: string | null;
  payload: EventInput<D>;
}

/** `draftEvent(dossierReceived, { aggregateType, aggregateId, payload })`: a draft checked against its definition. */
export function draftEvent<D extends EventDefinition>(definition: D, fields: Omit<EventDraft<D>, 'definition'>): EventDraft<D> {
  return { definition, ...fields };
}
