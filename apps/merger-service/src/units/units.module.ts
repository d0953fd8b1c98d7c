import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule, type EventTransport, messagingEntities, messagingMigrations } from '@xaso/messaging';
import { CreateVillage } from './application/create-village';
import { ImportAdministrativeUnits } from './application/import-administrative-units';
import { UnitRepository } from './application/ports';
import { UnitEventPublisher } from './application/unit-events';
import { CurrentUnitsFor, GetAdministrativeUnit, ListAdministrativeUnits } from './application/unit-queries';
import { UnitLoaderFactory } from './api/graphql/unit-loaders';
import { AdministrativeUnitResolver } from './api/graphql/unit.resolver';
import { AdministrativeUnitsController } from './api/rest/units.controller';
import { OutboxUnitEventPublisher } from './infrastructure/outbox-unit-event.publisher';
import { PgUnitRepository } from './infrastructure/pg-unit.repository';
import { CreateAdministrativeUnits1732240000000 } from './infrastructure/migrations/1732240000000-create-administrative-units';
import { UNIT_ENTITIES } from './infrastructure/unit.entities';

/** Everything merger-service's data source maps and migrates: the registry and the outbox/inbox. */
export const MERGER_ENTITIES = [...UNIT_ENTITIES, ...messagingEntities];
export const MERGER_MIGRATIONS = [CreateAdministrativeUnits1732240000000, ...messagingMigrations];

export interface UnitsModuleOptions {
  /** Event transport (tests); default Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
}

/** The registry's providers and controllers; `register` adds the messaging module they publish through. */
const UNITS_PARTS = {
  controllers: [AdministrativeUnitsController],
  providers: [
    { provide: UnitRepository, useClass: PgUnitRepository },
    { provide: UnitEventPublisher, useClass: OutboxUnitEventPublisher },
    ImportAdministrativeUnits,
    GetAdministrativeUnit,
    ListAdministrativeUnits,
    CurrentUnitsFor,
    CreateVillage,
    UnitLoaderFactory,
    AdministrativeUnitResolver,
  ],
  exports: [ImportAdministrativeUnits, UnitRepository],
};

@Module({})
export class UnitsModule {
  static register(options: UnitsModuleOptions = {}): DynamicModule {
    return {
      module: UnitsModule,
      imports: [MessagingModule.forService({ service: 'merger', transport: options.transport })],
      ...UNITS_PARTS,
    };
  }
}
