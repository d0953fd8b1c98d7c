import { Module } from '@nestjs/common';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { CycleResolver } from './api/graphql/cycle.resolver';
import { CycleRepository } from './application/cycle.repository.port';
import { GetCycle } from './application/get-cycle.query';
import { OpenCycle } from './application/open-cycle.use-case';
import { PgCycleRepository } from './infrastructure/pg-cycle.repository';

/** Yearly cycles: a province, a frozen scorecard version, the communes in scope. */
@Module({
  imports: [UnitReplicaModule, ScorecardsModule],
  providers: [{ provide: CycleRepository, useClass: PgCycleRepository }, OpenCycle, GetCycle, CycleResolver],
})
export class CyclesModule {}
