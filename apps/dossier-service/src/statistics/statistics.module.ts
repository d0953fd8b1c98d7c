import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { AdministrativeUnitStatisticsResolver } from './api/graphql/administrative-unit-statistics.resolver';
import { DossierStatisticsResolver } from './api/graphql/dossier-statistics.resolver';
import { StatisticsController } from './api/rest/statistics.controller';
import { GetUnitStatistics } from './application/get-unit-statistics.query';
import { GetUnitStatisticsInMemory } from './application/get-unit-statistics-in-memory.query';
import { StatisticsPeriod } from './application/statistics-period';
import { UnitStatisticsRepository } from './application/unit-statistics.port';
import { PgUnitStatisticsRepository } from './infrastructure/pg-unit-statistics.repository';

/**
 * Dossier statistics of a unit: `dossierStatistics`, `AdministrativeUnit.dossierStatistics` and
 * `GET /api/v1/dossiers/statistics`. Import it before `DossiersModule` (its route must come before
 * `GET /api/v1/dossiers/:code`).
 */
@Module({
  imports: [DossiersModule],
  controllers: [StatisticsController],
  providers: [
    { provide: UnitStatisticsRepository, useClass: PgUnitStatisticsRepository },
    StatisticsPeriod,
    GetUnitStatistics,
    GetUnitStatisticsInMemory,
    DossierStatisticsResolver,
    AdministrativeUnitStatisticsResolver,
  ],
})
export class StatisticsModule {}
