import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Connection, PaginationArgs, RestPageInfoDto } from '@xaso/api';
import { PROCEDURE_CODE_PATTERN } from '../../domain';

/** Level of the authority competent to decide (the domain's `CompetentLevel`). */
export enum ProcedureCompetentLevel {
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ProcedureCompetentLevel, { name: 'ProcedureCompetentLevel', description: 'Cấp có thẩm quyền giải quyết: xã, tỉnh' });

/** How much of the procedure can be done online (the domain's `OnlineLevel`). */
export enum ProcedureOnlineLevel {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
}
registerEnumType(ProcedureOnlineLevel, { name: 'ProcedureOnlineLevel', description: 'Dịch vụ công trực tuyến toàn trình (FULL) hoặc một phần (PARTIAL)' });

@ObjectType('Procedure', { description: 'Thủ tục hành chính' })
export class ProcedureModel {
  @Field(() => ID) @ApiProperty({ example: 'HT.001' }) code!: string;
  @Field() @ApiProperty({ example: 'Đăng ký khai sinh' }) name!: string;
  @Field({ description: 'Lĩnh vực' }) @ApiProperty({ description: 'Lĩnh vực', example: 'Hộ tịch' }) field!: string;
  @Field(() => ProcedureCompetentLevel, { description: 'Cấp có thẩm quyền giải quyết' }) @ApiProperty({ enum: ['COMMUNE', 'PROVINCE'] }) competentLevel!: string;
  @Field(() => Int, { description: 'Thời hạn giải quyết (ngày làm việc)' })
  @ApiProperty({ description: 'Legal processing time in working days (0 = same day)' })
  processingDays!: number;
  @Field(() => Int, { nullable: true, description: 'Thời hạn tối đa khi cần xác minh (ngày làm việc); null = không được gia hạn' })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Longest legal time in working days when verification is needed' })
  maxProcessingDays!: number | null;
  @Field(() => Float, { description: 'Lệ phí (VND)' }) @ApiProperty({ description: 'Fee in VND' }) fee!: number;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) feeNote!: string | null;
  @Field(() => [String], { description: 'Thành phần hồ sơ' }) @ApiProperty({ type: [String], description: 'Thành phần hồ sơ' }) requiredDocuments!: string[];
  @Field(() => ProcedureOnlineLevel, { description: 'FULL (toàn trình) or PARTIAL (một phần)' }) @ApiProperty({ enum: ['FULL', 'PARTIAL'] }) onlineLevel!: string;
  @Field() @ApiProperty() active!: boolean;
  @Field({ description: 'Căn cứ pháp lý' })
  @ApiProperty({ description: 'Căn cứ pháp lý', example: 'Luật Hộ tịch 2014, Điều 16; Nghị định 123/2015/NĐ-CP' })
  legalBasis!: string;
}

@ObjectType('ProcedureConnection')
export class ProcedureConnection extends Connection(ProcedureModel, 'Procedure') {}

/** REST page of the catalogue. */
export class ProcedurePageDto {
  @ApiProperty({ type: [ProcedureModel] }) items!: ProcedureModel[];
  @ApiProperty({ type: RestPageInfoDto }) pageInfo!: RestPageInfoDto;
  @ApiProperty() totalCount!: number;
}

@ArgsType()
export class ProceduresArgs extends PaginationArgs {
  @Field({ nullable: true, description: 'Part of the code, name or field; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** A catalogue entry as the ADMIN editor sends it (REST `PUT /api/v1/procedures/{code}` body). */
@InputType('ProcedureFieldsInput', { isAbstract: true })
export class ProcedureBody {
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) name!: string;
  @Field() @ApiProperty({ description: 'Lĩnh vực' }) @IsString() @MinLength(1) @MaxLength(200) field!: string;
  @Field(() => ProcedureCompetentLevel) @ApiProperty({ enum: ['COMMUNE', 'PROVINCE'] }) @IsIn(['COMMUNE', 'PROVINCE']) competentLevel!: 'COMMUNE' | 'PROVINCE';
  @Field(() => Int) @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) processingDays!: number;
  @Field(() => Int, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(365) maxProcessingDays?: number | null;
  @Field(() => Float) @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) fee!: number;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) feeNote?: string | null;
  @Field(() => [String])
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  requiredDocuments!: string[];
  @Field(() => ProcedureOnlineLevel) @ApiProperty({ enum: ['FULL', 'PARTIAL'] }) @IsIn(['FULL', 'PARTIAL']) onlineLevel!: 'FULL' | 'PARTIAL';
  @Field({ nullable: true, defaultValue: true }) @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @Field() @ApiProperty({ description: 'Căn cứ pháp lý' }) @IsString() @MinLength(1) @MaxLength(2000) legalBasis!: string;
}

@InputType('ProcedureInput', { description: 'ADMIN: a procedure to add or replace (by code)' })
export class ProcedureInput extends ProcedureBody {
  @Field(() => ID) @ApiProperty({ example: 'HT.020' }) @Matches(PROCEDURE_CODE_PATTERN, { message: 'code must look like HT.001' }) code!: string;
}
