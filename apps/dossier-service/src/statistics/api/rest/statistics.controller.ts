import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, CurrentUser, Roles, STAFF_OR_AGENCY } from '@xaso/auth';
import { isValidLocalDate } from '@xaso/calendar';
import { UNIT_CODE } from '../../../dossiers/api/graphql/dossier.models';
import { ApiProblems } from '../../../common/api-problems';
import { GetUnitStatistics } from '../../application/get-unit-statistics.query';
import { DossierStatisticsDto, StatisticsQuery } from './statistics.rest-dto';

/**
 * `GET /api/v1/dossiers/statistics`. Its routes must be registered before `DossiersController`'s
 * `GET /api/v1/dossiers/:code` (StatisticsModule comes before DossiersModule in AppModule's imports).
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class StatisticsController {
  constructor(private readonly unitStatistics: GetUnitStatistics) {}

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
    return this.unitStatistics.execute(user, unitCode, from, to);
  }
}
