import { type DynamicModule, Module } from '@nestjs/common';
import { AdministrativeUnitRef } from '@xaso/api';
import { GraphQLJSON } from 'graphql-scalars';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { EVALUATION_SERVICE, EvaluationCoreModule, type EvaluationCoreOptions } from './common/evaluation-core.module';
import { CreateEvaluationTables1733000000000 } from './common/infrastructure/migrations/1733000000000-create-evaluation-tables';
import { SeedScorecardsAndTargets1733000000001 } from './common/infrastructure/migrations/1733000000001-seed-scorecards-and-targets';
import { CycleResultsPublication1733000000002 } from './common/infrastructure/migrations/1733000000002-cycle-results-publication';
import { AssessmentsModule } from './assessments/assessments.module';
import { CyclesModule } from './cycles/cycles.module';
import { ExportsModule } from './exports/exports.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { ResultsModule } from './results/results.module';
import { EVALUATION_REARRANGEMENT_MIGRATIONS, EvaluationRearrangementModule } from './rearrangement/rearrangement.module';
import { ScorecardsModule } from './scorecards/scorecards.module';

export { EVALUATION_SERVICE } from './common/evaluation-core.module';

/** evaluation-service tables are written with SQL (repositories); TypeORM maps only the messaging tables. */
export const EVALUATION_ENTITIES = [...messagingEntities];
export const EVALUATION_MIGRATIONS = [
  CreateEvaluationTables1733000000000,
  SeedScorecardsAndTargets1733000000001,
  CycleResultsPublication1733000000002,
  ...messagingMigrations,
  ...unitReplicaMigrations,
  ...EVALUATION_REARRANGEMENT_MIGRATIONS,
];

export interface EvaluationAppOptions extends EvaluationCoreOptions, ServiceOptions {}

@Module({})
export class AppModule {
  static forRoot(options: EvaluationAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: EVALUATION_SERVICE,
          entities: EVALUATION_ENTITIES,
          migrations: EVALUATION_MIGRATIONS,
          graphql: { scalars: { JSON: GraphQLJSON }, orphanedTypes: [AdministrativeUnitRef], guardFieldResolvers: true },
        }),
        EvaluationCoreModule.forRoot(options),
        ScorecardsModule,
        IndicatorsModule,
        CyclesModule,
        AssessmentsModule,
        ResultsModule,
        ExportsModule,
        EvaluationRearrangementModule,
      ],
    };
  }
}
