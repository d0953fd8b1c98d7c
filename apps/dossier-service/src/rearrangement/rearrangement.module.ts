import { Module } from '@nestjs/common';
import { RearrangementParticipantModule, rearrangementParticipantMigrations } from '@xaso/rearrangement';
import { PgDossierMover } from './infrastructure/pg-dossier-mover';

/** The participant's bookkeeping tables (move log, ledger); after the dossier tables. */
export const DOSSIER_REARRANGEMENT_MIGRATIONS = [...rearrangementParticipantMigrations];

/**
 * dossier-service in the rearrangement saga (issue 12): open dossiers of a merged or divided unit
 * move to its successor(s) when merger-service's command arrives; the reply goes back through the outbox.
 */
@Module({
  imports: [RearrangementParticipantModule.forService({ service: 'dossier', mover: PgDossierMover })],
})
export class DossierRearrangementModule {}
