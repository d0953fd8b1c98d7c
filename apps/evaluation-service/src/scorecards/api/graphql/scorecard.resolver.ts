import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { GraphQLJSON } from 'graphql-scalars';
import { GetScorecard } from '../../application/get-scorecard.query';
import { ListScorecards } from '../../application/list-scorecards.query';
import { PublishScorecardVersion } from '../../application/publish-scorecard-version.use-case';
import { ScorecardModel, scorecardModelOf } from './scorecard.model';

@Resolver(() => ScorecardModel)
export class ScorecardResolver {
  constructor(
    private readonly listScorecards: ListScorecards,
    private readonly getScorecard: GetScorecard,
    private readonly publishVersion: PublishScorecardVersion,
  ) {}

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [ScorecardModel], { description: 'Every published scorecard version' })
  async scorecards() {
    return (await this.listScorecards.execute()).map(scorecardModelOf);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => ScorecardModel)
  async scorecard(@Args('code', { type: () => String }) code: string, @Args('version', { type: () => Int }) version: number) {
    return scorecardModelOf(await this.getScorecard.execute(code, version));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ScorecardModel, { description: 'Publishes a version (a version in use by a cycle is frozen: publish the next one)' })
  async publishScorecardVersion(@CurrentUser() user: AuthUser, @Args('definition', { type: () => GraphQLJSON }) definition: unknown) {
    return scorecardModelOf(await this.publishVersion.execute(user, definition));
  }
}
