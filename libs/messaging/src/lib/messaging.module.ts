import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
  Optional,
  type Type,
} from '@nestjs/common';
import { MetadataScanner, ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { eventRegistry, type EventDefinition, type EventRegistry } from '@xaso/contracts';
import { CONSUMER_LAG_METRIC, EVENTS_SKIPPED_METRIC, HealthRegistry, MetricsRegistry, OUTBOX_BACKLOG_METRIC } from '@xaso/observability';
import { EventConsumer, type EventConsumerOptions } from './consumer';
import { InProcessTransport } from './in-process.transport';
import { KafkaTransport } from './kafka.transport';
import { PostgresTransport } from './postgres.transport';
import { Outbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './relay';
import { MessagingRetention, type RetentionSettings } from './retention';
import type { EventTransport } from './transport';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** Injection token of the service's `EventTransport`. */
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');
const ON_EVENT = Symbol('xaso:on-event');

/**
 * Marks a method of a class listed in `MessagingModule.forService({ handlers })` as the handler of
 * an event type: `(event: EventEnvelope<P>, context: HandlerContext) => Promise<void>`. It runs in
 * the transaction that also marks the inbox (write through `context.manager` or `inTransaction`).
 */
export function OnEvent(type: string | EventDefinition): MethodDecorator {
  const name = typeof type === 'string' ? type : type.type;
  return (target, propertyKey) => {
    const method = (target as Record<string | symbol, unknown>)[propertyKey] as object;
    const types: string[] = Reflect.getMetadata(ON_EVENT, method) ?? [];
    Reflect.defineMetadata(ON_EVENT, [...types, name], method);
  };
}

export interface MessagingModuleOptions {
  /** Service name, e.g. `merger`: envelope source and topic `xaso.<service>.events.v1`. */
  service: string;
  /** Consumer group (default `<service>-service`). */
  consumerGroup?: string;
  /** Provider classes whose `@OnEvent` methods handle events (they must be providers of the importing module). */
  handlers?: Type<unknown>[];
  /** Name of the TypeORM data source (default: the default one). */
  dataSourceName?: string;
  registry?: EventRegistry;
  /** Explicit transport (tests); otherwise Kafka when `KAFKA_BROKERS` is set, else the process-wide in-process bus. */
  transport?: EventTransport;
  relay?: Partial<Omit<OutboxRelayOptions, 'dataSource' | 'transport' | 'outbox'>>;
  consumer?: Partial<Omit<EventConsumerOptions, 'dataSource' | 'transport' | 'group' | 'registry'>>;
  /** Pruning of sent outbox rows and old inbox rows (defaults from the environment, hourly); `false` turns it off. */
  retention?: { settings?: Partial<RetentionSettings>; intervalMs?: number } | false;
}

/**
 * `KAFKA_BROKERS` → Kafka; else `EVENT_BUS_DATABASE_URL` → the PostgreSQL bus (embedded mode with
 * one worker thread per service; a new transport with its own small pool per call); else the
 * process-wide (really: per thread) in-process bus.
 */
export function transportFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): EventTransport {
  return (
    KafkaTransport.fromEnv(`xaso-${service}`, env) ??
    PostgresTransport.fromEnv(`xaso-${service}`, env, {
      onError: (error) => new Logger(`PostgresTransport(${service})`).warn(`event bus: ${(error as Error)?.message ?? error}`),
    }) ??
    InProcessTransport.shared()
  );
}

/** Name of the readiness check messaging registers in observability's `HealthRegistry`. */
export const TRANSPORT_HEALTH_CHECK = 'transport';
/** Longest wait for the broker's answer when /metrics reads the consumer lag. */
export const LAG_SCRAPE_TIMEOUT_MS = 2_000;

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private unregisterHealth?: () => void;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly retention: MessagingRetention,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly metrics?: MetricsRegistry,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  /** With `ObservabilityModule` in the app: outbox backlog and consumer lag gauges, transport readiness. */
  onModuleInit(): void {
    const { service } = this.options;
    if (this.metrics) {
      this.metrics.registerGauge(
        OUTBOX_BACKLOG_METRIC,
        'Outbox rows not yet published by the relay',
        async () => [{ labels: { service }, value: await this.relay.backlog() }],
        ['service'],
      );
      this.metrics.registerGauge(
        CONSUMER_LAG_METRIC,
        'Messages not yet acknowledged by the consumer group, per topic',
        async () => {
          const lag = this.transport.lag?.bind(this.transport);
          if (!lag || !this.consumer.isRunning) return [];
          const group = this.consumer.group;
          // A broker that does not answer must not hold the whole scrape (the outbox backlog is
          // what operators watch then): after LAG_SCRAPE_TIMEOUT_MS the lag samples are left out.
          const samples = Promise.all(this.consumer.topics().map(async (topic) => ({ labels: { group, topic }, value: await lag(group, topic) })));
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), LAG_SCRAPE_TIMEOUT_MS)));
          samples.catch(() => undefined);
          return Promise.race([samples.catch(() => [] as []), timeout]).finally(() => clearTimeout(timer));
        },
        ['group', 'topic'],
      );
      this.metrics.registerCounter(
        EVENTS_SKIPPED_METRIC,
        'Events acknowledged without being applied: the consumer group has no handler for their type',
        () => [...this.consumer.skippedCounts()].map(([type, value]) => ({ labels: { type, group: this.consumer.group }, value })),
        ['type', 'group'],
      );
    }
    if (this.health) {
      const transport = this.transport;
      this.unregisterHealth = this.health.register(TRANSPORT_HEALTH_CHECK, async () => (transport.isHealthy ? transport.isHealthy() : true));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const scanner = new MetadataScanner();
    for (const handlerClass of this.options.handlers ?? []) {
      const instance = this.moduleRef.get(handlerClass, { strict: false }) as Record<string, unknown>;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName] as (...args: unknown[]) => unknown;
        const types: string[] | undefined = Reflect.getMetadata(ON_EVENT, method);
        for (const type of types ?? []) {
          this.consumer.on(type, async (event, context) => {
            await method.call(instance, event, context);
          });
        }
      }
    }
    await this.transport.start();
    this.relay.start();
    await this.consumer.start();
    if (this.options.retention !== false) this.retention.start();
    this.logger.log(
      `${this.options.service}: ${this.transport.kind} transport; consumer group ${this.consumer.group} handles [${this.consumer
        .handledTypes()
        .join(', ')}]`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unregisterHealth?.();
    this.unregisterHealth = undefined;
    await this.retention.stop();
    await this.consumer.stop();
    await this.relay.stop();
    await this.transport.stop();
  }
}

/**
 * Outbox + relay + consumer + transport for one service. Needs the service's TypeORM data source
 * (`PersistenceModule`/`TypeOrmModule`) with `messagingEntities` and `messagingMigrations`.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    const dataSourceToken = getDataSourceToken(options.dataSourceName);
    const registry = options.registry ?? eventRegistry;
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: EVENT_TRANSPORT, useFactory: () => options.transport ?? transportFromEnv(options.service) },
        {
          provide: Outbox,
          inject: [dataSourceToken],
          useFactory: (dataSource: DataSource) => new Outbox({ dataSource, service: options.service, registry }),
        },
        {
          provide: OutboxRelay,
          inject: [dataSourceToken, EVENT_TRANSPORT, Outbox],
          useFactory: (dataSource: DataSource, transport: EventTransport, outbox: Outbox) => {
            const logger = new Logger(`OutboxRelay(${options.service})`);
            return new OutboxRelay({
              onError: (error) => logger.warn(`relay cycle failed: ${(error as Error)?.message ?? error}`),
              ...options.relay,
              dataSource,
              transport,
              outbox,
            });
          },
        },
        {
          provide: EventConsumer,
          inject: [dataSourceToken, EVENT_TRANSPORT],
          useFactory: (dataSource: DataSource, transport: EventTransport) => {
            const logger = new Logger(`EventConsumer(${options.service})`);
            return new EventConsumer({
              onError: (error, event) =>
                logger.warn(`handling ${event?.type ?? 'message'} ${event?.id ?? ''} failed: ${(error as Error)?.message ?? error}`),
              ...options.consumer,
              dataSource,
              transport,
              registry,
              group: options.consumerGroup ?? `${options.service}-service`,
            });
          },
        },
        {
          provide: MessagingRetention,
          inject: [dataSourceToken],
          useFactory: (dataSource: DataSource) => {
            const logger = new Logger(`MessagingRetention(${options.service})`);
            const retention = options.retention || {};
            return new MessagingRetention({
              dataSource,
              settings: retention.settings,
              intervalMs: retention.intervalMs,
              onPruned: ({ outbox, inbox }) => (outbox || inbox) && logger.log(`pruned ${outbox} sent outbox rows, ${inbox} inbox rows`),
              onError: (error) => logger.warn(`pruning failed: ${(error as Error)?.message ?? error}`),
            });
          },
        },
        MessagingLifecycle,
      ],
      exports: [Outbox, OutboxRelay, EventConsumer, MessagingRetention, EVENT_TRANSPORT],
    };
  }
}
