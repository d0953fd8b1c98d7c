import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, Roles } from '@xaso/auth';
import { ReplaceRepresentative } from '../../application/replace-representative.use-case';
import { RepresentativeChanges } from '../../application/representative-changes.query';
import { RepresentativeChangeModel } from './representative-change.models';

/** Replacing a household's representative (officers of the commune) and the replacement log. */
@Resolver(() => RepresentativeChangeModel)
export class RepresentativeResolver {
  constructor(
    private readonly replace: ReplaceRepresentative,
    private readonly changes: RepresentativeChanges,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => RepresentativeChangeModel, {
    description: 'Before the household took part (online or on paper; REPRESENTATIVE_ALREADY_PARTICIPATED after): the new representative sees the poll in myPolls and casts, the old one no longer can',
  })
  replaceRepresentative(
    @CurrentUser() user: AuthUser,
    @Args('pollId', { type: () => ID }) pollId: string,
    @Args('householdId', { type: () => ID }) householdId: string,
    @Args('idNumber') idNumber: string,
    @Args('name') name: string,
    @Args('reason') reason: string,
  ) {
    return this.replace.execute(user, pollId, { householdId, idNumber, name, reason });
  }

  @Roles(...COMMUNE_STAFF)
  @Query(() => [RepresentativeChangeModel], { description: 'The replacement log of a poll (officers and chairperson of its commune)' })
  representativeChanges(@CurrentUser() user: AuthUser, @Args('pollId', { type: () => ID }) pollId: string) {
    return this.changes.execute(user, pollId);
  }
}
