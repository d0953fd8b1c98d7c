import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUnitCode } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { IsString, MaxLength } from 'class-validator';
import { ApproveAssessment } from '../../application/approve-assessment.use-case';
import type { AssessmentView } from '../../application/assessment-view';
import { GetAssessment } from '../../application/get-assessment.query';
import { SubmitAssessment } from '../../application/submit-assessment.use-case';

export class AssessmentParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
  @ApiProperty({ example: '00004' }) @IsUnitCode() unitCode!: string;
}

/** Results for agencies: the assessment with self and reviewed sheets side by side. */
const view = ({ assessment, self, reviewed, overdue }: AssessmentView) => ({
  ...assessment,
  self: { total: self.total, levelCode: self.levelCode, insufficientData: self.insufficientData, groups: self.groups },
  reviewed: { total: reviewed.total, levelCode: reviewed.levelCode, insufficientData: reviewed.insufficientData, groups: reviewed.groups },
  overdue,
});

@ApiTags('evaluation')
@ApiBearerAuth()
@Roles(...GOVERNMENT_STAFF)
@Controller('api/v1/evaluation/cycles/:cycleId/assessments/:unitCode')
export class AssessmentsController {
  constructor(
    private readonly getAssessment: GetAssessment,
    private readonly submitAssessment: SubmitAssessment,
    private readonly approveAssessment: ApproveAssessment,
  ) {}

  @Get()
  @ApiOperation({ summary: "A commune's assessment (its own officers, its province, administrators)" })
  async get(@Param() p: AssessmentParams, @CurrentUser() user: AuthUser) {
    return view(await this.getAssessment.execute(user, p.cycleId, p.unitCode));
  }

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The commune submits; COMPUTED values are measured and frozen' })
  async submit(@Param() p: AssessmentParams, @CurrentUser() user: AuthUser) {
    return view(await this.submitAssessment.execute(user, p.cycleId, p.unitCode));
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'The province approves the reviewed result' })
  async approve(@Param() p: AssessmentParams, @CurrentUser() user: AuthUser) {
    return view(await this.approveAssessment.execute(user, p.cycleId, p.unitCode));
  }
}
