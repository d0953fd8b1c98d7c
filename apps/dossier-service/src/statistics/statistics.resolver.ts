import { Args, ID, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { AdministrativeUnitRef, DossierStatisticsModel, StatisticsService } from './statistics';

const STAFF = [Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.ADMIN];

@Resolver(() => DossierStatisticsModel)
export class StatisticsResolver {
  constructor(private readonly statistics: StatisticsService) {}

  @Roles(...STAFF)
  @Query(() => DossierStatisticsModel)
  dossierStatistics(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => ID }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.statistics.forUnit(user, unitCode, from, to);
  }
}

/** `AdministrativeUnit.dossierStatistics(from, to)` through federation (the entity is merger-service's). */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitStatisticsResolver {
  constructor(private readonly statistics: StatisticsService) {}

  @ResolveReference()
  resolveReference(reference: { code: string; validFrom: string }): AdministrativeUnitRef {
    return { code: reference.code, validFrom: reference.validFrom };
  }

  @Roles(...STAFF)
  @ResolveField(() => DossierStatisticsModel)
  dossierStatistics(
    @Parent() unit: AdministrativeUnitRef,
    @CurrentUser() user: AuthUser,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.statistics.forUnit(user, unit.code, from, to);
  }
}
