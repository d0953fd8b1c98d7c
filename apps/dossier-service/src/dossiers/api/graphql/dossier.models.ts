import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Connection, UNIT_CODE_SYNTAX } from '@xaso/api';
import { ProcedureModel } from '../../../procedures/api/graphql/procedure.models';
import { ALL_DOSSIER_ACTIONS, DossierStatus } from '../../domain';

export enum DossierChannel {
  ONLINE = 'ONLINE',
  DIRECT = 'DIRECT',
  POSTAL = 'POSTAL',
}
registerEnumType(DossierChannel, { name: 'DossierChannel', description: 'Kênh nộp: trực tuyến, trực tiếp, bưu chính' });
registerEnumType(DossierStatus, { name: 'DossierStatus', description: 'Trạng thái hồ sơ' });
/** The workflow commands recorded in a dossier's history (the domain's `DossierAction`). */
export const DossierActionEnum = Object.fromEntries(ALL_DOSSIER_ACTIONS.map((action) => [action, action]));
registerEnumType(DossierActionEnum, { name: 'DossierAction', description: 'Thao tác trên hồ sơ (lịch sử xử lý)' });

export const UNIT_CODE = UNIT_CODE_SYNTAX;
const unitCodeMessage = { message: 'unit codes are 2, 3 or 5 digits' };

// ------------------------------------------------------------------ inputs

@InputType()
export class ApplicantInput {
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) fullName!: string;
  /** Checked in the use case so the error carries its own code (INVALID_ID_NUMBER). */
  @Field({ description: 'Số định danh cá nhân (CCCD), 12 chữ số' }) @ApiProperty({ example: '001090001234' }) @IsString() idNumber!: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\+?\d{8,15}$/, { message: 'phone must be 8–15 digits' }) phone?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
}

@InputType()
export class AttachmentInput {
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(255) name!: string;
  @Field() @ApiProperty({ example: 'application/pdf' }) @IsString() @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'mediaType must look like type/subtype' }) mediaType!: string;
  @Field(() => Float, { description: 'Bytes' }) @ApiProperty() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) size!: number;
  @Field({ description: 'SHA-256 of the content, 64 lower-case hex digits' }) @ApiProperty() @IsString() sha256!: string;
}

@InputType()
export class SubmitDossierInput {
  @Field(() => ID) @ApiProperty() @IsString() @MinLength(1) procedureCode!: string;
  @Field(() => ID, { description: 'Unit whose centre receives the dossier (any centre in the province may)' })
  @ApiProperty()
  @Matches(UNIT_CODE, unitCodeMessage)
  receivingUnitCode!: string;
  @Field(() => ID, { nullable: true, description: 'Competent unit (default: the receiving unit)' })
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT_CODE, unitCodeMessage)
  competentUnitCode?: string;
  @Field(() => DossierChannel) @ApiProperty({ enum: DossierChannel }) @IsEnum(DossierChannel) channel!: DossierChannel;
  @Field(() => ApplicantInput) @ApiProperty({ type: ApplicantInput }) @ValidateNested() @Type(() => ApplicantInput) applicant!: ApplicantInput;
  @Field(() => GraphQLJSON, { nullable: true }) @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() formData?: Record<string, unknown>;
  @Field(() => [AttachmentInput], { nullable: true })
  @ApiPropertyOptional({ type: [AttachmentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttachmentInput)
  attachments?: AttachmentInput[];
  @Field({ nullable: true, description: 'Officers at receipt: verification is needed → the procedure’s maxProcessingDays applies' })
  @ApiPropertyOptional({ description: 'Officers at receipt: verification is needed → the procedure’s maxProcessingDays applies' })
  @IsOptional()
  @IsBoolean()
  needsVerification?: boolean;
}

@InputType()
export class DossierFilter {
  @Field(() => [DossierStatus], { nullable: true }) @IsOptional() @IsArray() @IsEnum(DossierStatus, { each: true }) status?: DossierStatus[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() procedureCode?: string;
  @Field(() => ID, { nullable: true, description: 'Receiving, competent or processing unit' }) @IsOptional() @Matches(UNIT_CODE, unitCodeMessage) unitCode?: string;
  @Field(() => DossierChannel, { nullable: true }) @IsOptional() @IsEnum(DossierChannel) channel?: DossierChannel;
  @Field(() => Date, { nullable: true }) @IsOptional() receivedFrom?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() receivedTo?: Date;
  @Field({ nullable: true }) @IsOptional() overdue?: boolean;
}

// ------------------------------------------------------------------ outputs

@ObjectType('Applicant', { description: 'Người nộp hồ sơ (personal data: the applicant and officers of the units only)' })
export class ApplicantModel {
  @Field() fullName!: string;
  @Field() idNumber!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

@ObjectType('DossierHistoryEntry')
export class HistoryEntryModel {
  @Field(() => DossierActionEnum) action!: string;
  @Field(() => DossierStatus, { nullable: true }) fromStatus!: string | null;
  @Field(() => DossierStatus) toStatus!: string;
  @Field({ description: 'Role the actor acted in' }) actorRole!: string;
  @Field(() => String, { nullable: true, description: 'Actor (subject id); not shown in public tracking' }) actorSub!: string | null;
  @Field(() => String, { nullable: true }) actorUnit!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() at!: Date;
}

@ObjectType('SupplementRequest')
export class SupplementRequestModel {
  @Field(() => ID) id!: string;
  @Field() reason!: string;
  @Field(() => [String]) items!: string[];
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) providedAt!: Date | null;
  @Field(() => String, { nullable: true }) providedNote!: string | null;
}

@ObjectType('Attachment')
export class AttachmentModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() mediaType!: string;
  @Field(() => Float) size!: number;
  @Field() sha256!: string;
  @Field(() => ID, { nullable: true }) supplementRequestId!: string | null;
  @Field() addedAt!: Date;
}

@ObjectType('Apology', { description: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả' })
export class ApologyModel {
  @Field() reason!: string;
  @Field() newDueAt!: Date;
  @Field() issuedAt!: Date;
}

@ObjectType('Dossier', { description: 'Hồ sơ thủ tục hành chính' })
export class DossierModel {
  @Field(() => ID) code!: string;
  @Field(() => ProcedureModel) procedure!: ProcedureModel;
  @Field(() => DossierStatus) status!: string;
  @Field(() => DossierChannel) channel!: string;
  @Field(() => ID) receivingUnitCode!: string;
  @Field(() => ID) competentUnitCode!: string;
  @Field(() => ID) processingUnitCode!: string;
  @Field(() => ApplicantModel) applicant!: ApplicantModel;
  @Field(() => GraphQLJSON) formData!: Record<string, unknown>;
  @Field() receivedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The appointment: the apology’s new date if one was issued, else the legal due date; null while paused for a supplement' })
  dueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The legal due date (receipt rules + supplement pauses); statistics measure against it' })
  legalDueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Due date computed at receipt' }) originalDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
  @Field(() => String, { nullable: true }) resultNote!: string | null;
  @Field() overdue!: boolean;
  @Field() paused!: boolean;
  @Field(() => ApologyModel, { nullable: true }) apology!: ApologyModel | null;
  @Field(() => [SupplementRequestModel]) supplementRequests!: SupplementRequestModel[];
  @Field(() => [AttachmentModel]) attachments!: AttachmentModel[];
  @Field(() => [HistoryEntryModel]) history!: HistoryEntryModel[];
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true, description: 'Original code on the receipt of a dossier handed over from a legacy district/commune system' })
  legacyCode!: string | null;
  @Field(() => String, { nullable: true, description: 'The legacy unit (abolished or merged in 2025) that received it' })
  legacyAgencyCode!: string | null;
}

@ObjectType('DossierConnection')
export class DossierConnection extends Connection(DossierModel, 'Dossier') {}

@ObjectType('DossierTrackingStep')
export class TrackingStepModel {
  @Field(() => DossierStatus) status!: string;
  @Field(() => DossierActionEnum) action!: string;
  @Field() at!: Date;
}

@ObjectType('DossierTracking', { description: 'Public tracking: no personal data' })
export class DossierTrackingModel {
  @Field(() => ID) code!: string;
  @Field(() => String, { nullable: true, description: 'Original code of a dossier handed over from a legacy system' }) legacyCode!: string | null;
  @Field() procedureName!: string;
  @Field(() => DossierStatus) status!: string;
  @Field() receivedAt!: Date;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field() overdue!: boolean;
  @Field(() => Date, { nullable: true, description: 'New appointment date when an apology was issued' }) apologyNewDueAt!: Date | null;
  @Field(() => [TrackingStepModel]) history!: TrackingStepModel[];
}
