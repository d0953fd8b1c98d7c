import { type DynamicModule, Global, Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { correlationMiddleware } from './correlation';
import { HealthController, HealthRegistry } from './health';
import { requestLogging } from './logging';
import { HttpMetricsMiddleware, MetricsController, MetricsRegistry, OBSERVABILITY_OPTIONS, type MetricsOptions } from './metrics';

export interface ObservabilityOptions extends MetricsOptions {
  /** Service name: `service` field of every log line and label of every metric. */
  service: string;
  /** pino level (default `LOG_LEVEL` or `info`). */
  logLevel?: string;
  /** Log destination (default stdout); tests pass a stream to capture lines. */
  logDestination?: DestinationStream;
  /** Serve /health/live and /health/ready (default true). */
  health?: boolean;
  /** Serve /metrics and record HTTP durations (default true). */
  metrics?: boolean;
}

type RequestLogging = ReturnType<typeof requestLogging>;
const REQUEST_LOGGING = Symbol('REQUEST_LOGGING');

@Module({})
class RequestContextModule implements NestModule {
  constructor(@Inject(REQUEST_LOGGING) private readonly logging: RequestLogging) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.logging.middleware, correlationMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }
}

/**
 * Global per-app observability: JSON logs with correlation ids and personal-data redaction
 * (nestjs-pino), `/health/live` + `/health/ready` (terminus), and `/metrics` (prom-client,
 * one registry per app so several apps can share a process).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const controllers = [
      ...(options.health === false ? [] : [HealthController]),
      ...(options.metrics === false ? [] : [MetricsController]),
    ];
    const logging = requestLogging({ service: options.service, level: options.logLevel, destination: options.logDestination });
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        // The app's logger for nestjs-pino; the request middleware is ours (RequestContextModule).
        LoggerModule.forRoot({ pinoHttp: { logger: logging.logger }, useExisting: true, forRoutes: [] }),
        TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }),
        { module: RequestContextModule, providers: [{ provide: REQUEST_LOGGING, useValue: logging }] },
      ],
      controllers,
      providers: [{ provide: OBSERVABILITY_OPTIONS, useValue: options }, MetricsRegistry, HealthRegistry],
      exports: [MetricsRegistry, HealthRegistry, OBSERVABILITY_OPTIONS, LoggerModule],
    };
  }
}
