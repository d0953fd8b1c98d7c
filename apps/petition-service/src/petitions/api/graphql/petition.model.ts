import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, DateScalar } from '@xaso/api';
import { toLocalDate } from '@xaso/calendar';
import { deadlineState, type DeadlineState, type PetitionAction, type PetitionStatus, type Petition } from '../../domain';
import { Complexity, DeadlineStateEnum, PetitionActionEnum, PetitionChannel, PetitionKind, PetitionStatusEnum, SubmittableKind } from './petition-enums';

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
  @Field(() => PetitionActionEnum) action!: PetitionAction;
  @Field(() => PetitionStatusEnum, { nullable: true }) from!: PetitionStatus | null;
  @Field(() => PetitionStatusEnum) to!: PetitionStatus;
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
  @Field(() => PetitionStatusEnum) status!: PetitionStatus;
  @Field(() => Int) attempt!: number;
  @Field(() => ID, { nullable: true }) parentCode?: string;
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
  @Field(() => DeadlineStateEnum, { nullable: true, description: 'ON_TRACK, DUE_SOON or OVERDUE for the running deadline' }) deadlineState?: DeadlineState | null;
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
  @Field(() => ID, { nullable: true }) linkedToCode?: string;
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
  @Field(() => ID, { nullable: true, description: 'The existing case this submission was linked to (duplicate)' }) linkedTo?: string;
}

