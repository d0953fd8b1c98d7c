import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { GetScorecard } from '../../application/get-scorecard.query';
import { ListScorecards } from '../../application/list-scorecards.query';

export class ScorecardVersionParams {
  @ApiProperty() @IsString() @MaxLength(64) code!: string;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) version!: number;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Roles(...GOVERNMENT_STAFF)
@Controller('api/v1/evaluation/scorecards')
export class ScorecardsController {
  constructor(
    private readonly listScorecards: ListScorecards,
    private readonly getScorecard: GetScorecard,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every published scorecard version (definition included)' })
  async list() {
    return { items: (await this.listScorecards.execute()).map((p) => ({ ...p.scorecard, inUse: p.inUse, publishedAt: p.publishedAt })) };
  }

  @Get(':code/:version')
  @ApiOperation({ summary: 'One scorecard version' })
  async get(@Param() params: ScorecardVersionParams) {
    const p = await this.getScorecard.execute(params.code, params.version);
    return { ...p.scorecard, inUse: p.inUse, publishedAt: p.publishedAt };
  }
}
