import { Args, Directive, Field, ID, ObjectType, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { PetitionStatisticsQuery } from '../../application/petition-statistics.query';
import { PetitionStatisticsModel } from './petition-reports.models';
import { toStatisticsModel } from './statistics.mapper';

/** `AdministrativeUnit` (merger-service's entity) extended with the unit's petition statistics. */
@ObjectType('AdministrativeUnit')
@Directive('@key(fields: "code validFrom")')
export class AdministrativeUnitRef {
  @Field(() => ID) code!: string;
  @Field(() => DateScalar) validFrom!: string;
}

@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitPetitionsResolver {
  constructor(private readonly statistics: PetitionStatisticsQuery) {}

  @ResolveReference()
  resolveReference(reference: { code: string; validFrom: string }): AdministrativeUnitRef {
    return { code: reference.code, validFrom: reference.validFrom };
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
