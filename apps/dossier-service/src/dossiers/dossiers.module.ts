import { Module } from '@nestjs/common';
import { UnitReplicaModule, unitScopeProviders } from '@xaso/unit-replica';
import { CalendarModule } from '../calendar/calendar.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { DossierLoaderFactory } from './api/graphql/dossier.loaders';
import { DossierWorkflowController } from './api/rest/dossier-workflow.controller';
import { DossiersController } from './api/rest/dossiers.controller';
import { DossiersResolver } from './api/graphql/dossiers.resolver';
import { DossierAccess } from './application/dossier-access';
import { DossierEvents } from './application/dossier-events';
import { DossierOverdueCheck } from './application/dossier-overdue-check';
import { DossierRepository } from './application/dossier.repository.port';
import { DossierTransitionRunner } from './application/dossier-transition-runner';
import { FlagDeadlines } from './application/flag-deadlines.use-case';
import { GetDossier } from './application/get-dossier.query';
import { IssueApology } from './application/issue-apology.use-case';
import { ListDossiers } from './application/list-dossiers.query';
import { SubmitDossier } from './application/submit-dossier.use-case';
import { TrackDossier } from './application/track-dossier.query';
import { TransferDossier } from './application/transfer-dossier.use-case';
import { TransitionDossier } from './application/transition-dossier.use-case';
import { DeadlineScheduler } from './infrastructure/deadline-scheduler';
import { PgDossierRepository } from './infrastructure/pg-dossier.repository';

/** Dossiers: submission, the workflow, deadlines and their scheduler, reads within the caller's scope. */
@Module({
  imports: [CalendarModule, ProceduresModule, UnitReplicaModule],
  controllers: [DossiersController, DossierWorkflowController],
  providers: [
    { provide: DossierRepository, useClass: PgDossierRepository },
    ...unitScopeProviders(),
    DossierAccess,
    DossierEvents,
    DossierTransitionRunner,
    DossierOverdueCheck,
    GetDossier,
    ListDossiers,
    TrackDossier,
    SubmitDossier,
    TransitionDossier,
    IssueApology,
    TransferDossier,
    FlagDeadlines,
    DeadlineScheduler,
    DossierLoaderFactory,
    DossiersResolver,
  ],
  exports: [DossierAccess, DossierEvents, DossierRepository, DeadlineScheduler],
})
export class DossiersModule {}
