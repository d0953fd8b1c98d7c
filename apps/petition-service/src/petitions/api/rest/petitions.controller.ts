import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotencySecretFields } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Public, Role, Roles } from '@xaso/auth';
import { ExportPetitions } from '../../application/export-petitions.query';
import { GetPetition } from '../../application/get-petition.query';
import { PetitionStatisticsQuery } from '../../application/petition-statistics.query';
import { SubmitPetition } from '../../application/submit-petition.use-case';
import { TrackPetition } from '../../application/track-petition.query';
import { toCsv } from '../../domain';
import { PeriodQuery, SubmitPetitionDto, TrackQuery } from './petition.dto';
import { petitionView } from './petition.view';

const EXPORT_LIMIT = 10_000;

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('api/v1/petitions')
export class PetitionsController {
  constructor(
    private readonly submitPetition: SubmitPetition,
    private readonly exportPetitions: ExportPetitions,
    private readonly statisticsQuery: PetitionStatisticsQuery,
    private readonly trackPetition: TrackPetition,
    private readonly getPetition: GetPetition,
  ) {}

  @Roles(Role.AGENCY, Role.OFFICER, Role.LEADER)
  @Post()
  @HttpCode(201)
  // Only a hash of the tracking secret is kept anywhere, the idempotency record included.
  @IdempotencySecretFields('trackingSecret')
  @ApiOperation({ summary: 'Receive a petition from another channel (1022 hotline, mail, partner agency); routed to unitCode' })
  async submit(@Body() body: SubmitPetitionDto, @CurrentUser() user: AuthUser) {
    const r = await this.submitPetition.execute(user, body);
    return { petition: petitionView(r.petition), trackingSecret: r.trackingSecret, linkedTo: r.linkedTo ?? null };
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get('export.csv')
  @ApiOperation({ summary: 'CSV export of a unit’s petitions received in a period (no personal data; at most 10,000 rows, X-Truncated: true when more)' })
  async export(
    @Query() q: PeriodQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: { setHeader(name: string, value: string): void; type(t: string): { send(b: string): void } },
  ) {
    const { nodes, truncated } = await this.exportPetitions.execute(user, q.unitCode, q.from, q.to, EXPORT_LIMIT);
    if (truncated) res.setHeader('X-Truncated', 'true');
    res.type('text/csv').send(toCsv(nodes));
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get('statistics')
  @ApiOkResponse({ description: 'Statistics of a unit for a period' })
  statistics(@Query() q: PeriodQuery, @CurrentUser() user: AuthUser) {
    return this.statisticsQuery.execute(user, q.unitCode, q.from, q.to);
  }

  @Public()
  @Get(':code/tracking')
  @ApiOperation({ summary: 'Public tracking with the secret given at intake' })
  async track(@Param('code') code: string, @Query() q: TrackQuery) {
    const p = await this.trackPetition.execute(code, q.secret);
    if (!p) return { found: false };
    return { found: true, ...petitionView(p), steps: p.history.map((h) => ({ action: h.action, status: h.to, at: h.at.toISOString() })) };
  }

  @Roles(Role.CITIZEN, ...GOVERNMENT_STAFF)
  @Get(':code')
  async get(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    return petitionView(await this.getPetition.execute(user, code));
  }
}
