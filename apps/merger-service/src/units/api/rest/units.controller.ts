import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { keysetRequest, NotFoundError, restListOfSlice } from '@xaso/api';
import { Public } from '@xaso/auth';
import { GetAdministrativeUnit } from '../../application/get-administrative-unit.query';
import { ListAdministrativeUnits } from '../../application/list-administrative-units.query';
import { UNIT_KEYSET_ARITY, unitKeyset } from '../../application/unit-list.repository.port';
import { todayInVietnam } from '@xaso/calendar';
import { AsOfQuery, ListUnitsQuery, UnitCodeParams, UnitDto, UnitListDto } from './units.dto';

/** REST for agencies: the same registry reads as GraphQL, public data. */
@ApiTags('administrative-units')
@Public()
@Controller('api/v1/administrative-units')
export class AdministrativeUnitsController {
  constructor(
    private readonly getUnit: GetAdministrativeUnit,
    private readonly listUnits: ListAdministrativeUnits,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units in force on a day (đơn vị hành chính), filtered and paged' })
  @ApiOkResponse({ type: UnitListDto })
  async list(@Query() query: ListUnitsQuery): Promise<UnitListDto> {
    const day = query.asOf ?? todayInVietnam();
    const page = keysetRequest(query.first, query.after, UNIT_KEYSET_ARITY);
    const slice = await this.listUnits.execute(
      { asOf: day, level: query.level, parentCode: query.parentCode, search: query.search },
      page,
    );
    return restListOfSlice(slice, unitKeyset, (unit) => UnitDto.of(unit, day));
  }

  @Get(':code')
  @ApiOperation({ summary: 'The unit a code named on a day (default today)' })
  @ApiOkResponse({ type: UnitDto })
  async get(@Param() params: UnitCodeParams, @Query() query: AsOfQuery): Promise<UnitDto> {
    const day = query.asOf ?? todayInVietnam();
    const unit = await this.getUnit.execute(params.code, day);
    if (!unit) throw new NotFoundError(`Administrative unit on ${day}`, `đơn vị hành chính vào ngày ${day}`, params.code);
    return UnitDto.of(unit, day);
  }
}
