import { Module } from '@nestjs/common';
import { RearrangementParticipantModule, rearrangementParticipantMigrations } from '@xaso/rearrangement';
import { PgPetitionMover } from './infrastructure/pg-petition-mover';

export const PETITION_REARRANGEMENT_MIGRATIONS = [...rearrangementParticipantMigrations];

/** petition-service in the rearrangement saga (issue 12): open cases and mediation cases move to the successor unit. */
@Module({
  imports: [RearrangementParticipantModule.forService({ service: 'petition', mover: PgPetitionMover })],
})
export class PetitionRearrangementModule {}
