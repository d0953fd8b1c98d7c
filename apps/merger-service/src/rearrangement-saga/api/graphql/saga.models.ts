import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, PaginationArgs, UnitCodeScalar } from '@xaso/api';
import { IsOptional, IsString } from 'class-validator';

@ObjectType('RearrangementStepProgress', { description: 'One step of a plan’s saga: merger’s registry step or a service’s DRY_RUN / APPLY / COMPENSATE / ASSIGN' })
export class RearrangementStepModel {
  @Field() service!: string;
  @Field({ description: 'REGISTRY, REGISTRY_REVERT, DRY_RUN, APPLY, COMPENSATE, ASSIGN' }) action!: string;
  @Field({ description: 'PENDING, RUNNING, DONE, FAILED, CANCELLED' }) state!: string;
  @Field(() => Int, { description: 'Records (units for merger) moved so far' }) moved!: number;
  @Field(() => Int, { description: 'Records to move in the chunks answered so far' }) total!: number;
  @Field(() => Int) chunks!: number;
  @Field(() => Int) chunksDone!: number;
  @Field(() => Int, { description: 'Most sends of one chunk (retries after a timeout)' }) attempts!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType('Rearrangement', { description: 'Progress of a plan’s application (or dry run): poll it' })
export class RearrangementModel {
  @Field(() => ID) planId!: string;
  @Field({ description: 'DRY_RUN or APPLY' }) kind!: string;
  @Field({ description: 'The plan’s status (APPLYING, APPLIED, FAILED, COMPENSATED, FAILED_TO_COMPENSATE…)' }) status!: string;
  @Field({ description: 'RUNNING, DONE, FAILED, COMPENSATING, COMPENSATED, FAILED_TO_COMPENSATE' }) runStatus!: string;
  @Field() startedAt!: string;
  @Field() startedBy!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int, { description: 'Records waiting in the review queue (flagged to the province)' }) reviewQueued!: number;
  @Field(() => String, { nullable: true }) signedOffBy!: string | null;
  @Field(() => String, { nullable: true }) signedOffAt!: string | null;
  @Field(() => [RearrangementStepModel]) steps!: RearrangementStepModel[];
}

@ObjectType('ReconciliationTarget')
export class ReconciliationTargetModel {
  @Field() targetCode!: string;
  @Field(() => Int, { description: 'Moved by rule' }) moved!: number;
  @Field(() => Int, { description: 'Of moved: by the village the record names' }) byVillage!: number;
  @Field(() => Int, { description: 'Of moved: by the record’s address matched to one target’s village names' }) byAddress!: number;
  @Field(() => Int, { description: 'Moved from the review queue' }) assigned!: number;
  @Field(() => String, { nullable: true, description: 'SHA-256 over the sorted moved ids, computed by the service' }) serviceSha256!: string | null;
  @Field(() => String, { nullable: true, description: 'The same, recomputed by merger from the ids it received' }) mergerSha256!: string | null;
  @Field(() => Boolean, { nullable: true }) hashMatches!: boolean | null;
}

@ObjectType('ReconciliationRow', { description: 'service × record type × source: before = moved + queued + failed' })
export class ReconciliationRowModel {
  @Field() service!: string;
  @Field() recordType!: string;
  @Field() sourceCode!: string;
  @Field(() => Int) before!: number;
  @Field(() => Int) moved!: number;
  @Field(() => Int, { description: 'Of moved: with the whole unit' }) byUnit!: number;
  @Field(() => Int, { description: 'Of moved: by the village the record names' }) byVillage!: number;
  @Field(() => Int, { description: 'Of moved: by the record’s address' }) byAddress!: number;
  @Field(() => Int, { description: 'Of moved: assigned by an officer from the review queue' }) byReview!: number;
  @Field(() => Int, { description: 'Still waiting in the review queue' }) queued!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int, { description: 'Closed records that keep their unit, counted for the successor as carried over' }) carriedOver!: number;
  @Field(() => Int, { description: 'Open records left at the source after the step' }) after!: number;
  @Field() balanced!: boolean;
  @Field(() => Boolean, { nullable: true }) hashesMatch!: boolean | null;
  @Field(() => [ReconciliationTargetModel]) targets!: ReconciliationTargetModel[];
}

@ObjectType('ReconciliationReport')
export class ReconciliationReportModel {
  @Field(() => ID) planId!: string;
  @Field() kind!: string;
  @Field() balanced!: boolean;
  @Field(() => Int) problems!: number;
  @Field(() => String, { nullable: true }) signedOffBy!: string | null;
  @Field(() => String, { nullable: true }) signedOffAt!: string | null;
  @Field(() => [ReconciliationRowModel]) rows!: ReconciliationRowModel[];
  @Field({ description: 'The report as CSV (one line per source → target)' }) csv!: string;
}

@ObjectType('RearrangementReviewItem', { description: 'A divided unit’s record no rule could place: an officer of a candidate successor assigns it' })
export class ReviewItemModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) planId!: string;
  @Field() service!: string;
  @Field() recordType!: string;
  @Field({ description: 'The record’s code in its service (dossier code, petition code…)' }) recordId!: string;
  @Field() sourceCode!: string;
  @Field(() => [String]) candidateCodes!: string[];
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field({ description: 'OPEN, ASSIGNING, ASSIGNED' }) status!: string;
  @Field(() => String, { nullable: true }) targetCode!: string | null;
  @Field(() => String, { nullable: true }) assignedBy!: string | null;
  @Field(() => String, { nullable: true }) assignedAt!: string | null;
}

@ObjectType('RearrangementReviewItemConnection', { description: 'A page of the review queue (open items first), with the total' })
export class ReviewItemConnection extends Connection(ReviewItemModel, 'RearrangementReviewItem') {}

@ArgsType()
export class ReviewQueueArgs extends PaginationArgs {
  @Field(() => ID) @IsString() planId!: string;
  @Field(() => UnitCodeScalar, { nullable: true, description: 'A candidate successor (officers: their own commune); all of the plan’s when omitted (province, ADMIN)' })
  @IsOptional()
  unitCode?: string | null;
}
