import { type DynamicModule, Module } from '@nestjs/common';
import { type EventTransport, MessagingModule } from '@xaso/messaging';
import { UnitReplicaHandlers } from '@xaso/unit-replica';
import { CLOCK, type Clock, systemClock } from './clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from './tokens';

export const DOSSIER_SERVICE = 'dossier';

export interface DossierModuleOptions extends DossierServiceOptions {
  clock?: Clock;
  /** Explicit event transport (tests); else Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** Kafka/bus consumer group (tests give each app its own, so parallel test apps do not rebalance each other); default `dossier-service`. */
  consumerGroup?: string;
}

/**
 * What every feature module of the service shares (global): the clock, the service options and
 * messaging (the outbox; the consumer runs the admin-unit replica's handlers).
 */
@Module({})
export class DossierCoreModule {
  static forRoot(options: DossierModuleOptions = {}): DynamicModule {
    return {
      module: DossierCoreModule,
      global: true,
      imports: [
        MessagingModule.forService({
          service: DOSSIER_SERVICE,
          handlers: [UnitReplicaHandlers],
          transport: options.transport,
          consumerGroup: options.consumerGroup,
          relay: { pollIntervalMs: 500 },
        }),
      ],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: DOSSIER_OPTIONS, useValue: options },
      ],
      exports: [CLOCK, DOSSIER_OPTIONS, MessagingModule],
    };
  }
}
