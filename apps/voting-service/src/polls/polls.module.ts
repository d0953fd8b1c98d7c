import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule, type EventTransport } from '@xaso/messaging';
import { UnitReplicaHandlers, UnitReplicaModule } from '@xaso/unit-replica';
import { AdministrativeUnitPollsResolver } from './api/graphql/administrative-unit-polls.resolver';
import { PollAdminResolver } from './api/graphql/poll-admin.resolver';
import { PollQueriesResolver } from './api/graphql/poll-queries.resolver';
import { RepresentativeResolver } from './api/graphql/representative.resolver';
import { PollsController } from './api/rest/polls.controller';
import { BallotBoxRepository } from './application/ballot-box.repository.port';
import { CancelPoll } from './application/cancel-poll.use-case';
import { CastBallot } from './application/cast-ballot.use-case';
import { CertifyPoll } from './application/certify-poll.use-case';
import { Clock, systemClock } from './application/clock.port';
import { ClosePoll } from './application/close-poll.use-case';
import { ClosePollsByRule } from './application/close-polls-by-rule.use-case';
import { PollClosing } from './application/poll-closing';
import { CommuneVillages } from './application/commune-villages.port';
import { CreatePoll } from './application/create-poll.use-case';
import { GetPoll } from './application/get-poll.query';
import { ImportRoll } from './application/import-roll.use-case';
import { ListPolls } from './application/list-polls.query';
import { MyPolls } from './application/my-polls.query';
import { OpenPoll } from './application/open-poll.use-case';
import { PollAccess } from './application/poll-access';
import { PollBoard } from './application/poll-board.query';
import { PollResult } from './application/poll-result.query';
import { PollVisibility } from './application/poll-visibility';
import { PollRepository } from './application/poll.repository.port';
import { RecordPaperCount } from './application/record-paper-count.use-case';
import { RecordPaperParticipation } from './application/record-paper-participation.use-case';
import { ReplaceRepresentative } from './application/replace-representative.use-case';
import { RepresentativeChanges } from './application/representative-changes.query';
import { RollRepository } from './application/roll.repository.port';
import { UpdatePoll } from './application/update-poll.use-case';
import { VerifyReceipt } from './application/verify-receipt.query';
import { VillageCheck } from './application/village-check';
import { BallotSeal } from './infrastructure/ballot-seal';
import { PgBallotBoxRepository } from './infrastructure/pg-ballot-box.repository';
import { PgPollRepository } from './infrastructure/pg-poll.repository';
import { PgRollRepository } from './infrastructure/pg-roll.repository';
import { ReplicaCommuneVillages } from './infrastructure/replica-commune-villages';

export interface PollsModuleOptions {
  transport?: EventTransport;
  /** Tests: a consumer group of their own (default `voting-service`). */
  consumerGroup?: string;
  /** Tests: a movable clock (opening and closing depend on opensAt/closesAt). */
  clock?: Clock;
}

const USE_CASES = [CreatePoll, UpdatePoll, ImportRoll, OpenPoll, CastBallot, RecordPaperParticipation, RecordPaperCount, ClosePoll, ClosePollsByRule, CertifyPoll, CancelPoll, ReplaceRepresentative];
const QUERIES = [GetPoll, ListPolls, MyPolls, PollResult, PollBoard, VerifyReceipt, RepresentativeChanges];

/** Village polls: drafts, rolls, online and paper casting, close with tally and board, certification. Also the service's messaging. */
@Module({})
export class PollsModule {
  static register(options: PollsModuleOptions = {}): DynamicModule {
    return {
      module: PollsModule,
      imports: [
        UnitReplicaModule,
        MessagingModule.forService({ service: 'voting', transport: options.transport, consumerGroup: options.consumerGroup, handlers: [UnitReplicaHandlers] }),
      ],
      controllers: [PollsController],
      providers: [
        { provide: Clock, useValue: options.clock ?? systemClock },
        { provide: PollRepository, useClass: PgPollRepository },
        { provide: RollRepository, useClass: PgRollRepository },
        // Built with the module (a production start without VOTING_BALLOT_KEYS fails here).
        { provide: BallotSeal, useValue: BallotSeal.fromEnv() },
        { provide: BallotBoxRepository, useClass: PgBallotBoxRepository },
        { provide: CommuneVillages, useClass: ReplicaCommuneVillages },
        PollAccess,
        PollClosing,
        PollVisibility,
        VillageCheck,
        ...USE_CASES,
        ...QUERIES,
        PollAdminResolver,
        PollQueriesResolver,
        AdministrativeUnitPollsResolver,
        RepresentativeResolver,
      ],
    };
  }
}
