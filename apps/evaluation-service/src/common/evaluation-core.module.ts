import { type DynamicModule, Module } from '@nestjs/common';
import { type EventTransport, MessagingModule } from '@xaso/messaging';
import { UnitReplicaHandlers } from '@xaso/unit-replica';
import { Clock, systemClock } from './application/clock.port';
import { IndicatorEventHandlers } from '../indicators/infrastructure/indicator-event.handlers';

export const EVALUATION_SERVICE = 'evaluation';

export interface EvaluationCoreOptions {
  /** Explicit event transport (tests); else Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** Consumer group (tests give each app its own); default `evaluation-service`. */
  consumerGroup?: string;
  /** Tests: a fixed or movable clock. */
  clock?: Clock;
}

/**
 * What the features share (global): the clock and messaging — the outbox, and the consumer running the
 * admin-unit replica's handlers and the indicators' dossier/petition handlers.
 */
@Module({})
export class EvaluationCoreModule {
  static forRoot(options: EvaluationCoreOptions = {}): DynamicModule {
    return {
      module: EvaluationCoreModule,
      global: true,
      imports: [
        MessagingModule.forService({
          service: EVALUATION_SERVICE,
          handlers: [UnitReplicaHandlers, IndicatorEventHandlers],
          transport: options.transport,
          consumerGroup: options.consumerGroup,
          relay: { pollIntervalMs: 500 },
        }),
      ],
      providers: [{ provide: Clock, useValue: options.clock ?? systemClock }],
      exports: [MessagingModule, Clock],
    };
  }
}
