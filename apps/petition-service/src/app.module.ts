import { type DynamicModule, Module } from '@nestjs/common';
import { AdministrativeUnitRef } from '@xaso/api';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { PETITION_ENTITIES, PETITION_MIGRATIONS, PetitionModule, type PetitionModuleOptions } from './petition.module';

export const PETITION_SERVICE = 'petition';

export interface PetitionAppOptions extends PetitionModuleOptions, ServiceOptions {}

@Module({})
export class AppModule {
  static forRoot(options: PetitionAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: PETITION_SERVICE,
          entities: PETITION_ENTITIES,
          migrations: PETITION_MIGRATIONS,
          graphql: { orphanedTypes: [AdministrativeUnitRef], guardFieldResolvers: true },
        }),
        PetitionModule.register(options),
      ],
    };
  }
}
