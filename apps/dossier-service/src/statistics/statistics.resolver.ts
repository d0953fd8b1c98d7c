import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef, DateScalar, UnitCodePipe } from '@xaso/api';
import { type AuthenticatedRequest, type AuthUser, CurrentUser, forbidden, GOVERNMENT_STAFF, hasRole, Roles, TokenVerifier, unauthenticated } from '@xaso/auth';
import { DossierStatisticsModel, StatisticsService } from './statistics';

@Resolver(() => DossierStatisticsModel)
export class StatisticsResolver {
  constructor(private readonly statistics: StatisticsService) {}

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => DossierStatisticsModel)
  dossierStatistics(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => ID }, UnitCodePipe) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.statistics.forUnit(user, unitCode, from, to);
  }
}

/** `AdministrativeUnit.dossierStatistics(from, to)` through federation (the entity is merger-service's). */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitStatisticsResolver extends AdministrativeUnitExtensionResolver {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly verifier: TokenVerifier,
  ) {
    super();
  }

  /**
   * Field resolvers are not guarded (and `_entities` is not a Nest resolver), so the caller is
   * authenticated here: same token rules, same unit scope as `dossierStatistics`.
   */
  @ResolveField(() => DossierStatisticsModel, { description: 'Dossier statistics of this unit (as processing unit); its officers only' })
  async dossierStatistics(
    @Parent() unit: AdministrativeUnitRef,
    @Context() context: { req?: AuthenticatedRequest },
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    const req = context.req;
    if (req && !req.user) req.user = await this.verifier.verifyAuthorizationHeader(req.headers?.authorization);
    const user = req?.user;
    if (!user) throw unauthenticated();
    if (!hasRole(user, ...GOVERNMENT_STAFF)) throw forbidden();
    return this.statistics.forUnit(user, unit.code, from, to);
  }
}
