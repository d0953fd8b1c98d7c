import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { offsetFromCursor, pageFromOffset } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { upsertProcedure } from '../application/upsert-procedure';
import { ProcedureRepository } from '../infrastructure/procedure.repository';
import { ProcedureConnection, ProcedureInput, ProcedureModel, ProceduresArgs } from './procedure.models';

@Resolver(() => ProcedureModel)
export class ProceduresResolver {
  constructor(private readonly repository: ProcedureRepository) {}

  @Public()
  @Query(() => ProcedureConnection, { description: 'Procedure catalogue (public)' })
  async procedures(@Args() args: ProceduresArgs): Promise<ProcedureConnection> {
    const offset = offsetFromCursor(args.after);
    const { items, total } = await this.repository.search(args.search, offset, args.first);
    return pageFromOffset(items, offset, total) as ProcedureConnection;
  }

  @Public()
  @Query(() => ProcedureModel, { nullable: true, description: 'One catalogue entry by code (public; inactive entries too)' })
  procedure(@Args('code', { type: () => ID }) code: string) {
    return this.repository.find(code);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ProcedureModel, { description: 'ADMIN: add a procedure to the catalogue or replace it (by code); validated like the seed list' })
  upsertProcedure(@CurrentUser() user: AuthUser, @Args('input') input: ProcedureInput) {
    return upsertProcedure(this.repository, input, user.sub);
  }
}
