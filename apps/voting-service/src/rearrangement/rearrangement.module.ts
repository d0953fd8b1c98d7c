import { Module } from '@nestjs/common';
import { RearrangementParticipantModule, rearrangementParticipantMigrations } from '@xaso/rearrangement';
import { PgPollMover } from './infrastructure/pg-poll-mover';

/** The participant's bookkeeping tables (move log, ledger); after the poll tables. */
export const VOTING_REARRANGEMENT_MIGRATIONS = [...rearrangementParticipantMigrations];

/**
 * voting-service in the rearrangement saga (issue 12): DRAFT polls and their rolls move to the
 * successor unit when merger-service's command arrives; opened polls finish under their unit.
 */
@Module({
  imports: [RearrangementParticipantModule.forService({ service: 'voting', mover: PgPollMover })],
})
export class VotingRearrangementModule {}
