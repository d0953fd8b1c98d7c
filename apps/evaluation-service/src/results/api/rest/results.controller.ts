import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { KeysetPageQuery, keysetRequest, restListOfSlice } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RankingsQuery, rankingKey } from '../../application/rankings.query';
import { TargetReportQuery } from '../../application/target-report.query';

export class CycleParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
}

export class RankingsQueryDto extends KeysetPageQuery {
  @ApiProperty({ example: '01' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
}

export class TargetReportQueryDto {
  @ApiProperty({ example: '30' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
@Controller('api/v1/evaluation')
export class ResultsController {
  constructor(
    private readonly rankingsQuery: RankingsQuery,
    private readonly targetReportQuery: TargetReportQuery,
  ) {}

  @Get('cycles/:cycleId/rankings')
  @ApiOperation({ summary: "A province's approved results of a cycle by total, keyset pages (?first=&after=)" })
  async rankings(@Param() p: CycleParams, @Query() q: RankingsQueryDto, @CurrentUser() user: AuthUser) {
    const page = keysetRequest(q.first, q.after, 2);
    const slice = await this.rankingsQuery.execute(user, p.cycleId, q.provinceCode, page);
    return restListOfSlice(slice, rankingKey, (r) => ({ rank: r.rank, unitCode: r.unitCode, total: r.total, levelCode: r.levelCode, state: r.state }));
  }

  @Get('target-report')
  @ApiOperation({ summary: "A province's targets for a year: share reached vs required" })
  targetReport(@Query() q: TargetReportQueryDto, @CurrentUser() user: AuthUser) {
    return this.targetReportQuery.execute(user, q.provinceCode, q.year);
  }
}
