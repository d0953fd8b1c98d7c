import { Module } from '@nestjs/common';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { IndicatorValuesResolver } from './api/graphql/indicator-values.resolver';
import { DailyFactRepository } from './application/daily-fact.repository.port';
import { IndicatorValuesQuery } from './application/indicator-values.query';
import { RecordFacts } from './application/record-facts.use-case';
import { UnitFacts } from './application/unit-facts';
import { IndicatorEventHandlers } from './infrastructure/indicator-event.handlers';
import { PgDailyFactRepository } from './infrastructure/pg-daily-fact.repository';

/** Indicators from events: dossier and petition events → per-commune daily facts → metric sums. */
@Module({
  imports: [UnitReplicaModule],
  providers: [
    { provide: DailyFactRepository, useClass: PgDailyFactRepository },
    RecordFacts,
    UnitFacts,
    IndicatorEventHandlers,
    IndicatorValuesQuery,
    IndicatorValuesResolver,
  ],
  exports: [DailyFactRepository, UnitFacts, IndicatorValuesQuery],
})
export class IndicatorsModule {}
