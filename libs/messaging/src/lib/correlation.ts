import { AsyncLocalStorage } from 'node:async_hooks';
import { currentCorrelationId, runWithCorrelationId } from '@xaso/observability';

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
 * It also sets `@xaso/observability`'s correlation id (`runWithCorrelationId`), so log lines
 * written inside carry it.
 */
export function withCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return runWithCorrelationId(context.correlationId, () => storage.run({ ...context }, fn));
}

/**
 * The correlation context in effect, if any: the messaging context (`withCorrelation`, i.e. an
 * event being handled), else the HTTP request's (or `runWithCorrelationId`'s) correlation id from
 * `@xaso/observability` with `causationId: null`. This is the one bridge between the two.
 */
export function currentCorrelation(): CorrelationContext | undefined {
  const context = storage.getStore();
  if (context) return context;
  const correlationId = currentCorrelationId();
  return correlationId ? { correlationId, causationId: null } : undefined;
}
