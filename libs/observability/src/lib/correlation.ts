import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Header carrying the correlation id in and out of every HTTP request. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<{ correlationId: string }>();
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

type RequestLike = Pick<IncomingMessage, 'headers'> & { id?: unknown };

/** The correlation id of the request being served (or of `runWithCorrelationId`), if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `fn` with `correlationId` as the current correlation id (for consumers, jobs, CLIs). */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The incoming `x-correlation-id` if it is a sane token (≤128 chars of [A-Za-z0-9._:-]). */
export function incomingCorrelationId(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const raw = req.headers[CORRELATION_ID_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && ACCEPTABLE.test(value) ? value : undefined;
}

/** The correlation id of a request: `req.id` set by the logging middleware, else the header. */
export function correlationIdFrom(req: RequestLike): string | undefined {
  if (typeof req.id === 'string' && req.id) return req.id;
  return incomingCorrelationId(req);
}

/**
 * Assigns the request's correlation id (existing `req.id`, valid header, or a new UUID),
 * stores it on `req.id` and echoes it in the response header. Idempotent.
 */
export function assignCorrelationId(req: RequestLike, res: Pick<ServerResponse, 'setHeader' | 'headersSent'>): string {
  const id = correlationIdFrom(req) ?? randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
}

/** Express-style middleware: assigns the id and runs the rest of the request inside its context. */
export function correlationMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const id = assignCorrelationId(req as RequestLike, res);
  // Services apply it app-wide and again in ObservabilityModule: one context is enough.
  if (storage.getStore()?.correlationId === id) return next();
  storage.run({ correlationId: id }, next);
}
