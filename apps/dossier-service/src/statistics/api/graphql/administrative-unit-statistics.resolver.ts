import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef, DateScalar } from '@xaso/api';
import { type AuthenticatedRequest, forbidden, GOVERNMENT_STAFF, hasRole, TokenVerifier, unauthenticated } from '@xaso/auth';
import { GetUnitStatistics } from '../../application/get-unit-statistics.query';
import { DossierStatisticsModel } from './statistics.models';

/** `AdministrativeUnit.dossierStatistics(from, to)` through federation (the entity is merger-service's). */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitStatisticsResolver extends AdministrativeUnitExtensionResolver {
  constructor(
    private readonly statistics: GetUnitStatistics,
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
    return this.statistics.execute(user, unit.code, from, to);
  }
}
