import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { ListReceptionSessions } from '../../application/list-reception-sessions.query';
import { ReceptionCompliance } from '../../application/reception-compliance.query';
import { RecordReceptionSession } from '../../application/record-reception-session.use-case';
import { ReceptionComplianceModel, ReceptionSessionModel, RecordReceptionSessionInput } from './reception.models';

@Resolver()
export class ReceptionResolver {
  constructor(
    private readonly recordSession: RecordReceptionSession,
    private readonly listSessions: ListReceptionSessions,
    private readonly compliance: ReceptionCompliance,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => ReceptionSessionModel)
  recordReceptionSession(@Args('input') input: RecordReceptionSessionInput, @CurrentUser() user: AuthUser) {
    return this.recordSession.execute(user, input);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [ReceptionSessionModel])
  receptionSessions(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.listSessions.execute(user, unitCode, from, to);
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => [ReceptionComplianceModel], { description: 'Per chairperson: 1 day a week before 2026-07-01, 2 days a month since' })
  receptionCompliance(@CurrentUser() user: AuthUser, @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string, @Args('month') month: string) {
    return this.compliance.execute(user, unitCode, month);
  }
}
