import { type DynamicModule, Module } from '@nestjs/common';
import type { EventTransport } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { REARRANGEMENT_MIGRATIONS, RearrangementsModule } from './rearrangements/rearrangements.module';
import { MERGER_ENTITIES, MERGER_MIGRATIONS, UnitsModule } from './units/units.module';

export const MERGER_SERVICE = 'merger';

export interface MergerAppOptions extends ServiceOptions {
  /** Event transport (tests); default Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
}

@Module({})
export class AppModule {
  static forRoot(options: MergerAppOptions = {}): DynamicModule {
    // One UnitsModule object, imported by the app and by the features that use the registry.
    const units = UnitsModule.register({ transport: options.transport });
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: MERGER_SERVICE,
          entities: MERGER_ENTITIES,
          migrations: [...MERGER_MIGRATIONS, ...REARRANGEMENT_MIGRATIONS],
        }),
        units,
        RearrangementsModule.register(units),
      ],
    };
  }
}
