import { Module } from '@nestjs/common';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { CycleResolver } from './api/graphql/cycle.resolver';
import { CyclesController } from './api/rest/cycles.controller';
import { CycleSummaryQuery } from './application/cycle-summary.query';
import { PublishResults } from './application/publish-results.use-case';
import { CycleRepository } from './application/cycle.repository.port';
import { GetCycle } from './application/get-cycle.query';
import { OpenCycle } from './application/open-cycle.use-case';
import { PgCycleRepository } from './infrastructure/pg-cycle.repository';

/** Yearly cycles: a province, a frozen scorecard version, the communes in scope. */
@Module({
  controllers: [CyclesController],
  imports: [UnitReplicaModule, ScorecardsModule],
  providers: [{ provide: CycleRepository, useClass: PgCycleRepository }, OpenCycle, GetCycle, PublishResults, CycleSummaryQuery, CycleResolver],
  exports: [CycleRepository],
})
export class CyclesModule {}
