import pino, { type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
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
    // Outside HTTP requests (event handlers, jobs: `runWithCorrelationId`), lines carry the current
    // correlation id too; request loggers already have it bound (pino-http `customProps`).
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
 * The `req` of a log line, straight from the IncomingMessage: pino-http binds it to every
 * request's logger when the request starts (whether or not a line is ever written), so it is
 * built here without pino-std-serializers' wrapper object (`wrapSerializers: false`), from the
 * few fields we log; redaction as before.
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

/** pino-http options: correlation id as `req.id` (header in, header out), redaction, quiet health/metrics. */
export function pinoHttpOptions(options: LoggingOptions): PinoHttpOptions {
  const logger = createLogger(options);
  return {
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignCorrelationId(req, res),
    customProps: (req: IncomingMessage) => ({ correlationId: (req as IncomingMessage & { id?: string }).id }),
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
    // 'silent' when the logger would drop the line anyway: pino-http otherwise stringifies the
    // custom props of every finished request (to compare them with the bindings) before the no-op call.
    customLogLevel: (_req, res, error) => {
      const level = error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      return logger.isLevelEnabled(level) ? level : 'silent';
    },
    // Our serializers take the raw request and response (errors keep pino's own serializer).
    wrapSerializers: false,
    serializers: {
      req: (req: RawRequest) => serializeRequest(req),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

const LOGGED_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'x-forwarded-for', 'x-correlation-id', 'authorization'];

function pickHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}
