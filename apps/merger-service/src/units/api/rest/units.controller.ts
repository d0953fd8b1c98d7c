import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsCalendarDate, NotFoundError } from '@xaso/api';
import { Public } from '@xaso/auth';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { GetAdministrativeUnit, ListAdministrativeUnits } from '../../application/unit-queries';
import { todayInVietnam } from '@xaso/calendar';
import { type AdministrativeUnit, UNIT_CODE_PATTERN, UnitLevel, isInForce } from '../../domain/unit';
import { connectionOf, pageQuery } from '../page';

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

export class ListUnitsQuery extends AsOfQuery {
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

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;

  @ApiPropertyOptional({ description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  after?: string;
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
}

class PageInfoDto {
  @ApiProperty() hasNextPage!: boolean;
  @ApiProperty() hasPreviousPage!: boolean;
  @ApiProperty({ nullable: true, type: String }) startCursor!: string | null;
  @ApiProperty({ nullable: true, type: String }) endCursor!: string | null;
}

class UnitEdgeDto {
  @ApiProperty({ type: UnitDto }) node!: UnitDto;
  @ApiProperty() cursor!: string;
}

export class UnitConnectionDto {
  @ApiProperty({ type: [UnitEdgeDto] }) edges!: UnitEdgeDto[];
  @ApiProperty({ type: PageInfoDto }) pageInfo!: PageInfoDto;
  @ApiProperty() totalCount!: number;
}

function toDto(unit: AdministrativeUnit, asOf: string): UnitDto {
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

/** REST for agencies: the same registry reads as GraphQL, public data. */
@ApiTags('administrative-units')
@Public()
@Controller('api/v1/administrative-units')
export class AdministrativeUnitsController {
  constructor(
    private readonly getUnit: GetAdministrativeUnit,
    private readonly listUnits: ListAdministrativeUnits,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units in force on a day (đơn vị hành chính), filtered and paged' })
  @ApiOkResponse({ type: UnitConnectionDto })
  async list(@Query() query: ListUnitsQuery): Promise<UnitConnectionDto> {
    const day = query.asOf ?? todayInVietnam();
    const page = pageQuery(query.first, query.after);
    const result = await this.listUnits.execute(
      { asOf: day, level: query.level, parentCode: query.parentCode, search: query.search },
      page,
    );
    return connectionOf(result, page.afterCode, (unit) => toDto(unit, day));
  }

  @Get(':code')
  @ApiOperation({ summary: 'The unit a code named on a day (default today)' })
  @ApiOkResponse({ type: UnitDto })
  async get(@Param() params: UnitCodeParams, @Query() query: AsOfQuery): Promise<UnitDto> {
    const day = query.asOf ?? todayInVietnam();
    const unit = await this.getUnit.execute(params.code, day);
    if (!unit) throw new NotFoundError(`Administrative unit on ${day}`, `đơn vị hành chính vào ngày ${day}`, params.code);
    return toDto(unit, day);
  }
}
