import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsUnitCode, UNIT_CODE_SYNTAX } from '@xaso/api';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class GeoPointDto {
  @ApiProperty() @IsNumber() @Min(-90) @Max(90) lat!: number;
  @ApiProperty() @IsNumber() @Min(-180) @Max(180) lon!: number;
}

export class PetitionerDto {
  @ApiProperty() @IsString() @MaxLength(200) fullName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
}

/** 1022-style intake from other channels (hotline, mail, partner agencies). */
export class SubmitPetitionDto {
  @ApiProperty({ example: '00004', pattern: UNIT_CODE_SYNTAX.source }) @IsUnitCode() unitCode!: string;
  @ApiProperty({ enum: ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'] })
  @IsEnum(['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'])
  kind!: 'COMPLAINT' | 'DENUNCIATION' | 'RECOMMENDATION' | 'FEEDBACK';
  @ApiProperty({ enum: ['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE'] })
  @IsEnum(['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE'])
  channel!: 'RECEPTION' | 'ONLINE' | 'MAIL' | 'HOTLINE';
  @ApiProperty() @IsString() @MaxLength(300) title!: string;
  @ApiProperty() @IsString() @MaxLength(20_000) content!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ type: GeoPointDto }) @IsOptional() @ValidateNested() @Type(() => GeoPointDto) location?: GeoPointDto;
  @ApiPropertyOptional({ type: PetitionerDto }) @IsOptional() @ValidateNested() @Type(() => PetitionerDto) petitioner?: PetitionerDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) petitionerCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remoteArea?: boolean;
  @ApiPropertyOptional({ example: '2026-01-15', description: 'Complaint: day of the act or decision complained about (90-day filing limit)' })
  @IsOptional()
  @IsCalendarDate()
  actDate?: string;
}

export class PeriodQuery {
  @ApiProperty({ example: '00004' }) @IsUnitCode() unitCode!: string;
  @ApiProperty({ example: '2026-03-01', format: 'date' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2026-03-31', format: 'date' }) @IsCalendarDate() to!: string;
}

export class TrackQuery {
  @ApiProperty() @IsString() secret!: string;
}
