import { AsyncLocalStorage } from 'node:async_hooks';

export interface CorrelationContext {
  correlationId: string;
  /** Id of the event being handled (null when the work was started by a request). */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * Runs `fn` with a correlation context: events published inside it (through `Outbox.publish`)
 * carry this correlationId/causationId unless they set their own. The event consumer runs each
 * handler inside `withCorrelation({ correlationId: incoming.correlationId, causationId: incoming.id })`.
 */
export function withCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run({ ...context }, fn);
}

/** The correlation context in effect, if any. */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}
