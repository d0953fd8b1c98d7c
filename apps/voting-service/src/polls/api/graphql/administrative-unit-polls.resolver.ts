import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef, connectionOfSlice, keysetRequest } from '@xaso/api';
import { type AuthUser, CurrentUser, Public } from '@xaso/auth';
import { ListPolls } from '../../application/list-polls.query';
import { UnitPollsArgs } from './poll.inputs';
import { PollConnection, pollKey, toPollModel } from './poll.models';

/**
 * `AdministrativeUnit` (merger-service's entity) extended with the commune's polls. Public as a
 * whole: the inherited reference resolver (the gateway's `_entities` call, before any field) only
 * echoes the key, and the commune's polls are public information (drafts only for its staff).
 */
@Public()
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitPollsResolver extends AdministrativeUnitExtensionResolver {
  constructor(private readonly listPolls: ListPolls) {
    super();
  }

  @Public()
  @ResolveField(() => PollConnection)
  async polls(@Parent() unit: AdministrativeUnitRef, @CurrentUser() user: AuthUser | undefined, @Args() args: UnitPollsArgs) {
    const request = keysetRequest(args.first, args.after, 2);
    return connectionOfSlice(await this.listPolls.execute(user, unit.code, args.status, request), request, pollKey, toPollModel);
  }
}
