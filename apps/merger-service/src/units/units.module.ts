import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule, type EventTransport, messagingEntities, messagingMigrations } from '@xaso/messaging';
import { CreateVillage } from './application/create-village.use-case';
import { CurrentUnitsFor } from './application/current-units-for.query';
import { GetAdministrativeUnit } from './application/get-administrative-unit.query';
import { ImportAdministrativeUnits } from './application/import-administrative-units.use-case';
import { ListAdministrativeUnits } from './application/list-administrative-units.query';
import { UnitEventPublisher } from './application/unit-event-publisher.port';
import { UnitLinkRepository } from './application/unit-link.repository.port';
import { UnitListRepository } from './application/unit-list.repository.port';
import { UnitRepository } from './application/unit.repository.port';
import { UnitLoaderFactory } from './api/graphql/unit-loaders';
import { AdministrativeUnitResolver } from './api/graphql/unit.resolver';
import { AdministrativeUnitsController } from './api/rest/units.controller';
import { OutboxUnitEventPublisher } from './infrastructure/outbox-unit-event.publisher';
import { PgUnitLinkRepository } from './infrastructure/pg-unit-link.repository';
import { PgUnitListRepository } from './infrastructure/pg-unit-list.repository';
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
    { provide: UnitLinkRepository, useClass: PgUnitLinkRepository },
    { provide: UnitListRepository, useClass: PgUnitListRepository },
    { provide: UnitEventPublisher, useClass: OutboxUnitEventPublisher },
    ImportAdministrativeUnits,
    GetAdministrativeUnit,
    ListAdministrativeUnits,
    CurrentUnitsFor,
    CreateVillage,
    UnitLoaderFactory,
    AdministrativeUnitResolver,
  ],
  exports: [ImportAdministrativeUnits, UnitRepository, UnitLinkRepository, UnitEventPublisher],
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
