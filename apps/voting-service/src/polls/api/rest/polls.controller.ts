import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KeysetPageQuery, keysetRequest, restListOfSlice } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, Public, Roles } from '@xaso/auth';
import { GetPoll } from '../../application/get-poll.query';
import { ImportRoll } from '../../application/import-roll.use-case';
import { PollBoard } from '../../application/poll-board.query';
import { PollResult } from '../../application/poll-result.query';
import { toPollModel } from '../graphql/poll.models';
import { toPollResultModel } from '../graphql/poll-result.models';
import { RollCsvDto } from './poll.dto';
import { rollRowsOfCsv } from './roll-csv';

/** REST for agencies: roll upload as CSV, a poll, its result and its public board. */
@ApiTags('polls')
@ApiBearerAuth()
@Controller('api/v1/polls')
export class PollsController {
  constructor(
    private readonly importRoll: ImportRoll,
    private readonly getPoll: GetPoll,
    private readonly result: PollResult,
    private readonly board: PollBoard,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Post(':id/roll')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace a DRAFT poll\'s roll from CSV: all rows or none; ROLL_INVALID lists every wrong row (row, field, code)' })
  upload(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: RollCsvDto) {
    return this.importRoll.execute(user, id, rollRowsOfCsv(body.csv));
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
