/**
 * OpenAPI shapes of the REST API for agencies (`/api/v1/dossiers`): typed request/response DTO
 * classes (the problem+json error responses: `ApiProblems` in common/api-problems.ts), so the merged
 * OpenAPI document is usable by integrators (the `Idempotency-Key` header of every POST is
 * documented by `documentIdempotencyKey` from @xaso/api).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsDateTime, KeysetPageQuery, RestPageInfoDto } from '@xaso/api';
import { DossierStatus } from '../../domain';
import { AttachmentInput, DossierChannel, UNIT_CODE } from '../graphql/dossier.models';

const STATUSES = Object.values(DossierStatus);
const CHANNELS = Object.values(DossierChannel);

// ------------------------------------------------------------------ request bodies

export class NoteDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
export class ReasonDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}
export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
export class SupplementRequestDto extends ReasonDto {
  @ApiProperty({ type: [String], minItems: 1, description: 'Documents to add or correct' })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  items!: string[];
}
export class ProvideSupplementDto extends NoteDto {
  @ApiPropertyOptional({ type: [AttachmentInput] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentInput)
  attachments?: AttachmentInput[];
}
export class CompleteDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) resultNote!: string;
}
export class ApologyDto extends ReasonDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-20T10:00:00Z', description: 'New appointment date (later than the due date); the apology itself must be issued no later than the original due date; set once' })
  @IsDateTime()
  newDueAt!: string;
}
export class TransferDto extends ReasonDto {
  @ApiProperty({ pattern: UNIT_CODE.source, example: '00004' }) @Matches(UNIT_CODE, { message: 'unit codes are 2–5 digits' }) toUnitCode!: string;
}

// ------------------------------------------------------------------ query strings

export class ListQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ description: `Comma-separated statuses: ${STATUSES.join(', ')}`, example: 'RECEIVED,IN_PROCESSING' })
  @IsOptional()
  @IsString()
  status?: string;
  @ApiPropertyOptional({ description: 'Receiving, competent or processing unit', pattern: UNIT_CODE.source })
  @IsOptional()
  @Matches(UNIT_CODE)
  unitCode?: string;
  @ApiPropertyOptional({ example: 'HT.001' }) @IsOptional() @IsString() procedureCode?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: DossierChannel;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
}

// ------------------------------------------------------------------ responses

export class ApplicantDto {
  @ApiProperty() fullName!: string;
  @ApiProperty({ example: '001090001234' }) idNumber!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
}

export class ApologyViewDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) newDueAt!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

export class DossierDto {
  @ApiProperty({ example: '00004-260302-0001', description: '<receiving unit>-<YYMMDD>-<NNNN>' }) code!: string;
  @ApiProperty({ example: 'HT.001' }) procedureCode!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty() receivingUnitCode!: string;
  @ApiProperty() competentUnitCode!: string;
  @ApiProperty() processingUnitCode!: string;
  @ApiProperty({ type: ApplicantDto }) applicant!: ApplicantDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) formData!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The appointment (an apology’s new date if issued); null while paused' })
  dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Due date computed at receipt' }) originalDueAt!: string | null;
  @ApiProperty({ description: 'Waiting for a supplement (the clock is paused)' }) paused!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resultNote!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: ApologyViewDto, nullable: true }) apology!: ApologyViewDto | null;
  @ApiProperty({ description: 'Optimistic-locking version' }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Original code on the receipt of a dossier handed over from a legacy system' }) legacyCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The legacy unit that received it' }) legacyAgencyCode!: string | null;
}

export class HistoryEntryDto {
  @ApiProperty({ example: 'START_PROCESSING' }) action!: string;
  @ApiProperty({ enum: STATUSES, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ enum: STATUSES }) toStatus!: string;
  @ApiProperty() actorSub!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) actorUnit!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) data!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class SupplementRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) providedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) providedNote!: string | null;
}

export class AttachmentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplementRequestId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class DossierDetailDto extends DossierDto {
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiProperty({ type: [SupplementRequestViewDto] }) supplementRequests!: SupplementRequestViewDto[];
  @ApiProperty({ type: [AttachmentViewDto] }) attachments!: AttachmentViewDto[];
}

export class DossierPageDto {
  @ApiProperty({ type: [DossierDto] }) items!: DossierDto[];
  @ApiProperty({ type: RestPageInfoDto }) pageInfo!: RestPageInfoDto;
  @ApiProperty() totalCount!: number;
}

export class TrackingStepDto {
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DossierTrackingDto {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Original code of a dossier handed over from a legacy system' }) legacyCode!: string | null;
  @ApiProperty() procedureCode!: string;
  @ApiProperty({ description: 'The procedure’s name (its code when the procedure is no longer listed)' }) procedureName!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) apologyNewDueAt!: string | null;
  @ApiProperty({ type: [TrackingStepDto] }) history!: TrackingStepDto[];
}
