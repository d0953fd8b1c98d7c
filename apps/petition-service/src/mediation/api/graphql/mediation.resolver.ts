import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { ListMediationCases } from '../../application/list-mediation-cases.query';
import { MediationSummaryQuery } from '../../application/mediation-summary.query';
import { RecordMediationCase } from '../../application/record-mediation-case.use-case';
import { UpdateMediationOutcome } from '../../application/update-mediation-outcome.use-case';
import { MediationCaseModel, MediationSummaryModel, RecordMediationCaseInput, UpdateMediationOutcomeInput } from './mediation.models';

@Resolver(() => MediationCaseModel)
export class MediationResolver {
  constructor(
    private readonly recordCase: RecordMediationCase,
    private readonly updateOutcome: UpdateMediationOutcome,
    private readonly listCases: ListMediationCases,
    private readonly summary: MediationSummaryQuery,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => MediationCaseModel)
  recordMediationCase(@Args('input') input: RecordMediationCaseInput, @CurrentUser() user: AuthUser) {
    return this.recordCase.execute(user, input);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => MediationCaseModel, { description: 'Records the outcome of a pending mediation (or a note), or re-opens a successful one whose agreement was not carried out' })
  updateMediationOutcome(@Args('input') input: UpdateMediationOutcomeInput, @CurrentUser() user: AuthUser) {
    return this.updateOutcome.execute(user, input);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [MediationCaseModel])
  mediationCases(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.listCases.execute(user, unitCode, from, to);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => MediationSummaryModel)
  mediationSummary(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.summary.execute(user, unitCode, from, to);
  }
}
