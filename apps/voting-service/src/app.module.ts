import { type DynamicModule, Module } from '@nestjs/common';
import { AdministrativeUnitRef } from '@xaso/api';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { CreatePollTables1733000000000 } from './polls/infrastructure/migrations/1733000000000-create-poll-tables';
import { RepresentativeChangeReason1733000000001 } from './polls/infrastructure/migrations/1733000000001-representative-change-reason';
import { PollCloseReason1733000000002 } from './polls/infrastructure/migrations/1733000000002-poll-close-reason';
import { SealedPendingBallots1733000000003 } from './polls/infrastructure/migrations/1733000000003-sealed-pending-ballots';
import { PollsModule, type PollsModuleOptions } from './polls/polls.module';
import { VOTING_REARRANGEMENT_MIGRATIONS, VotingRearrangementModule } from './rearrangement/rearrangement.module';

export const VOTING_SERVICE = 'voting';

/** voting-service tables are written with SQL (repositories); TypeORM maps only the messaging tables. */
export const VOTING_ENTITIES = [...messagingEntities];
export const VOTING_MIGRATIONS = [CreatePollTables1733000000000, RepresentativeChangeReason1733000000001, PollCloseReason1733000000002, SealedPendingBallots1733000000003, ...messagingMigrations, ...unitReplicaMigrations, ...VOTING_REARRANGEMENT_MIGRATIONS];

export interface VotingAppOptions extends PollsModuleOptions, ServiceOptions {}

@Module({})
export class AppModule {
  static forRoot(options: VotingAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: VOTING_SERVICE,
          entities: VOTING_ENTITIES,
          migrations: VOTING_MIGRATIONS,
          graphql: { orphanedTypes: [AdministrativeUnitRef], guardFieldResolvers: true },
        }),
        PollsModule.register(options),
        VotingRearrangementModule,
      ],
    };
  }
}
