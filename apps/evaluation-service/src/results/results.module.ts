import { Module } from '@nestjs/common';
import { ResultsController } from './api/rest/results.controller';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { CyclesModule } from '../cycles/cycles.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { ResultsVisibility } from './application/results-visibility';
import { AssessmentStandingQuery } from './application/assessment-standing.query';
import { AssessmentStandingResolver } from './api/graphql/assessment-standing.resolver';
import { SetProvinceTargets } from './application/set-province-targets.use-case';
import { AdministrativeUnitEvaluationResolver } from './api/graphql/administrative-unit-evaluation.resolver';
import { ResultsResolver } from './api/graphql/results.resolver';
import { ProvinceTargetsRepository } from './application/province-targets.repository.port';
import { RankingsQuery } from './application/rankings.query';
import { ResultsRepository } from './application/results.repository.port';
import { TargetReportQuery } from './application/target-report.query';
import { UnitEvaluationQuery } from './application/unit-evaluation.query';
import { PgProvinceTargetsRepository } from './infrastructure/pg-province-targets.repository';
import { PgResultsRepository } from './infrastructure/pg-results.repository';

/** Results: rankings within a province, the province target report. */
@Module({
  controllers: [ResultsController],
  imports: [UnitReplicaModule, ScorecardsModule, CyclesModule],
  providers: [
    { provide: ResultsRepository, useClass: PgResultsRepository },
    { provide: ProvinceTargetsRepository, useClass: PgProvinceTargetsRepository },
    ResultsVisibility,
    RankingsQuery,
    TargetReportQuery,
    SetProvinceTargets,
    UnitEvaluationQuery,
    ResultsResolver,
    AssessmentStandingQuery,
    AssessmentStandingResolver,
    AdministrativeUnitEvaluationResolver,
  ],
  exports: [ResultsRepository, ResultsVisibility],
})
export class ResultsModule {}
