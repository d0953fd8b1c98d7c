import pino, { type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import { Store, storage as pinoStorage } from 'nestjs-pino/storage';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignCorrelationId, currentCorrelationId } from './correlation';
import { maskPersonalDataInString, PINO_REDACT_PATHS, REDACTED, redactPersonalData } from './redaction';

export interface LoggingOptions {
  service: string;
  /** pino level; default `LOG_LEVEL` or `info`. */
  level?: string;
  /** Where JSON lines go (default stdout); wrapped so every line is masked. */
  destination?: DestinationStream;
}

/**
 * Wraps a destination so every serialized line has ID and phone numbers masked inside strings
 * (the last line of defence: covers messages, error stacks and child-logger bindings).
 */
export function redactingDestination(destination: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      return destination.write(maskPersonalDataInString(line));
    },
  } as DestinationStream;
}

/** pino options shared by the HTTP logger and standalone loggers: service name, redaction, ISO time. */
export function basePinoOptions(options: Pick<LoggingOptions, 'service' | 'level'>): LoggerOptions {
  return {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED },
    // Lines carry the current correlation id (of the HTTP request being served, or of
    // `runWithCorrelationId` in event handlers and jobs) unless one is given or bound.
    mixin: (mergeObject, _level, logger) => {
      const correlationId = currentCorrelationId();
      if (!correlationId || 'correlationId' in mergeObject || 'correlationId' in logger.bindings()) return {};
      return { correlationId };
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactPersonalData(object),
    },
  };
}

/** A standalone pino logger with the same redaction (CLIs, scripts, non-Nest code). */
export function createLogger(options: LoggingOptions): PinoLogger {
  return pino(basePinoOptions(options), redactingDestination(options.destination ?? pino.destination({ dest: 1, sync: false })));
}

const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

type RawRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * The `req` of a request's log line, straight from the IncomingMessage: the few fields we log,
 * redacted.
 */
export function serializeRequest(req: RawRequest): Record<string, unknown> {
  return redactPersonalData({
    id: req.id,
    method: req.method,
    url: req.originalUrl ?? req.url,
    headers: pickHeaders(req.headers as Record<string, unknown> | undefined),
    remoteAddress: req.socket?.remoteAddress,
  }) as Record<string, unknown>;
}

type LoggedRequest = RawRequest & { log?: PinoLogger };
type LoggedResponse = ServerResponse & { log?: PinoLogger };

/**
 * The request logger of an app, in place of pino-http: the request's correlation id as `req.id`
 * (header in, header out), one `request completed` line (or `request aborted`) when the response
 * is done, quiet for /health and /metrics. Lines written while the request is served go through
 * the app's own logger (nestjs-pino's store), and the base mixin adds the correlation id: nothing
 * is built per request unless a line is written. pino-http bound two child loggers to every
 * request (its `req` serialized and redacted up front) whether a line was written or not.
 */
export function requestLogging(options: LoggingOptions): { logger: PinoLogger; middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void } {
  const logger = createLogger(options);
  const store = new Store(logger);
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const request = req as LoggedRequest;
    const correlationId = assignCorrelationId(request, res);
    request.log = logger;
    (res as LoggedResponse).log = logger;
    if (!QUIET_PATHS.test(req.url ?? '')) {
      const startedAt = Date.now();
      // 'close' comes after 'finish' on a completed response, and alone on an aborted one.
      res.once('close', () => logCompletion(logger, request, res, correlationId, Date.now() - startedAt));
    }
    pinoStorage.run(store, next);
  };
  return { logger, middleware };
}

function logCompletion(logger: PinoLogger, req: LoggedRequest, res: ServerResponse, correlationId: string, responseTime: number): void {
  const aborted = !res.writableFinished;
  const level = aborted || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const line = { req: serializeRequest(req), res: { statusCode: res.statusCode }, responseTime, correlationId };
  if (aborted) logger[level]({ ...line, err: new Error('request aborted') }, 'request aborted');
  else logger[level](line, 'request completed');
}

const LOGGED_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'x-forwarded-for', 'x-correlation-id', 'authorization'];

function pickHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}
