import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsCalendarDate, IsUnitCode, UNIT_CODE_SYNTAX } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Public, Role, Roles } from '@xaso/auth';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PetitionService } from '../application/petition.service';
import { toCsv } from '../domain/export';
import type { Petition } from '../domain';

const EXPORT_LIMIT = 10_000;

export class GeoPointDto {
  @ApiProperty() @IsNumber() @Min(-90) @Max(90) lat!: number;
  @ApiProperty() @IsNumber() @Min(-180) @Max(180) lon!: number;
}

export class PetitionerDto {
  @ApiProperty() @IsString() @MaxLength(200) fullName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
}

/** 1022-style intake from other channels (hotline, mail, partner agencies). */
export class SubmitPetitionDto {
  @ApiProperty({ example: '00004', pattern: UNIT_CODE_SYNTAX.source }) @IsUnitCode() unitCode!: string;
  @ApiProperty({ enum: ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'] })
  @IsEnum(['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'])
  kind!: 'COMPLAINT' | 'DENUNCIATION' | 'RECOMMENDATION' | 'FEEDBACK';
  @ApiProperty({ enum: ['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE'] })
  @IsEnum(['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE'])
  channel!: 'RECEPTION' | 'ONLINE' | 'MAIL' | 'HOTLINE';
  @ApiProperty() @IsString() @MaxLength(300) title!: string;
  @ApiProperty() @IsString() @MaxLength(20_000) content!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ type: GeoPointDto }) @IsOptional() @ValidateNested() @Type(() => GeoPointDto) location?: GeoPointDto;
  @ApiPropertyOptional({ type: PetitionerDto }) @IsOptional() @ValidateNested() @Type(() => PetitionerDto) petitioner?: PetitionerDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) petitionerCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remoteArea?: boolean;
  @ApiPropertyOptional({ example: '2026-01-15', description: 'Complaint: day of the act or decision complained about (90-day filing limit)' })
  @IsOptional()
  @IsCalendarDate()
  actDate?: string;
}

export class PeriodQuery {
  @ApiProperty({ example: '00004' }) @IsUnitCode() unitCode!: string;
  @ApiProperty({ example: '2026-03-01', format: 'date' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2026-03-31', format: 'date' }) @IsCalendarDate() to!: string;
}

export class TrackQuery {
  @ApiProperty() @IsString() secret!: string;
}

/** What REST clients get: no identity, ever (and no petitioner user id). */
export function petitionView(p: Petition) {
  return {
    code: p.code,
    unitCode: p.unitCode,
    routedFromUnitCode: p.routedFromUnitCode ?? null,
    kind: p.kind,
    channel: p.channel,
    status: p.status,
    attempt: p.attempt,
    title: p.title,
    category: p.category ?? null,
    receivedAt: p.receivedAt.toISOString(),
    acceptanceDue: p.acceptanceDue,
    resolutionDue: p.resolutionDue ?? null,
    actDate: p.actDate ?? null,
    filedLate: !!p.filedLate,
    referral: p.referral ?? null,
    conclusion: p.conclusion ?? null,
    linkedToCode: p.linkedToCode ?? null,
    crowded: p.flags.crowded,
    prolonged: p.flags.prolonged,
  };
}

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('api/v1/petitions')
export class PetitionsController {
  constructor(private readonly service: PetitionService) {}

  @Roles(Role.AGENCY, Role.OFFICER, Role.LEADER)
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Receive a petition from another channel (1022 hotline, mail, partner agency); routed to unitCode' })
  async submit(@Body() body: SubmitPetitionDto, @CurrentUser() user: AuthUser) {
    const r = await this.service.submit(user, body);
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
    const { nodes, truncated } = await this.service.exportPeriod(user, q.unitCode, q.from, q.to, EXPORT_LIMIT);
    if (truncated) res.setHeader('X-Truncated', 'true');
    res.type('text/csv').send(toCsv(nodes));
  }

  @Roles(...GOVERNMENT_STAFF)
  @Get('statistics')
  @ApiOkResponse({ description: 'Statistics of a unit for a period' })
  statistics(@Query() q: PeriodQuery, @CurrentUser() user: AuthUser) {
    return this.service.statistics(user, q.unitCode, q.from, q.to);
  }

  @Public()
  @Get(':code/tracking')
  @ApiOperation({ summary: 'Public tracking with the secret given at intake' })
  async track(@Param('code') code: string, @Query() q: TrackQuery) {
    const p = await this.service.track(code, q.secret);
    if (!p) return { found: false };
    return { found: true, ...petitionView(p), steps: p.history.map((h) => ({ action: h.action, status: h.to, at: h.at.toISOString() })) };
  }

  @Roles(Role.CITIZEN, ...GOVERNMENT_STAFF)
  @Get(':code')
  async get(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    return petitionView(await this.service.get(user, code));
  }
}
