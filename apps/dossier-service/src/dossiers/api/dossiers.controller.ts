import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError, ValidationFailedError } from '@xaso/api';
import { ANY_ROLE, type AuthUser, CurrentUser, Public, Role, Roles, STAFF_OR_AGENCY } from '@xaso/auth';
import { isValidLocalDate } from '@xaso/calendar';
import { ProcedureBody, ProcedureModel, ProcedurePageDto } from '../../procedures/api/procedure.models';
import { upsertProcedure } from '../../procedures/application/upsert-procedure';
import { ProcedureRepository } from '../../procedures/infrastructure/procedure.repository';
import { StatisticsService } from '../../statistics/statistics';
import { DossierQueries } from '../application/dossier-queries';
import { IssueApology } from '../application/issue-apology.use-case';
import { SubmitDossier } from '../application/submit-dossier.use-case';
import { TransferDossier } from '../application/transfer-dossier.use-case';
import { TransitionDossier } from '../application/transition-dossier.use-case';
import { shownDueAt } from '../application/domain-bridge';
import { DossierStatus } from '../domain';
import { DossierRepository, type DossierRecord } from '../infrastructure/dossier.repository';
import { SubmitDossierInput, UNIT_CODE } from './dossier.models';
import {
  ApiProblems,
  ApologyDto,
  CompleteDto,
  DossierDetailDto,
  DossierDto,
  DossierPageDto,
  DossierStatisticsDto,
  DossierTrackingDto,
  ListQuery,
  NoteDto,
  OptionalReasonDto,
  ProceduresQuery,
  ProvideSupplementDto,
  ReasonDto,
  StatisticsQuery,
  SupplementRequestDto,
  TransferDto,
} from './dossier.rest-dto';

/** REST view of a dossier (the applicant's data only reaches callers allowed to see the dossier). */
function view(d: DossierRecord, overdue: boolean) {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    status: d.status,
    channel: d.channel,
    receivingUnitCode: d.receivingUnitCode,
    competentUnitCode: d.competentUnitCode,
    processingUnitCode: d.processingUnitCode,
    applicant: { fullName: d.applicant.fullName, idNumber: d.applicant.idNumber, phone: d.applicant.phone, email: d.applicant.email, address: d.applicant.address },
    formData: d.formData,
    receivedAt: d.receivedAt,
    dueAt: shownDueAt(d),
    originalDueAt: d.originalDueAt,
    paused: !!d.pausedSince,
    completedAt: d.completedAt,
    returnedAt: d.returnedAt,
    resultNote: d.resultNote,
    overdue,
    apology: d.apology ? { reason: d.apology.reason, newDueAt: d.apology.newDueAt, issuedAt: d.apology.issuedAt } : null,
    version: d.version,
  };
}

@ApiTags('procedures')
@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProcedureRepository) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Procedure catalogue (active entries; public)' })
  @ApiOkResponse({ type: ProcedurePageDto })
  @ApiProblems(400)
  async list(@Query() q: ProceduresQuery) {
    return this.procedures.search(q.search, q.offset ?? 0, q.limit ?? 20);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'One procedure (with its legal basis and processing times)' })
  @ApiParam({ name: 'code', example: 'HT.001' })
  @ApiOkResponse({ type: ProcedureModel })
  @ApiProblems(404)
  async get(@Param('code') code: string) {
    const procedure = await this.procedures.find(code);
    if (!procedure) throw new NotFoundError('Procedure', 'thủ tục', code);
    return procedure;
  }

  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Put(':code')
  @ApiOperation({ summary: 'ADMIN: add or replace a catalogue entry (validated like the seed list)' })
  @ApiParam({ name: 'code', example: 'HT.020', description: 'Looks like HT.001' })
  @ApiBody({ type: ProcedureBody })
  @ApiOkResponse({ type: ProcedureModel })
  @ApiProblems(400, 401, 403)
  put(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ProcedureBody) {
    return upsertProcedure(this.procedures, { ...body, code }, user.sub);
  }
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly queries: DossierQueries,
    private readonly submitDossier: SubmitDossier,
    private readonly transition: TransitionDossier,
    private readonly issueApology: IssueApology,
    private readonly transferDossier: TransferDossier,
    private readonly dossiers: DossierRepository,
    private readonly statistics: StatisticsService,
  ) {}

  private async reply(work: () => Promise<DossierRecord>) {
    const d = await work();
    return view(d, this.queries.isOverdue(d));
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

  @Roles(...ANY_ROLE)
  @Get()
  @ApiOperation({ summary: 'Dossiers visible to the caller, newest first' })
  @ApiOkResponse({ type: DossierPageDto })
  @ApiProblems(400, 401)
  async list(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    const status = q.status?.split(',').filter(Boolean);
    if (status?.some((s) => !(s in DossierStatus))) {
      throw new ValidationFailedError(`Unknown status in ${q.status}`, `Trạng thái không hợp lệ: ${q.status}`, { field: 'status' });
    }
    const { items, total } = await this.queries.list(
      user,
      { status, unitCode: q.unitCode, procedureCode: q.procedureCode, channel: q.channel, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' },
      q.offset ?? 0,
      q.limit ?? 20,
    );
    return { total, items: items.map((d) => view(d, this.queries.isOverdue(d))) };
  }

  @Roles(...STAFF_OR_AGENCY)
  @Get('statistics')
  @ApiOperation({ summary: 'Statistics of a unit (as processing unit) for local days from..to' })
  @ApiOkResponse({ type: DossierStatisticsDto })
  @ApiProblems(400, 401, 403)
  statisticsOf(@CurrentUser() user: AuthUser, @Query() q: StatisticsQuery) {
    const { unitCode, from, to } = q;
    if (!UNIT_CODE.test(unitCode ?? '') || !isValidLocalDate(from) || !isValidLocalDate(to)) {
      throw new ValidationFailedError('unitCode, from and to (YYYY-MM-DD) are required', 'Cần unitCode, from và to (YYYY-MM-DD)');
    }
    return this.statistics.forUnit(user, unitCode, from, to);
  }

  @Public()
  @Get(':code/tracking')
  @ApiOperation({ summary: 'Public tracking (no personal data) with the last 4 digits of the ID number' })
  @ApiQuery({ name: 'idNumberLast4', required: true, example: '1234' })
  @ApiOkResponse({ type: DossierTrackingDto })
  @ApiProblems(404)
  async track(@Param('code') code: string, @Query('idNumberLast4') last4: string) {
    const d = await this.queries.track(code, last4 ?? '');
    if (!d) throw new NotFoundError('Dossier', 'hồ sơ', code);
    const history = await this.dossiers.historyOf([d.id]);
    return {
      code: d.code,
      procedureCode: d.procedureCode,
      status: d.status,
      receivedAt: d.receivedAt,
      dueAt: shownDueAt(d),
      completedAt: d.completedAt,
      overdue: this.queries.isOverdue(d),
      apologyNewDueAt: d.apology?.newDueAt ?? null,
      history: history.map((h) => ({ status: h.toStatus, action: h.action, at: h.at })),
    };
  }

  @Roles(...ANY_ROLE)
  @Get(':code')
  @ApiOperation({ summary: 'One dossier with its history, supplement requests and attachments (the applicant, officers of its units)' })
  @ApiOkResponse({ type: DossierDetailDto })
  @ApiProblems(401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const d = await this.queries.get(user, code);
    if (!d) throw new NotFoundError('Dossier', 'hồ sơ', code);
    const [history, supplementRequests, attachments] = await Promise.all([
      this.dossiers.historyOf([d.id]),
      this.dossiers.supplementRequestsOf([d.id]),
      this.dossiers.attachmentsOf([d.id]),
    ]);
    return {
      ...view(d, this.queries.isOverdue(d)),
      history: history.map(({ id: _id, dossierId: _d, ...h }) => h),
      supplementRequests: supplementRequests.map(({ dossierId: _d, ...s }) => s),
      attachments: attachments.map(({ dossierId: _d, ...a }) => a),
    };
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
