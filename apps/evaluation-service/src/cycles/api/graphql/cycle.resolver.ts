import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import type { Cycle } from '../../application/cycle';
import { CycleSummaryQuery } from '../../application/cycle-summary.query';
import { GetCycle } from '../../application/get-cycle.query';
import { OpenCycle } from '../../application/open-cycle.use-case';
import { PublishResults } from '../../application/publish-results.use-case';
import { CycleModel, CycleSummaryModel, OpenCycleInput } from './cycle.model';

@Resolver(() => CycleModel)
export class CycleResolver {
  constructor(
    private readonly openCycleUseCase: OpenCycle,
    private readonly getCycle: GetCycle,
    private readonly publishResultsUseCase: PublishResults,
    private readonly summaryQuery: CycleSummaryQuery,
  ) {}

  @Roles(Role.PROVINCE_OFFICER, Role.ADMIN)
  @Mutation(() => CycleModel, { description: "Opens a province's cycle; the scorecard version is frozen from then on" })
  openCycle(@CurrentUser() user: AuthUser, @Args('input') input: OpenCycleInput) {
    return this.openCycleUseCase.execute(user, input);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => CycleModel)
  cycle(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.getCycle.execute(user, id);
  }

  @Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
  @Mutation(() => CycleModel, { description: "The province publishes the cycle's results to its communes after recognition (công bố kết quả)" })
  publishResults(@CurrentUser() user: AuthUser, @Args('cycleId', { type: () => ID }) cycleId: string) {
    return this.publishResultsUseCase.execute(user, cycleId);
  }

  @Roles(...GOVERNMENT_STAFF)
  @ResolveField(() => CycleSummaryModel, { description: 'Assessments per state and overdue ones per stage' })
  summary(@Parent() cycle: Cycle) {
    return this.summaryQuery.execute(cycle);
  }
}
