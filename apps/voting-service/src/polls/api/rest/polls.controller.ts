import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { KeysetPageQuery, keysetRequest, restListOfSlice, ValidationFailedError } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, Public, Roles } from '@xaso/auth';
import { GetPoll } from '../../application/get-poll.query';
import { ImportRoll } from '../../application/import-roll.use-case';
import { PollBoard } from '../../application/poll-board.query';
import { PollResult } from '../../application/poll-result.query';
import { ReplaceRepresentative } from '../../application/replace-representative.use-case';
import { RepresentativeChanges } from '../../application/representative-changes.query';
import { toPollModel } from '../graphql/poll.models';
import { toPollResultModel } from '../graphql/poll-result.models';
import { ReplaceRepresentativeDto, ROLL_CSV_EXAMPLE, RollCsvDto } from './poll.dto';
import { rollRowsOfCsv } from './roll-csv';

/** The CSV text of an upload: the text/csv body itself (the input guard read it, see TEXT_BODY_ROUTES) or the JSON form's `csv`. */
function csvOf(body: unknown): string {
  if (typeof body === 'string') return body;
  const csv = body !== null && typeof body === 'object' ? (body as Partial<RollCsvDto>).csv : undefined;
  if (typeof csv !== 'string') throw new ValidationFailedError('Send the roll as text/csv, or as JSON {"csv": "..."}', 'Gửi danh sách dạng text/csv hoặc JSON {"csv": "..."}', { field: 'csv' });
  return csv;
}

/** REST for agencies: roll upload as CSV, representative replacement, a poll, its result and its public board. */
@ApiTags('polls')
@ApiBearerAuth()
@ApiExtraModels(RollCsvDto)
@Controller('api/v1/polls')
export class PollsController {
  constructor(
    private readonly importRoll: ImportRoll,
    private readonly replace: ReplaceRepresentative,
    private readonly changes: RepresentativeChanges,
    private readonly getPoll: GetPoll,
    private readonly result: PollResult,
    private readonly board: PollBoard,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Post(':id/roll')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace a DRAFT poll\'s roll from CSV: all rows or none; ROLL_INVALID lists every wrong row (row, field, code)',
    description: 'Body: `text/csv` (UTF-8, RFC 4180, up to 32 MiB ≈ 200,000 rows) with the header householdId,idNumber,name,villageCode; or JSON `{"csv": "..."}` for small rolls.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    required: true,
    schema: { oneOf: [{ type: 'string', format: 'text/csv', example: ROLL_CSV_EXAMPLE }, { $ref: getSchemaPath(RollCsvDto) }] },
  })
  upload(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.importRoll.execute(user, id, rollRowsOfCsv(csvOf(body)));
  }

  @Roles(...COMMUNE_STAFF)
  @Post(':id/representative-changes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Replace a household\'s representative before the household took part (REPRESENTATIVE_ALREADY_PARTICIPATED after), logged' })
  replaceRepresentative(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: ReplaceRepresentativeDto) {
    return this.replace.execute(user, id, body);
  }

  @Roles(...COMMUNE_STAFF)
  @Get(':id/representative-changes')
  @ApiOperation({ summary: 'The replacement log (officers and chairperson of the poll\'s commune)' })
  representativeChanges(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.changes.execute(user, id);
  }

  @Public()
  @Get(':id')
  async get(@CurrentUser() user: AuthUser | undefined, @Param('id') id: string) {
    return toPollModel(await this.getPoll.execute(user, id));
  }

  @Public()
  @Get(':id/result')
  @ApiOperation({ summary: 'The result of a closed poll (RESULTS_HIDDEN before close, for every role; signed-in users after close, anyone once certified)' })
  async pollResult(@CurrentUser() user: AuthUser | undefined, @Param('id') id: string) {
    const { stored, result, board } = await this.result.execute(id, { signedIn: !!user });
    return toPollResultModel(stored.poll.id, stored.poll.status, result, board);
  }

  @Public()
  @Get(':id/board')
  @ApiOperation({ summary: 'The public ballot board ({tracker, choice} in tracker order) and its RFC 6962 root' })
  async pollBoard(@CurrentUser() user: AuthUser | undefined, @Param('id') id: string, @Query() q: KeysetPageQuery) {
    const request = keysetRequest(q.first, q.after, 1);
    const { root, size, slice } = await this.board.execute(id, request, { signedIn: !!user });
    return { root, size, ...restListOfSlice(slice, (e) => [e.leafIndex], (e) => e) };
  }
}
