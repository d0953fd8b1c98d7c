import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { UNIT_CODE } from '../../../dossiers/api/graphql/dossier.models';

export class StatisticsQuery {
  // Checked by the handler (one message for the three); @IsOptional/@IsString keep them through the whitelist.
  @ApiProperty({ pattern: UNIT_CODE.source, description: 'Processing unit' }) @IsOptional() @IsString() unitCode!: string;
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First local day of the period' }) @IsOptional() @IsString() from!: string;
  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Last local day of the period (inclusive)' }) @IsOptional() @IsString() to!: string;
}

export class ReceivedCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() online!: number;
  @ApiProperty() direct!: number;
  @ApiProperty() postal!: number;
}
export class ResolvedCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() early!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
}
export class DossierStatisticsDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: 'Kỳ trước chuyển sang' }) carriedOver!: number;
  @ApiProperty({ type: ReceivedCountsDto }) received!: ReceivedCountsDto;
  @ApiProperty({ type: ResolvedCountsDto, description: 'Against the legal due date, by local day' }) resolved!: ResolvedCountsDto;
  @ApiProperty({ description: 'Withdrawn or stopped in the period' }) closedWithoutDecision!: number;
  @ApiProperty() pendingOnTime!: number;
  @ApiProperty() pendingOverdue!: number;
  @ApiProperty({ type: Number, nullable: true, description: '(early + onTime) / resolved, 0..1' }) onTimeRate!: number | null;
}
