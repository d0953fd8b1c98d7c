import { Args, Query, Resolver } from '@nestjs/graphql';
import { offsetFromCursor, pageFromOffset } from '@xaso/api';
import { Public } from '@xaso/auth';
import { ProcedureRepository } from '../infrastructure/procedure.repository';
import { ProcedureConnection, ProcedureModel, ProceduresArgs } from './procedure.models';

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
}
