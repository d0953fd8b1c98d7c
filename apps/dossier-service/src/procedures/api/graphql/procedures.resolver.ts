import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { connectionOfSlice } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { GetProcedure } from '../../application/get-procedure.query';
import { ListProcedures, procedureListKey, procedurePageRequest } from '../../application/list-procedures.query';
import { UpsertProcedure } from '../../application/upsert-procedure.use-case';
import { ProcedureConnection, ProcedureInput, ProcedureModel, ProceduresArgs } from './procedure.models';

@Resolver(() => ProcedureModel)
export class ProceduresResolver {
  constructor(
    private readonly listProcedures: ListProcedures,
    private readonly getProcedure: GetProcedure,
    private readonly upsert: UpsertProcedure,
  ) {}

  @Public()
  @Query(() => ProcedureConnection, { description: 'Procedure catalogue (public)' })
  async procedures(@Args() args: ProceduresArgs): Promise<ProcedureConnection> {
    const page = procedurePageRequest(args.first, args.after);
    const slice = await this.listProcedures.execute(args.search, page);
    return connectionOfSlice(slice, page, procedureListKey, (p) => p) as ProcedureConnection;
  }

  @Public()
  @Query(() => ProcedureModel, { nullable: true, description: 'One catalogue entry by code (public; inactive entries too)' })
  procedure(@Args('code', { type: () => ID }) code: string) {
    return this.getProcedure.execute(code);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ProcedureModel, { description: 'ADMIN: add a procedure to the catalogue or replace it (by code); validated like the seed list' })
  upsertProcedure(@CurrentUser() user: AuthUser, @Args('input') input: ProcedureInput) {
    return this.upsert.execute(input, user.sub);
  }
}
