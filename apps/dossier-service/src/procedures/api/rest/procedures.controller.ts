import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { KeysetPageQuery, NotFoundError, restListOfSlice } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { ApiProblems } from '../../../common/api-problems';
import { GetProcedure } from '../../application/get-procedure.query';
import { ListProcedures, procedureListKey, procedurePageRequest } from '../../application/list-procedures.query';
import { UpsertProcedure } from '../../application/upsert-procedure.use-case';
import { ProcedureBody, ProcedureModel, ProcedurePageDto } from '../graphql/procedure.models';

export class ProceduresQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ description: 'Part of the code, name or field; accents and case ignored', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ApiTags('procedures')
@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(
    private readonly listProcedures: ListProcedures,
    private readonly getProcedure: GetProcedure,
    private readonly upsert: UpsertProcedure,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Procedure catalogue (active entries; public)' })
  @ApiOkResponse({ type: ProcedurePageDto })
  @ApiProblems(400)
  async list(@Query() q: ProceduresQuery) {
    const slice = await this.listProcedures.execute(q.search, procedurePageRequest(q.first, q.after));
    return restListOfSlice(slice, procedureListKey, (p) => p);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'One procedure (with its legal basis and processing times)' })
  @ApiParam({ name: 'code', example: 'HT.001' })
  @ApiOkResponse({ type: ProcedureModel })
  @ApiProblems(404)
  async get(@Param('code') code: string) {
    const procedure = await this.getProcedure.execute(code);
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
    return this.upsert.execute({ ...body, code }, user.sub);
  }
}
