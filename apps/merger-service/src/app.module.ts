import { type DynamicModule, Module } from '@nestjs/common';
import type { EventTransport } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { LegacyAddressesModule } from './legacy-addresses/legacy-addresses.module';
import { REARRANGEMENT_MIGRATIONS, RearrangementsModule } from './rearrangements/rearrangements.module';
import { REARRANGEMENT_SAGA_MIGRATIONS, RearrangementSagaModule } from './rearrangement-saga/rearrangement-saga.module';
import type { SagaSettings } from './rearrangement-saga/application/saga-ports';
import { MERGER_ENTITIES, MERGER_MIGRATIONS, UnitsModule } from './units/units.module';

export const MERGER_SERVICE = 'merger';

export interface MergerAppOptions extends ServiceOptions {
  /** Event transport (tests); default Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** Rearrangement saga settings (participants, step timeout, retries); default from the environment. */
  saga?: Partial<SagaSettings>;
}

@Module({})
export class AppModule {
  static forRoot(options: MergerAppOptions = {}): DynamicModule {
    // One UnitsModule object, imported by the app and by the features that use the registry.
    const units = UnitsModule.register({ transport: options.transport });
    const rearrangements = RearrangementsModule.register(units);
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: MERGER_SERVICE,
          entities: MERGER_ENTITIES,
          migrations: [...MERGER_MIGRATIONS, ...REARRANGEMENT_MIGRATIONS, ...REARRANGEMENT_SAGA_MIGRATIONS],
        }),
        units,
        rearrangements,
        LegacyAddressesModule,
        RearrangementSagaModule.register(rearrangements, options.saga),
      ],
    };
  }
}
