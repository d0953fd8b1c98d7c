import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@xaso/messaging';
import type { EventTransport } from '@xaso/messaging';
import { UnitReplica, UnitReplicaHandlers, UnitResolver, UnitReplicaHealth, unitScopeProviders } from '@xaso/unit-replica';
import { CalendarResolver } from './calendar/calendar.resolver';
import { CalendarService } from './calendar/calendar.service';
import { CLOCK, type Clock, systemClock } from './common/clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from './common/tokens';
import { DossierLoaderFactory } from './dossiers/api/dossier.loaders';
import { CalendarController } from './calendar/calendar.controller';
import { DossiersController, ProceduresController } from './dossiers/api/dossiers.controller';
import { DossiersResolver } from './dossiers/api/dossiers.resolver';
import { DeadlineScheduler } from './dossiers/application/deadline-scheduler';
import { DossierAccess } from './dossiers/application/dossier-access';
import { DossierEvents } from './dossiers/application/dossier-events';
import { DossierQueries } from './dossiers/application/dossier-queries';
import { DossierTransitionRunner } from './dossiers/application/dossier-transition-runner';
import { IssueApology } from './dossiers/application/issue-apology.use-case';
import { SubmitDossier } from './dossiers/application/submit-dossier.use-case';
import { TransferDossier } from './dossiers/application/transfer-dossier.use-case';
import { TransitionDossier } from './dossiers/application/transition-dossier.use-case';
import { DossierRepository } from './dossiers/application/dossier.repository.port';
import { PgDossierRepository } from './dossiers/infrastructure/dossier.repository';
import { ProceduresResolver } from './procedures/api/procedures.resolver';
import { ProcedureSeeder } from './procedures/infrastructure/procedure-seeder';
import { ProcedureRepository } from './procedures/application/procedure.repository.port';
import { PgProcedureRepository } from './procedures/infrastructure/procedure.repository';
import { AdministrativeUnitStatisticsResolver, StatisticsResolver } from './statistics/statistics.resolver';
import { StatisticsService } from './statistics/statistics';

export const DOSSIER_SERVICE = 'dossier';

export interface DossierModuleOptions extends DossierServiceOptions {
  clock?: Clock;
  /** Explicit event transport (tests); else Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** Kafka/bus consumer group (tests give each app its own, so parallel test apps do not rebalance each other); default `dossier-service`. */
  consumerGroup?: string;
}

/** Procedures, dossiers, statistics, the calendar tables and the admin-unit replica. */
@Module({})
export class DossierModule {
  static forRoot(options: DossierModuleOptions = {}): DynamicModule {
    return {
      module: DossierModule,
      imports: [
        MessagingModule.forService({
          service: DOSSIER_SERVICE,
          handlers: [UnitReplicaHandlers],
          transport: options.transport,
          consumerGroup: options.consumerGroup,
          relay: { pollIntervalMs: 500 },
        }),
      ],
      controllers: [DossiersController, ProceduresController, CalendarController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: DOSSIER_OPTIONS, useValue: options },
        CalendarService,
        UnitReplica,
        UnitReplicaHandlers,
        UnitResolver,
        UnitReplicaHealth,
        ...unitScopeProviders(),
        { provide: ProcedureRepository, useClass: PgProcedureRepository },
        ProcedureSeeder,
        { provide: DossierRepository, useClass: PgDossierRepository },
        DossierAccess,
        DossierEvents,
        DossierTransitionRunner,
        DossierQueries,
        SubmitDossier,
        TransitionDossier,
        IssueApology,
        TransferDossier,
        DeadlineScheduler,
        StatisticsService,
        DossierLoaderFactory,
        ProceduresResolver,
        DossiersResolver,
        StatisticsResolver,
        AdministrativeUnitStatisticsResolver,
        CalendarResolver,
      ],
      exports: [DossierQueries, SubmitDossier, TransitionDossier, IssueApology, TransferDossier, DeadlineScheduler, CalendarService, UnitReplica, CLOCK],
    };
  }
}
