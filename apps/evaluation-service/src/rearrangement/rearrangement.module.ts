import { Module } from '@nestjs/common';
import { RearrangementParticipantModule, rearrangementParticipantMigrations } from '@xaso/rearrangement';
import { PgAssessmentCombiner } from './infrastructure/pg-assessment-combiner';
import { RearrangementCreatedAssessments1733100000100 } from './infrastructure/migrations/1733100000100-rearrangement-created-assessments';

/** The participant's bookkeeping tables (move log, ledger, successor drafts it created); after the evaluation tables. */
export const EVALUATION_REARRANGEMENT_MIGRATIONS = [...rearrangementParticipantMigrations, RearrangementCreatedAssessments1733100000100];

/**
 * evaluation-service in the rearrangement saga (issue 12): the year's DRAFT assessments of merged
 * communes are combined into the successor's DRAFT (its computed indicators sum the predecessors'
 * facts through the successor links); everything else is carried over.
 */
@Module({
  imports: [RearrangementParticipantModule.forService({ service: 'evaluation', mover: PgAssessmentCombiner })],
})
export class EvaluationRearrangementModule {}
