import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodePipe } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { GetUnitStatistics } from '../../application/get-unit-statistics.query';
import { DossierStatisticsModel } from './statistics.models';

const STAFF = [Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.ADMIN];

@Resolver(() => DossierStatisticsModel)
export class DossierStatisticsResolver {
  constructor(private readonly statistics: GetUnitStatistics) {}

  @Roles(...STAFF)
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
