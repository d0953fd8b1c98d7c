import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule, type EventTransport, messagingEntities, messagingMigrations } from '@xaso/messaging';
import { UnitReplica, UnitReplicaHandlers, UnitReplicaHealth, unitReplicaMigrations, UnitResolver, unitScopeProviders } from '@xaso/unit-replica';
import { PetitionsController } from './petitions/api/petitions.controller';
import { AdministrativeUnitPetitionsResolver, PetitionsResolver } from './petitions/api/petitions.resolver';
import { CLOCK, PETITION_CONFIG, petitionConfigFromEnv, systemClock, type Clock, type PetitionConfig } from './petitions/application/petition.config';
import { ActOnPetition } from './petitions/application/act-on-petition.use-case';
import { AppealPetition } from './petitions/application/appeal-petition.use-case';
import { PetitionAccess } from './petitions/application/petition-access';
import { PetitionService } from './petitions/application/petition.service';
import { PetitionRepository } from './petitions/application/petition.repository.port';
import { ScanDeadlines } from './petitions/application/scan-deadlines.use-case';
import { SubmitPetition } from './petitions/application/submit-petition.use-case';
import { CreatePetitionTables1732500000000 } from './petitions/infrastructure/migrations/1732500000000-create-petition-tables';
import { DEADLINE_SCAN_INTERVAL_MS, DeadlineScanScheduler, deadlineScanIntervalFromEnv } from './petitions/infrastructure/deadline-scan.scheduler';
import { PgPetitionRepository } from './petitions/infrastructure/pg-petition.repository';
import { ReceptionResolver } from './reception/api/reception.resolver';
import { ReceptionUnitRouting1732600000000 } from './reception/infrastructure/migrations/1732600000000-unit-routing';
import { ReceptionRepository } from './reception/infrastructure/reception.repository';

/** petition-service tables are written with SQL (repositories); TypeORM maps only the messaging tables. */
export const PETITION_ENTITIES = [...messagingEntities];
export const PETITION_MIGRATIONS = [CreatePetitionTables1732500000000, ReceptionUnitRouting1732600000000, ...messagingMigrations, ...unitReplicaMigrations];

export interface PetitionModuleOptions {
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

@Module({})
export class PetitionModule {
  static register(options: PetitionModuleOptions = {}): DynamicModule {
    return {
      module: PetitionModule,
      imports: [MessagingModule.forService({ service: 'petition', transport: options.transport, consumerGroup: options.consumerGroup, handlers: [UnitReplicaHandlers] })],
      controllers: [PetitionsController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: PETITION_CONFIG, useFactory: () => options.config ?? petitionConfigFromEnv() },
        UnitReplica,
        UnitReplicaHandlers,
        UnitResolver,
        UnitReplicaHealth,
        ...unitScopeProviders(),
        { provide: PetitionRepository, useClass: PgPetitionRepository },
        PetitionAccess,
        SubmitPetition,
        ActOnPetition,
        AppealPetition,
        ScanDeadlines,
        { provide: DEADLINE_SCAN_INTERVAL_MS, useValue: options.escalationIntervalMs ?? deadlineScanIntervalFromEnv() },
        DeadlineScanScheduler,
        PetitionService,
        PetitionsResolver,
        AdministrativeUnitPetitionsResolver,
        ReceptionRepository,
        ReceptionResolver,
      ],
      exports: [PetitionService],
    };
  }
}
