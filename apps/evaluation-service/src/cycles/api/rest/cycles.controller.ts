import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { IsString, MaxLength } from 'class-validator';
import { CycleSummaryQuery } from '../../application/cycle-summary.query';
import { GetCycle } from '../../application/get-cycle.query';
import { PublishResults } from '../../application/publish-results.use-case';

export class CycleIdParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/evaluation/cycles/:cycleId')
export class CyclesController {
  constructor(
    private readonly getCycle: GetCycle,
    private readonly summaryQuery: CycleSummaryQuery,
    private readonly publishResultsUseCase: PublishResults,
  ) {}

  @Get()
  @Roles(...GOVERNMENT_STAFF)
  @ApiOperation({ summary: 'A cycle with its summary: assessments per state, overdue ones per stage (today in Vietnam)' })
  async get(@Param() p: CycleIdParams, @CurrentUser() user: AuthUser) {
    const { openedBy: _openedBy, ...cycle } = await this.getCycle.execute(user, p.cycleId);
    return { ...cycle, summary: await this.summaryQuery.execute({ ...cycle, openedBy: '' }) };
  }

  @Post('publish')
  @HttpCode(200)
  @Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
  @ApiOperation({ summary: "The province publishes the cycle's results to its communes (after recognition)" })
  async publish(@Param() p: CycleIdParams, @CurrentUser() user: AuthUser) {
    const { openedBy: _openedBy, ...cycle } = await this.publishResultsUseCase.execute(user, p.cycleId);
    return cycle;
  }
}
