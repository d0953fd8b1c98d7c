import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Response } from 'express';
import { NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { isValidLocalDate } from '@xaso/calendar';
import { ProcedureRepository } from '../../procedures/infrastructure/procedure.repository';
import { StatisticsService } from '../../statistics/statistics';
import { DossierService } from '../application/dossier.service';
import { shownDueAt } from '../application/domain-bridge';
import { DossierStatus } from '../domain';
import { DossierRepository, type DossierRecord } from '../infrastructure/dossier.repository';
import { IdempotencyService } from './idempotency';
import { AttachmentInput, DossierChannel, SubmitDossierInput, UNIT_CODE } from './dossier.models';

class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
class ReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}
class OptionalReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
class SupplementRequestDto extends ReasonDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) items!: string[];
}
class ProvideSupplementDto extends NoteDto {
  @ApiPropertyOptional({ type: [AttachmentInput] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentInput)
  attachments?: AttachmentInput[];
}
class CompleteDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) resultNote!: string;
}
class ApologyDto extends ReasonDto {
  @ApiProperty({ example: '2026-03-20T10:00:00Z' }) @IsDateString() newDueAt!: string;
}
class TransferDto extends ReasonDto {
  @ApiProperty() @Matches(UNIT_CODE, { message: 'unit codes are 2–5 digits' }) toUnitCode!: string;
}
class ListQuery {
  @IsOptional() @IsString() status?: string;
  @IsOptional() @Matches(UNIT_CODE) unitCode?: string;
  @IsOptional() @IsString() procedureCode?: string;
  @IsOptional() @IsIn(Object.values(DossierChannel)) channel?: DossierChannel;
  @IsOptional() @IsIn(['true', 'false']) overdue?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const STAFF = [Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.AGENCY, Role.ADMIN];
const EVERYONE = [Role.CITIZEN, ...STAFF];

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
  @ApiOperation({ summary: 'Procedure catalogue' })
  @ApiQuery({ name: 'search', required: false })
  async list(@Query('search') search?: string, @Query('offset') offset = '0', @Query('limit') limit = '20') {
    const o = Math.max(0, Number(offset) || 0);
    const l = Math.min(100, Math.max(1, Number(limit) || 20));
    return this.procedures.search(search, o, l);
  }

  @Public()
  @Get(':code')
  async get(@Param('code') code: string) {
    const procedure = await this.procedures.find(code);
    if (!procedure) throw new NotFoundError('Procedure', 'thủ tục', code);
    return procedure;
  }
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly service: DossierService,
    private readonly dossiers: DossierRepository,
    private readonly statistics: StatisticsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  private async reply(
    res: Response,
    user: AuthUser,
    key: string | undefined,
    request: unknown,
    status: number,
    work: () => Promise<DossierRecord>,
  ) {
    const result = await this.idempotency.run(user.sub, key, request, status, async () => {
      const d = await work();
      return view(d, this.service.isOverdue(d));
    });
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Roles(...EVERYONE)
  @Post()
  @ApiOperation({ summary: 'Submit a dossier (citizen online; officer/agency at the counter or by post)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: SubmitDossierInput })
  submit(
    @CurrentUser() user: AuthUser,
    @Body() body: SubmitDossierInput,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.reply(res, user, key, { op: 'submit', body }, 201, () => this.service.submit(user, body));
  }

  @Roles(...EVERYONE)
  @Get()
  @ApiOperation({ summary: 'Dossiers visible to the caller' })
  async list(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    const status = q.status?.split(',').filter(Boolean);
    if (status?.some((s) => !(s in DossierStatus))) {
      throw new ValidationFailedError(`Unknown status in ${q.status}`, `Trạng thái không hợp lệ: ${q.status}`, { field: 'status' });
    }
    const { items, total } = await this.service.list(
      user,
      { status, unitCode: q.unitCode, procedureCode: q.procedureCode, channel: q.channel, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' },
      q.offset ?? 0,
      q.limit ?? 20,
    );
    return { total, items: items.map((d) => view(d, this.service.isOverdue(d))) };
  }

  @Roles(...STAFF)
  @Get('statistics')
  @ApiOperation({ summary: 'Statistics of a unit (as processing unit) for local days from..to' })
  statisticsOf(@CurrentUser() user: AuthUser, @Query('unitCode') unitCode: string, @Query('from') from: string, @Query('to') to: string) {
    if (!UNIT_CODE.test(unitCode ?? '') || !isValidLocalDate(from) || !isValidLocalDate(to)) {
      throw new ValidationFailedError('unitCode, from and to (YYYY-MM-DD) are required', 'Cần unitCode, from và to (YYYY-MM-DD)');
    }
    return this.statistics.forUnit(user, unitCode, from, to);
  }

  @Public()
  @Get(':code/tracking')
  @ApiOperation({ summary: 'Public tracking (no personal data) with the last 4 digits of the ID number' })
  async track(@Param('code') code: string, @Query('idNumberLast4') last4: string) {
    const d = await this.service.track(code, last4 ?? '');
    if (!d) throw new NotFoundError('Dossier', 'hồ sơ', code);
    const history = await this.dossiers.historyOf([d.id]);
    return {
      code: d.code,
      procedureCode: d.procedureCode,
      status: d.status,
      receivedAt: d.receivedAt,
      dueAt: shownDueAt(d),
      completedAt: d.completedAt,
      overdue: this.service.isOverdue(d),
      apologyNewDueAt: d.apology?.newDueAt ?? null,
      history: history.map((h) => ({ status: h.toStatus, action: h.action, at: h.at })),
    };
  }

  @Roles(...EVERYONE)
  @Get(':code')
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const d = await this.service.get(user, code);
    if (!d) throw new NotFoundError('Dossier', 'hồ sơ', code);
    const [history, supplementRequests, attachments] = await Promise.all([
      this.dossiers.historyOf([d.id]),
      this.dossiers.supplementRequestsOf([d.id]),
      this.dossiers.attachmentsOf([d.id]),
    ]);
    return {
      ...view(d, this.service.isOverdue(d)),
      history: history.map(({ id: _id, dossierId: _d, ...h }) => h),
      supplementRequests: supplementRequests.map(({ dossierId: _d, ...s }) => s),
      attachments: attachments.map(({ dossierId: _d, ...a }) => a),
    };
  }

  @Roles(...STAFF)
  @Post(':code/start-processing')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  start(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: NoteDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'start', code, body }, 200, () => this.service.startProcessing(user, code, body.note));
  }

  @Roles(...STAFF)
  @Post(':code/supplement-requests')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  requestSupplement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: SupplementRequestDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'request-supplement', code, body }, 200, () =>
      this.service.requestSupplement(user, code, body.reason, body.items),
    );
  }

  @Roles(...EVERYONE)
  @Post(':code/supplements')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  provideSupplement(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ProvideSupplementDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'provide-supplement', code, body }, 200, () =>
      this.service.provideSupplement(user, code, body.note ?? null, body.attachments ?? []),
    );
  }

  @Roles(...STAFF)
  @Post(':code/complete')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  complete(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: CompleteDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'complete', code, body }, 200, () => this.service.completeProcessing(user, code, body.resultNote));
  }

  @Roles(...STAFF)
  @Post(':code/return')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  returnResult(@CurrentUser() user: AuthUser, @Param('code') code: string, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'return', code }, 200, () => this.service.returnResult(user, code));
  }

  @Roles(...STAFF)
  @Post(':code/refuse')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  refuse(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ReasonDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'refuse', code, body }, 200, () => this.service.refuse(user, code, body.reason));
  }

  @Roles(...STAFF)
  @Post(':code/stop')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  stop(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ReasonDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'stop', code, body }, 200, () => this.service.stop(user, code, body.reason));
  }

  @Roles(...EVERYONE)
  @Post(':code/withdraw')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  withdraw(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: OptionalReasonDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'withdraw', code, body }, 200, () => this.service.withdraw(user, code, body.reason ?? null));
  }

  @Roles(...STAFF)
  @Post(':code/apology')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  apology(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: ApologyDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'apology', code, body }, 200, () =>
      this.service.issueApology(user, code, body.reason, new Date(body.newDueAt)),
    );
  }

  @Roles(...STAFF)
  @Post(':code/transfer')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  transfer(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: TransferDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, user, key, { op: 'transfer', code, body }, 200, () => this.service.transfer(user, code, body.toUnitCode, body.reason));
  }
}
