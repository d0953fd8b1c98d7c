import { Module } from '@nestjs/common';
import { CreateVillage } from './application/create-village';
import { ImportAdministrativeUnits } from './application/import-administrative-units';
import { UnitRepository } from './application/ports';
import { UnitEventPublisher } from './application/unit-events';
import { CurrentUnitsFor, GetAdministrativeUnit, ListAdministrativeUnits } from './application/unit-queries';
import { UnitLoaderFactory } from './api/graphql/unit-loaders';
import { AdministrativeUnitResolver } from './api/graphql/unit.resolver';
import { AdministrativeUnitsController } from './api/rest/units.controller';
import { PendingOutboxUnitEventPublisher } from './infrastructure/pending-outbox.publisher';
import { PgUnitRepository } from './infrastructure/pg-unit.repository';
import { CreateAdministrativeUnits1732240000000 } from './infrastructure/migrations/1732240000000-create-administrative-units';
import { UNIT_ENTITIES } from './infrastructure/unit.entities';

export const UNITS_ENTITIES = UNIT_ENTITIES;
export const UNITS_MIGRATIONS = [CreateAdministrativeUnits1732240000000];

@Module({
  controllers: [AdministrativeUnitsController],
  providers: [
    { provide: UnitRepository, useClass: PgUnitRepository },
    { provide: UnitEventPublisher, useClass: PendingOutboxUnitEventPublisher },
    ImportAdministrativeUnits,
    GetAdministrativeUnit,
    ListAdministrativeUnits,
    CurrentUnitsFor,
    CreateVillage,
    UnitLoaderFactory,
    AdministrativeUnitResolver,
  ],
  exports: [ImportAdministrativeUnits, UnitRepository],
})
export class UnitsModule {}
