import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError, restListOfSlice, ValidationFailedError } from '@xaso/api';
import { ANY_ROLE, type AuthUser, CurrentUser, Public, Roles } from '@xaso/auth';
import { ApiProblems } from '../../../common/api-problems';
import { DossierOverdueCheck } from '../../application/dossier-overdue-check';
import { DossierRepository } from '../../application/dossier.repository.port';
import { GetDossier } from '../../application/get-dossier.query';
import { dossierListKey, dossierPageRequest, ListDossiers } from '../../application/list-dossiers.query';
import { TrackDossier } from '../../application/track-dossier.query';
import { DossierStatus } from '../../domain';
import { DossierDetailDto, DossierPageDto, DossierTrackingDto, ListQuery } from './dossier.rest-dto';
import { dossierTrackingView } from '../dossier-tracking.view';
import { dossierView } from './dossier.view';

/** Reading dossiers over REST: the caller's list, one dossier, public tracking. */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly getDossier: GetDossier,
    private readonly listDossiers: ListDossiers,
    private readonly trackDossier: TrackDossier,
    private readonly overdueCheck: DossierOverdueCheck,
    private readonly dossiers: DossierRepository,
  ) {}

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
    const slice = await this.listDossiers.execute(
      user,
      { status, unitCode: q.unitCode, procedureCode: q.procedureCode, channel: q.channel, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' },
      dossierPageRequest(q.first, q.after),
    );
    return restListOfSlice(slice, dossierListKey, (d) => dossierView(d, this.overdueCheck.isOverdue(d)));
  }

  @Public()
  @Get(':code/tracking')
  @ApiOperation({ summary: 'Public tracking (no personal data) with the last 4 digits of the ID number' })
  @ApiQuery({ name: 'idNumberLast4', required: true, example: '1234' })
  @ApiOkResponse({ type: DossierTrackingDto })
  @ApiProblems(404)
  async track(@Param('code') code: string, @Query('idNumberLast4') last4: string) {
    const tracking = await this.trackDossier.execute(code, last4 ?? '');
    if (!tracking) throw new NotFoundError('Dossier', 'hồ sơ', code);
    return dossierTrackingView(tracking, this.overdueCheck.isOverdue(tracking.dossier));
  }

  @Roles(...ANY_ROLE)
  @Get(':code')
  @ApiOperation({ summary: 'One dossier with its history, supplement requests and attachments (the applicant, officers of its units)' })
  @ApiOkResponse({ type: DossierDetailDto })
  @ApiProblems(401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const d = await this.getDossier.execute(user, code);
    if (!d) throw new NotFoundError('Dossier', 'hồ sơ', code);
    const [history, supplementRequests, attachments] = await Promise.all([
      this.dossiers.historyOf([d.id]),
      this.dossiers.supplementRequestsOf([d.id]),
      this.dossiers.attachmentsOf([d.id]),
    ]);
    return {
      ...dossierView(d, this.overdueCheck.isOverdue(d)),
      history: history.map(({ id: _id, dossierId: _d, ...h }) => h),
      supplementRequests: supplementRequests.map(({ dossierId: _d, ...s }) => s),
      attachments: attachments.map(({ dossierId: _d, ...a }) => a),
    };
  }
}
