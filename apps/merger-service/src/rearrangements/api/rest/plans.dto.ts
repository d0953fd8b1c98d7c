import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsCalendarDate, KeysetPageQuery, RestPageInfoDto } from '@xaso/api';
import { IsArray, IsEnum, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ArrayMaxSize } from 'class-validator';
import { PLAN_ENTRY_KINDS, PLAN_STATUSES, type PlanStatus } from '../../domain/plan';
import type { PlanSummary } from '../../application/rearrangement-plan.repository.port';

export class PlanIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a plan id (UUID)' }) id!: string;
}

export class CreatePlanBody {
  @ApiProperty({ example: '1656/NQ-UBTVQH15' }) @IsString() @MaxLength(100) resolutionNumber!: string;
  @ApiProperty({ example: '2025-06-16' }) @IsCalendarDate({ message: 'resolutionDate must be a date YYYY-MM-DD' }) resolutionDate!: string;
  @ApiProperty({ example: '2025-07-01' }) @IsCalendarDate({ message: 'effectiveDate must be a date YYYY-MM-DD' }) effectiveDate!: string;
  @ApiPropertyOptional({ example: '79' }) @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode is 2 digits' }) provinceCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ type: [Object], description: 'First entries (same shape as POST /:id/entries), at most 20,000' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsObject({ each: true })
  entries?: Record<string, unknown>[];
}

/** An entry: `kind` and the fields its kind needs (checked by the domain, field by field). */
export class PlanEntryBody {
  @ApiProperty({ enum: PLAN_ENTRY_KINDS }) @IsIn(PLAN_ENTRY_KINDS as unknown as string[]) kind!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() sources?: string[];
  @ApiPropertyOptional({ type: Object, example: { code: '00004', name: 'Phường Ba Đình', type: 'Phường', parentCode: '01' } }) @IsOptional() @IsObject() target?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() source?: string;
  @ApiPropertyOptional({ type: [Object], example: [{ code: '00097', villageCodes: [] }] }) @IsOptional() @IsArray() @IsObject({ each: true }) parts?: Record<string, unknown>[];
  @ApiPropertyOptional() @IsOptional() @IsString() code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() newCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() parentCode?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() recordsTo?: string[];
}

export class ListPlansQuery extends IntersectionType(KeysetPageQuery) {
  @ApiPropertyOptional({ enum: PLAN_STATUSES }) @IsOptional() @IsEnum(Object.fromEntries(PLAN_STATUSES.map((s) => [s, s]))) status?: PlanStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode is 2 digits' }) provinceCode?: string;
}

export class PlanDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: { resolutionNumber: '202/2025/QH15', resolutionDate: '2025-06-12' } }) legalBasis!: { resolutionNumber: string; resolutionDate: string };
  @ApiProperty() effectiveDate!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: PlanStatus;
  @ApiProperty({ nullable: true, type: String }) provinceCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() imported!: boolean;
  @ApiProperty() entryCount!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(plan: PlanSummary): PlanDto {
    return { ...plan };
  }
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] }) items!: PlanDto[];
  @ApiProperty({ type: RestPageInfoDto }) pageInfo!: RestPageInfoDto;
  @ApiProperty() totalCount!: number;
}
