import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { CyclesModule } from '../cycles/cycles.module';
import { ResultsModule } from '../results/results.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { ExportsController } from './api/rest/exports.controller';
import { ExportRankings } from './application/export-rankings.query';
import { ExportScorecard } from './application/export-scorecard.query';
import { UnitNames } from './application/unit-names.port';
import { PgUnitNames } from './infrastructure/pg-unit-names';

/** CSV and XLSX exports of rankings and a commune's scorecard (REST only: files). */
@Module({
  imports: [AssessmentsModule, CyclesModule, ResultsModule, ScorecardsModule],
  controllers: [ExportsController],
  providers: [{ provide: UnitNames, useClass: PgUnitNames }, ExportRankings, ExportScorecard],
})
export class ExportsModule {}
