import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodePipe } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { GetUnitStatistics } from '../../application/get-unit-statistics.query';
import { DossierStatisticsModel } from './statistics.models';

@Resolver(() => DossierStatisticsModel)
export class DossierStatisticsResolver {
  constructor(private readonly statistics: GetUnitStatistics) {}

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => DossierStatisticsModel)
  dossierStatistics(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => ID }, UnitCodePipe) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.statistics.execute(user, unitCode, from, to);
  }
}
