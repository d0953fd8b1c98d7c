import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule, type EventTransport } from '@xaso/messaging';
import { UnitReplicaHandlers, UnitReplicaModule } from '@xaso/unit-replica';
import { PetitionsController } from './api/rest/petitions.controller';
import { AdministrativeUnitPetitionsResolver } from './api/graphql/administrative-unit.resolver';
import { PetitionQueriesResolver } from './api/graphql/petition-queries.resolver';
import { PetitionWorkflowResolver } from './api/graphql/petition-workflow.resolver';
import { ActOnPetition } from './application/act-on-petition.use-case';
import { AppealPetition } from './application/appeal-petition.use-case';
import { ExportPetitions } from './application/export-petitions.query';
import { GetPetition } from './application/get-petition.query';
import { IdentityAccessLog } from './application/identity-access-log.query';
import { ListPetitions } from './application/list-petitions.query';
import { PetitionAccess } from './application/petition-access';
import { PetitionHistory } from './application/petition-history.query';
import { PetitionStatisticsQuery } from './application/petition-statistics.query';
import { Clock, systemClock } from './application/clock.port';
import { PETITION_CONFIG, petitionConfigFromEnv, type PetitionConfig } from './application/petition.config';
import { PetitionRepository } from './application/petition.repository.port';
import { ReadIdentity } from './application/read-identity.query';
import { RotateIdentityKeys } from './application/rotate-identity-keys.use-case';
import { ScanDeadlines } from './application/scan-deadlines.use-case';
import { SubmitPetition } from './application/submit-petition.use-case';
import { TrackPetition } from './application/track-petition.query';
import { DEADLINE_SCAN_INTERVAL_MS, DeadlineScanScheduler, deadlineScanIntervalFromEnv } from './infrastructure/deadline-scan.scheduler';
import { PgPetitionRepository } from './infrastructure/pg-petition.repository';

export interface PetitionsModuleOptions {
  transport?: EventTransport;
  /** Tests: a consumer group of their own, so parallel test apps do not rebalance each other (default `petition-service`). */
  consumerGroup?: string;
  /** Tests: a fixed or movable clock. */
  clock?: Clock;
  /** Tests: explicit key ring / policy. Default: `petitionConfigFromEnv()`. */
  config?: PetitionConfig;
  /** Deadline scan interval (due-soon notices, escalation; ms); default PETITION_ESCALATION_INTERVAL_MS, else 15 min; 0 disables. */
  escalationIntervalMs?: number;
}

const USE_CASES = [SubmitPetition, ActOnPetition, AppealPetition, ScanDeadlines, RotateIdentityKeys];
const QUERIES = [GetPetition, ListPetitions, PetitionHistory, TrackPetition, ExportPetitions, PetitionStatisticsQuery, ReadIdentity, IdentityAccessLog];

/**
 * Petitions (complaints, denunciations, recommendations, feedback): intake, the handling workflow,
 * deadlines, tracking, statistics, export and the confidential identity. Also the service's
 * messaging (petition events out, admin-unit events in).
 */
@Module({})
export class PetitionsModule {
  static register(options: PetitionsModuleOptions = {}): DynamicModule {
    return {
      module: PetitionsModule,
      // global: the reception feature publishes through the same outbox (one MessagingModule per service)
      global: true,
      imports: [
        UnitReplicaModule,
        MessagingModule.forService({ service: 'petition', transport: options.transport, consumerGroup: options.consumerGroup, handlers: [UnitReplicaHandlers] }),
      ],
      controllers: [PetitionsController],
      providers: [
        { provide: Clock, useValue: options.clock ?? systemClock },
        { provide: PETITION_CONFIG, useFactory: () => options.config ?? petitionConfigFromEnv() },
        { provide: PetitionRepository, useClass: PgPetitionRepository },
        PetitionAccess,
        ...USE_CASES,
        ...QUERIES,
        { provide: DEADLINE_SCAN_INTERVAL_MS, useValue: options.escalationIntervalMs ?? deadlineScanIntervalFromEnv() },
        DeadlineScanScheduler,
        PetitionWorkflowResolver,
        PetitionQueriesResolver,
        AdministrativeUnitPetitionsResolver,
      ],
      exports: [Clock, ...USE_CASES, ...QUERIES, MessagingModule],
    };
  }
}
