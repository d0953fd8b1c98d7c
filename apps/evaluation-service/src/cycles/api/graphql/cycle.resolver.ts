import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { GetCycle } from '../../application/get-cycle.query';
import { OpenCycle } from '../../application/open-cycle.use-case';
import { CycleModel, OpenCycleInput } from './cycle.model';

@Resolver(() => CycleModel)
export class CycleResolver {
  constructor(
    private readonly openCycleUseCase: OpenCycle,
    private readonly getCycle: GetCycle,
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
}
