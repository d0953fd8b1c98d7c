import { type DynamicModule, Module } from '@nestjs/common';
import { ApplyPlan } from './application/apply-plan.use-case';
import { AssignReviewItem } from './application/assign-review-item.use-case';
import { DryRunPlan } from './application/dry-run-plan.use-case';
import { HandleParticipantReply } from './application/handle-participant-reply.use-case';
import { RetryTimedOutChunks } from './application/retry-timed-out-chunks.use-case';
import { RollbackPlan } from './application/rollback-plan.use-case';
import { SagaCoordinator } from './application/saga-coordinator';
import { SAGA_SETTINGS, SagaAlerts, SagaCommandPublisher, type SagaSettings } from './application/saga-ports';
import { GetRearrangementProgress, GetReconciliationReport, ListReviewQueue } from './application/saga-queries';
import { SagaRepository } from './application/saga.repository.port';
import { SignOffReconciliation } from './application/sign-off-reconciliation.use-case';
import { RearrangementSagaResolver } from './api/graphql/saga.resolver';
import { RearrangementSagaController } from './api/rest/saga.controller';
import { CreateRearrangementSaga1764600000000 } from './infrastructure/migrations/1764600000000-create-rearrangement-saga';
import { ReportMoveRules1764600000100 } from './infrastructure/migrations/1764600000100-report-move-rules';
import { RunChunkId1764600000200 } from './infrastructure/migrations/1764600000200-run-chunk-id';
import { PgSagaRepository } from './infrastructure/pg-saga.repository';
import { LogAndMetricSagaAlerts, OutboxSagaCommandPublisher, SagaReplyConsumer, SagaTimeoutTimer, sagaSettingsFromEnv } from './infrastructure/saga-infrastructure';

export const REARRANGEMENT_SAGA_MIGRATIONS = [CreateRearrangementSaga1764600000000, ReportMoveRules1764600000100, RunChunkId1764600000200];

/**
 * The rearrangement saga (issue 12): dry run, apply (registry + every participant over Kafka),
 * timeout + retry, compensation, review queue, reconciliation, progress. `rearrangements`: the
 * plans module object the app imports (plans repository, registry step).
 */
@Module({})
export class RearrangementSagaModule {
  static register(rearrangements: DynamicModule, settings: Partial<SagaSettings> = {}): DynamicModule {
    return {
      module: RearrangementSagaModule,
      imports: [rearrangements],
      controllers: [RearrangementSagaController],
      providers: [
        { provide: SAGA_SETTINGS, useFactory: () => ({ ...sagaSettingsFromEnv(), ...settings }) },
        { provide: SagaRepository, useClass: PgSagaRepository },
        { provide: SagaCommandPublisher, useClass: OutboxSagaCommandPublisher },
        LogAndMetricSagaAlerts,
        { provide: SagaAlerts, useExisting: LogAndMetricSagaAlerts },
        SagaCoordinator,
        DryRunPlan,
        ApplyPlan,
        RollbackPlan,
        HandleParticipantReply,
        RetryTimedOutChunks,
        AssignReviewItem,
        SignOffReconciliation,
        GetRearrangementProgress,
        GetReconciliationReport,
        ListReviewQueue,
        SagaReplyConsumer,
        SagaTimeoutTimer,
        RearrangementSagaResolver,
      ],
      exports: [RetryTimedOutChunks, LogAndMetricSagaAlerts],
    };
  }
}
