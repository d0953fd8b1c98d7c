import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Base64Scalar, Connection, DateScalar, IsCalendarDate, MAX_BASE64_LENGTH, PaginationArgs, UnitCodeScalar } from '@xaso/api';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { toLocalDate } from '@xaso/calendar';
import { deadlineState, type Petition } from '../domain';

export enum PetitionKind {
  COMPLAINT = 'COMPLAINT',
  DENUNCIATION = 'DENUNCIATION',
  RECOMMENDATION = 'RECOMMENDATION',
  FEEDBACK = 'FEEDBACK',
  INFORMATION = 'INFORMATION',
}
export enum SubmittableKind {
  COMPLAINT = 'COMPLAINT',
  DENUNCIATION = 'DENUNCIATION',
  RECOMMENDATION = 'RECOMMENDATION',
  FEEDBACK = 'FEEDBACK',
}
export enum PetitionChannel {
  RECEPTION = 'RECEPTION',
  ONLINE = 'ONLINE',
  MAIL = 'MAIL',
  HOTLINE = 'HOTLINE',
}
export enum Complexity {
  NORMAL = 'NORMAL',
  COMPLEX = 'COMPLEX',
  VERY_COMPLEX = 'VERY_COMPLEX',
}
registerEnumType(PetitionKind, { name: 'PetitionKind', description: 'khiếu nại, tố cáo, kiến nghị, phản ánh; INFORMATION = anonymous denunciation' });
registerEnumType(SubmittableKind, { name: 'SubmittablePetitionKind' });
registerEnumType(PetitionChannel, { name: 'PetitionChannel' });
registerEnumType(Complexity, { name: 'PetitionComplexity' });

@ObjectType('GeoPoint')
export class GeoPointModel {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lon!: number;
}

@ObjectType('PetitionReferral')
export class ReferralModel {
  @Field(() => String, { nullable: true }) unitCode?: string;
  @Field(() => String, { nullable: true, description: 'The unit code as given, when it named an abolished unit and the referral went to its single successor (unitCode)' })
  routedFromUnitCode?: string;
  @Field() agencyName!: string;
  @Field() reason!: string;
}

@ObjectType('PetitionRating')
export class RatingModel {
  @Field(() => Int) score!: number;
  @Field(() => String, { nullable: true }) comment?: string;
  @Field() at!: Date;
}

@ObjectType('PetitionHistoryEntry')
export class HistoryEntryModel {
  @Field() action!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field() to!: string;
  @Field(() => String, { nullable: true, description: 'Staff id; null for the petitioner (confidential)' }) actorId!: string | null;
  @Field() actorRole!: string;
  @Field() at!: Date;
  @Field(() => String, { nullable: true }) note?: string;
}

@ObjectType('PetitionerAttachment')
export class AttachmentModel {
  @Field() fileName!: string;
  @Field(() => String, { nullable: true }) mimeType?: string;
  @Field(() => String, { nullable: true }) contentBase64?: string;
  @Field(() => String, { nullable: true }) storageRef?: string;
}

@ObjectType('Petitioner', { description: 'Confidential: only the assigned handler and the deciding leader see it; every read is logged' })
export class PetitionerModel {
  @Field() fullName!: string;
  @Field(() => String, { nullable: true }) idNumber?: string;
  @Field(() => String, { nullable: true }) phone?: string;
  @Field(() => String, { nullable: true }) address?: string;
  @Field(() => String, { nullable: true }) email?: string;
  @Field(() => [AttachmentModel], { nullable: true }) attachments?: AttachmentModel[];
}

@ObjectType('Petition', { description: 'Đơn khiếu nại, tố cáo, kiến nghị, phản ánh' })
export class PetitionModel {
  @Field(() => ID) code!: string;
  @Field({ description: 'The unit handling the petition: a unit in force on the day it was received' }) unitCode!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The unit code the petitioner gave when it named a unit abolished by then; the petition went to its single successor (unitCode)',
  })
  routedFromUnitCode?: string;
  @Field(() => PetitionKind) kind!: PetitionKind;
  @Field(() => SubmittableKind) submittedKind!: SubmittableKind;
  @Field(() => PetitionChannel) channel!: PetitionChannel;
  @Field() status!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => String, { nullable: true }) parentCode?: string;
  @Field() title!: string;
  @Field() content!: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => GeoPointModel, { nullable: true }) location?: GeoPointModel;
  @Field() anonymous!: boolean;
  @Field(() => Int) petitionerCount!: number;
  @Field(() => Int) submissionCount!: number;
  @Field(() => Complexity) complexity!: Complexity;
  @Field() remoteArea!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Complaint: day of the act or decision complained about' }) actDate?: string;
  @Field({ description: 'Complaint filed after the 90-day limit (quá thời hiệu)' }) filedLate!: boolean;
  @Field(() => String, { nullable: true, description: 'Why a late complaint was accepted (force majeure)' }) lateFilingReason?: string;
  @Field() receivedAt!: Date;
  @Field(() => Date, { nullable: true }) acceptedAt?: Date;
  @Field(() => Date, { nullable: true }) resolvedAt?: Date;
  @Field(() => DateScalar) acceptanceDue!: string;
  @Field(() => DateScalar, { nullable: true }) resolutionDue?: string;
  @Field(() => String, { nullable: true, description: 'ON_TRACK, DUE_SOON or OVERDUE for the running deadline' }) deadlineState?: string | null;
  @Field(() => Boolean) escalated!: boolean;
  @Field(() => Int) extensionsUsed!: number;
  @Field(() => String, { nullable: true }) handlerId?: string;
  @Field(() => ReferralModel, { nullable: true }) referral?: ReferralModel;
  @Field(() => String, { nullable: true }) refusalReason?: string;
  @Field(() => String, { nullable: true }) conclusion?: string;
  @Field(() => String, { nullable: true }) decisionNumber?: string;
  @Field(() => RatingModel, { nullable: true }) rating?: RatingModel;
  @Field(() => Int) reopenCount!: number;
  @Field(() => [String]) withdrawnItems!: string[];
  @Field(() => String, { nullable: true }) linkedToCode?: string;
  @Field() crowded!: boolean;
  @Field() prolonged!: boolean;

  /** Not in the schema: for field resolvers. */
  domain!: Petition;

  static of(p: Petition, now: Date): PetitionModel {
    const running = p.status === 'RECEIVED' || p.status === 'CLASSIFIED' ? p.acceptanceDue : ['ACCEPTED', 'ASSIGNED', 'REOPENED'].includes(p.status) ? p.resolutionDue : undefined;
    const today = toLocalDate(now);
    return Object.assign(new PetitionModel(), {
      code: p.code,
      unitCode: p.unitCode,
      routedFromUnitCode: p.routedFromUnitCode,
      kind: p.kind,
      submittedKind: p.submittedKind,
      channel: p.channel,
      status: p.status,
      attempt: p.attempt,
      parentCode: p.parentCode,
      title: p.title,
      content: p.content,
      category: p.category,
      location: p.location,
      anonymous: p.anonymous,
      petitionerCount: p.petitionerCount,
      submissionCount: p.submissionCount,
      complexity: p.complexity,
      remoteArea: p.remoteArea,
      actDate: p.actDate,
      filedLate: !!p.filedLate,
      lateFilingReason: p.lateFilingReason,
      receivedAt: p.receivedAt,
      acceptedAt: p.acceptedAt,
      resolvedAt: p.resolvedAt,
      acceptanceDue: p.acceptanceDue,
      resolutionDue: p.resolutionDue,
      deadlineState: running ? deadlineState(running, today) : null,
      escalated: !!p.escalatedAt,
      extensionsUsed: p.extensionsUsed,
      handlerId: p.handlerId,
      referral: p.referral,
      refusalReason: p.refusalReason,
      conclusion: p.conclusion,
      decisionNumber: p.decisionNumber,
      rating: p.rating,
      reopenCount: p.reopenCount,
      withdrawnItems: p.withdrawnItems,
      linkedToCode: p.linkedToCode,
      crowded: p.flags.crowded,
      prolonged: p.flags.prolonged,
      domain: p,
    });
  }
}

@ObjectType('PetitionConnection')
export class PetitionConnection extends Connection(PetitionModel, 'Petition') {}

@ObjectType('SubmitPetitionPayload')
export class SubmitPetitionPayload {
  @Field(() => PetitionModel) petition!: PetitionModel;
  @Field({ description: 'Give this to the petitioner now: it is shown once and only its hash is stored' }) trackingSecret!: string;
  @Field(() => String, { nullable: true, description: 'The existing case this submission was linked to (duplicate)' }) linkedTo?: string;
}

@ObjectType('PetitionTracking', { description: 'What the petitioner sees with the tracking secret' })
export class PetitionTrackingModel {
  @Field(() => ID) code!: string;
  @Field(() => PetitionKind) kind!: PetitionKind;
  @Field() status!: string;
  @Field() receivedAt!: Date;
  @Field(() => DateScalar) acceptanceDue!: string;
  @Field(() => DateScalar, { nullable: true }) resolutionDue?: string;
  @Field(() => ReferralModel, { nullable: true, description: 'Where the petition was referred (chuyển đơn)' }) referral?: ReferralModel;
  @Field(() => String, { nullable: true }) refusalReason?: string;
  @Field(() => String, { nullable: true }) conclusion?: string;
  @Field(() => String, { nullable: true }) linkedToCode?: string;
  @Field(() => [TrackingStepModel]) steps!: TrackingStepModel[];
}

@ObjectType('PetitionTrackingStep')
export class TrackingStepModel {
  @Field() action!: string;
  @Field() status!: string;
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

// ------------------------------------------------------------------ inputs

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float) @IsNumber() @Min(-90) @Max(90) lat!: number;
  @Field(() => Float) @IsNumber() @Min(-180) @Max(180) lon!: number;
}

@InputType('PetitionerAttachmentInput')
export class AttachmentInput {
  @Field() @IsString() @MaxLength(255) fileName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() mimeType?: string;
  @Field(() => Base64Scalar, { nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_BASE64_LENGTH) contentBase64?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() storageRef?: string;
}

@InputType('PetitionerInput')
export class PetitionerInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) fullName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) idNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) email?: string;
  @Field(() => [AttachmentInput], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => AttachmentInput) attachments?: AttachmentInput[];
}

@InputType('SubmitPetitionInput')
export class SubmitPetitionInput {
  @Field(() => UnitCodeScalar) @IsString() unitCode!: string;
  @Field(() => SubmittableKind) @IsEnum(SubmittableKind) kind!: SubmittableKind;
  @Field(() => PetitionChannel) @IsEnum(PetitionChannel) channel!: PetitionChannel;
  @Field() @IsString() @MaxLength(300) title!: string;
  @Field() @IsString() @MaxLength(20_000) content!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) category?: string;
  @Field(() => GeoPointInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => GeoPointInput) location?: GeoPointInput;
  @Field(() => PetitionerInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => PetitionerInput) petitioner?: PetitionerInput;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) petitionerCount?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() remoteArea?: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Complaint: day of the act or decision complained about (90-day filing limit)' })
  @IsOptional()
  @IsCalendarDate()
  actDate?: string;
}

@ArgsType()
export class PetitionsArgs extends PaginationArgs {
  @Field(() => UnitCodeScalar, { nullable: true }) @IsOptional() @IsString() unitCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) status?: string;
  @Field(() => PetitionKind, { nullable: true }) @IsOptional() @IsEnum(PetitionKind) kind?: PetitionKind;
  @Field({ nullable: true }) @IsOptional() @IsString() handlerId?: string;
}
