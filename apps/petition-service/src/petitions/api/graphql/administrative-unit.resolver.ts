import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef, DateScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { PetitionStatisticsQuery } from '../../application/petition-statistics.query';
import { PetitionStatisticsModel } from './petition-reports.models';
import { toStatisticsModel } from './statistics.mapper';

/** `AdministrativeUnit` (merger-service's entity) extended with the unit's petition statistics. */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitPetitionsResolver extends AdministrativeUnitExtensionResolver {
  constructor(private readonly statistics: PetitionStatisticsQuery) {
    super();
  }

  @Roles(...GOVERNMENT_STAFF)
  @ResolveField(() => PetitionStatisticsModel)
  async petitionStatistics(
    @Parent() unit: AdministrativeUnitRef,
    @CurrentUser() user: AuthUser,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return toStatisticsModel(await this.statistics.execute(user, unit.code, from, to));
  }
}
