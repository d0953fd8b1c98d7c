import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsCalendarDate, KeysetPageQuery, RestPageInfoDto } from '@xaso/api';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type AdministrativeUnit, UNIT_CODE_PATTERN, UnitLevel, isInForce } from '../../domain/unit';

export class UnitCodeParams {
  @ApiProperty({ example: '00004' })
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be 2–5 digits (villages: <commune code>-NNN)' })
  code!: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2024-05-01', description: 'Default: today (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsCalendarDate({ message: 'asOf must be a calendar date YYYY-MM-DD' })
  asOf?: string;
}

/** `?asOf=&level=&parentCode=&search=` and the shared `?first=&after=`. */
export class ListUnitsQuery extends IntersectionType(AsOfQuery, KeysetPageQuery) {
  @ApiPropertyOptional({ enum: UnitLevel })
  @IsOptional()
  @IsEnum(UnitLevel)
  level?: UnitLevel;

  @ApiPropertyOptional({ example: '01' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN)
  parentCode?: string;

  @ApiPropertyOptional({ example: 'ba dinh', description: 'Accent- and case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class UnitDto {
  @ApiProperty({ example: '00004' }) code!: string;
  @ApiProperty({ example: 'Phường Ba Đình' }) name!: string;
  @ApiProperty({ enum: UnitLevel }) level!: UnitLevel;
  @ApiProperty({ example: 'Phường' }) type!: string;
  @ApiProperty({ example: '2025-07-01' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) validTo!: string | null;
  @ApiProperty({ description: 'In force on asOf' }) active!: boolean;
  @ApiProperty({ nullable: true, type: Object, example: { code: '01', validFrom: '2025-07-01' } })
  parent!: { code: string; validFrom: string } | null;

  static of(unit: AdministrativeUnit, asOf: string): UnitDto {
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      type: unit.type,
      validFrom: unit.validFrom,
      validTo: unit.validTo,
      active: isInForce(unit, asOf),
      parent: unit.parentCode && unit.parentValidFrom ? { code: unit.parentCode, validFrom: unit.parentValidFrom } : null,
    };
  }
}

/** The one REST list shape: `{ items, pageInfo: { hasNextPage, endCursor }, totalCount }`. */
export class UnitListDto {
  @ApiProperty({ type: [UnitDto] }) items!: UnitDto[];
  @ApiProperty({ type: RestPageInfoDto }) pageInfo!: RestPageInfoDto;
  @ApiProperty() totalCount!: number;
}
