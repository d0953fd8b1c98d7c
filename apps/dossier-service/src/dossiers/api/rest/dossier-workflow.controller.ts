import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, type AuthUser, CurrentUser, Roles, STAFF_OR_AGENCY } from '@xaso/auth';
import { ApiProblems } from '../../../common/api-problems';
import { DossierOverdueCheck } from '../../application/dossier-overdue-check';
import type { DossierRecord } from '../../application/dossier.records';
import { IssueApology } from '../../application/issue-apology.use-case';
import { SubmitDossier } from '../../application/submit-dossier.use-case';
import { TransferDossier } from '../../application/transfer-dossier.use-case';
import { TransitionDossier } from '../../application/transition-dossier.use-case';
import { SubmitDossierInput } from '../graphql/dossier.models';
import {
  ApologyDto,
  CompleteDto,
  DossierDto,
  NoteDto,
  OptionalReasonDto,
  ProvideSupplementDto,
  ReasonDto,
  SupplementRequestDto,
  TransferDto,
} from './dossier.rest-dto';
import { dossierView } from './dossier.view';

/** Changing dossiers over REST: submission and the workflow commands (every POST takes an Idempotency-Key). */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossierWorkflowController {
  constructor(
    private readonly overdueCheck: DossierOverdueCheck,
    private readonly submitDossier: SubmitDossier,
    private readonly transition: TransitionDossier,
    private readonly issueApology: IssueApology,
    private readonly transferDossier: TransferDossier,
  ) {}

  private async reply(work: () => Promise<DossierRecord>) {
    const d = await work();
    return dossierView(d, this.overdueCheck.isOverdue(d));
  }

  @Roles(...ANY_ROLE)
  @Post()
  @ApiOperation({ summary: 'Submit a dossier (citizen online; officer/agency at the counter or by post)' })
  @ApiBody({ type: SubmitDossierInput })
  @ApiCreatedResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 422)
  submit(
    @CurrentUser() user: AuthUser,
    @Body() body: SubmitDossierInput,
  ) {
    return this.reply(() => this.submitDossier.execute(user, body));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/start-processing')
  @HttpCode(200)
  @ApiOperation({ summary: 'RECEIVED → IN_PROCESSING' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  start(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: NoteDto) {
    return this.reply(() => this.transition.execute(user, code, { type: 'START_PROCESSING', note: body.note }));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/supplement-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Request a supplement: the clock is paused until it arrives' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  requestSupplement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: SupplementRequestDto) {
    return this.reply(() =>
      this.transition.execute(user, code, { type: 'REQUEST_SUPPLEMENT', reason: body.reason, items: body.items }),
    );
  }

  @Roles(...ANY_ROLE)
  @Post(':code/supplements')
  @HttpCode(200)
  @ApiOperation({ summary: 'Provide the requested supplement: the due date moves by the paused working days' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  provideSupplement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ProvideSupplementDto) {
    return this.reply(() =>
      this.transition.execute(user, code, { type: 'PROVIDE_SUPPLEMENT', note: body.note ?? null, attachments: body.attachments ?? [] }),
    );
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'IN_PROCESSING → PROCESSED (result ready)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  complete(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: CompleteDto) {
    return this.reply(() => this.transition.execute(user, code, { type: 'COMPLETE', resultNote: body.resultNote }));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'PROCESSED → RETURNED (result handed over)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(401, 403, 404, 409, 422)
  returnResult(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.reply(() => this.transition.execute(user, code, { type: 'RETURN' }));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse (LEADER)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  refuse(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ReasonDto) {
    return this.reply(() => this.transition.execute(user, code, { type: 'REFUSE', reason: body.reason }));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop processing (LEADER)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  stop(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ReasonDto) {
    return this.reply(() => this.transition.execute(user, code, { type: 'STOP', reason: body.reason }));
  }

  @Roles(...ANY_ROLE)
  @Post(':code/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdrawn by the applicant (or an officer on their behalf)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  withdraw(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: OptionalReasonDto) {
    return this.reply(() => this.transition.execute(user, code, { type: 'WITHDRAW', reason: body.reason ?? null }));
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/apology')
  @HttpCode(200)
  @ApiOperation({ summary: 'Written apology with a new appointment date (once, no later than the original due date)' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  apology(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ApologyDto) {
    return this.reply(() =>
      this.issueApology.execute(user, code, body.reason, new Date(body.newDueAt)),
    );
  }

  @Roles(...STAFF_OR_AGENCY)
  @Post(':code/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer to another processing unit with a reason' })
  @ApiOkResponse({ type: DossierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  transfer(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: TransferDto) {
    return this.reply(() => this.transferDossier.execute(user, code, body.toUnitCode, body.reason));
  }
}
