import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';
import type { PetitionAction, PetitionStatus } from '../../domain';
import { PetitionActionEnum, PetitionChannel, PetitionKind, PetitionStatusEnum } from './petition-enums';
import { ReferralModel } from './petition.model';

@ObjectType('PetitionTracking', { description: 'What the petitioner sees with the tracking secret' })
export class PetitionTrackingModel {
  @Field(() => ID) code!: string;
  @Field(() => PetitionKind) kind!: PetitionKind;
  @Field(() => PetitionStatusEnum) status!: PetitionStatus;
  @Field() receivedAt!: Date;
  @Field(() => DateScalar) acceptanceDue!: string;
  @Field(() => DateScalar, { nullable: true }) resolutionDue?: string;
  @Field(() => ReferralModel, { nullable: true, description: 'Where the petition was referred (chuyển đơn)' }) referral?: ReferralModel;
  @Field(() => String, { nullable: true }) refusalReason?: string;
  @Field(() => String, { nullable: true }) conclusion?: string;
  @Field(() => ID, { nullable: true }) linkedToCode?: string;
  @Field(() => [TrackingStepModel]) steps!: TrackingStepModel[];
}

@ObjectType('PetitionTrackingStep')
export class TrackingStepModel {
  @Field(() => PetitionActionEnum) action!: PetitionAction;
  @Field(() => PetitionStatusEnum) status!: PetitionStatus;
  @Field() at!: Date;
}

@ObjectType('PetitionCountByKind')
export class CountByKindModel {
  @Field(() => PetitionKind) kind!: PetitionKind;
  @Field(() => Int) count!: number;
}
@ObjectType('PetitionCountByChannel')
export class CountByChannelModel {
  @Field(() => PetitionChannel) channel!: PetitionChannel;
  @Field(() => Int) count!: number;
}

@ObjectType('PetitionStatistics')
export class PetitionStatisticsModel {
  @Field() unitCode!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) received!: number;
  @Field(() => [CountByKindModel]) receivedByKind!: CountByKindModel[];
  @Field(() => [CountByChannelModel]) receivedByChannel!: CountByChannelModel[];
  @Field(() => Int) linkedDuplicates!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) refused!: number;
  @Field(() => Int) referred!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => Int) resolvedOnTime!: number;
  @Field(() => Int) resolvedLate!: number;
  @Field(() => Float, { nullable: true }) onTimeRate!: number | null;
  @Field(() => Int) pendingOnTime!: number;
  @Field(() => Int) pendingOverdue!: number;
  @Field(() => Int) ratings!: number;
  @Field(() => Float, { nullable: true }) averageRating!: number | null;
  @Field(() => Int) satisfied!: number;
  @Field(() => Float, { nullable: true }) satisfactionRate!: number | null;
}

@ObjectType('PetitionIdentityAccess')
export class IdentityAccessModel {
  @Field() actorId!: string;
  @Field() actorRole!: string;
  @Field() purpose!: string;
  @Field() at!: Date;
}

