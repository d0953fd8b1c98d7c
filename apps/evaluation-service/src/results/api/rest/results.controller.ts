import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { KeysetPageQuery, keysetRequest, restListOfSlice } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RankingsQuery, rankingKey } from '../../application/rankings.query';
import { TargetReportQuery } from '../../application/target-report.query';
import { SetProvinceTargets } from '../../application/set-province-targets.use-case';

export class CycleParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
}

export class RankingsQueryDto extends KeysetPageQuery {
  @ApiProperty({ example: '01' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
}

export class ProvinceTargetsParams {
  @ApiProperty({ example: '30' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
  @ApiProperty({ example: 'HD-FRIENDLY-GOV' }) @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/) scorecardCode!: string;
}

export class ProvinceTargetsBody {
  @ApiProperty({ description: '[{ fromYear, toYear, requirements: [{ code, titleVi, titleEn, minLevelRank, minPercent, minCount }] }]', type: 'array', items: { type: 'object' } })
  @IsArray()
  years!: unknown[];
}

export class TargetReportQueryDto {
  @ApiProperty({ example: '30' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/evaluation')
export class ResultsController {
  constructor(
    private readonly rankingsQuery: RankingsQuery,
    private readonly targetReportQuery: TargetReportQuery,
    private readonly setTargets: SetProvinceTargets,
  ) {}

  @Get('cycles/:cycleId/rankings')
  @Roles(...GOVERNMENT_STAFF)
  @ApiOperation({ summary: "A province's approved results of a cycle by total, keyset pages (?first=&after=)" })
  async rankings(@Param() p: CycleParams, @Query() q: RankingsQueryDto, @CurrentUser() user: AuthUser) {
    const page = keysetRequest(q.first, q.after, 2);
    const slice = await this.rankingsQuery.execute(user, p.cycleId, q.provinceCode, page);
    return restListOfSlice(slice, rankingKey, (r) => ({ rank: r.rank, unitCode: r.unitCode, total: r.total, levelCode: r.levelCode, state: r.state }));
  }

  @Get('target-report')
  @Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
  @ApiOperation({ summary: "A province's targets for a year: share reached vs required" })
  targetReport(@Query() q: TargetReportQueryDto, @CurrentUser() user: AuthUser) {
    return this.targetReportQuery.execute(user, q.provinceCode, q.year);
  }

  @Put('provinces/:provinceCode/targets/:scorecardCode')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: "ADMIN sets a province's targets for a scorecard (replaces them)" })
  setProvinceTargets(@Param() p: ProvinceTargetsParams, @Body() body: ProvinceTargetsBody, @CurrentUser() user: AuthUser) {
    return this.setTargets.execute(user, p.provinceCode, p.scorecardCode, body.years);
  }
}
