import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { connectionOfSlice, DateScalar, keysetRequest, UnitCodeScalar } from '@xaso/api';
import { ANY_ROLE, type AuthUser, CurrentUser, GOVERNMENT_STAFF, Public, Role, Roles } from '@xaso/auth';
import { GetPetition } from '../../application/get-petition.query';
import { IdentityAccessLog } from '../../application/identity-access-log.query';
import { ListPetitions } from '../../application/list-petitions.query';
import { actorOf } from '../../application/petition-access';
import { PetitionHistory } from '../../application/petition-history.query';
import { PetitionStatisticsQuery } from '../../application/petition-statistics.query';
import { Clock } from '../../application/clock.port';
import { petitionListKey } from '../../application/petition.repository.port';
import { ReadIdentity } from '../../application/read-identity.query';
import { TrackPetition } from '../../application/track-petition.query';
import { canReadIdentity, type Petition } from '../../domain';
import { PetitionsArgs } from './petition.inputs';
import { HistoryEntryModel, PetitionConnection, PetitionerModel, PetitionModel } from './petition.model';
import { IdentityAccessModel, PetitionStatisticsModel, PetitionTrackingModel } from './petition-reports.models';
import { toStatisticsModel } from './statistics.mapper';

/** Reading petitions: one, a page, public tracking, statistics, the identity access log; the `history` and `petitioner` fields. */
@Resolver(() => PetitionModel)
export class PetitionQueriesResolver {
  constructor(
    private readonly getPetition: GetPetition,
    private readonly listPetitions: ListPetitions,
    private readonly trackPetitionQuery: TrackPetition,
    private readonly statistics: PetitionStatisticsQuery,
    private readonly accessLog: IdentityAccessLog,
    private readonly petitionHistory: PetitionHistory,
    private readonly readIdentity: ReadIdentity,
    private readonly clock: Clock,
  ) {}

  private model = (p: Petition) => PetitionModel.of(p, this.clock.now());

  @Roles(...ANY_ROLE)
  @Query(() => PetitionModel)
  async petition(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string) {
    return this.model(await this.getPetition.execute(user, code));
  }

  @Roles(...ANY_ROLE)
  @Query(() => PetitionConnection)
  async petitions(@CurrentUser() user: AuthUser, @Args() args: PetitionsArgs): Promise<PetitionConnection> {
    const page = keysetRequest(args.first, args.after, 2);
    const slice = await this.listPetitions.execute(user, { unitCode: args.unitCode, status: args.status, kind: args.kind, handlerId: args.handlerId }, page);
    return connectionOfSlice(slice, page, petitionListKey, this.model) as unknown as PetitionConnection;
  }

  @Public()
  @Query(() => PetitionTrackingModel, { nullable: true, description: 'Public: track with the secret given at intake' })
  async trackPetition(@Args('code', { type: () => ID }) code: string, @Args('trackingSecret') trackingSecret: string): Promise<PetitionTrackingModel | null> {
    const p = await this.trackPetitionQuery.execute(code, trackingSecret);
    if (!p) return null;
    return {
      code: p.code,
      kind: p.kind as PetitionTrackingModel['kind'],
      status: p.status,
      receivedAt: p.receivedAt,
      acceptanceDue: p.acceptanceDue,
      resolutionDue: p.resolutionDue,
      referral: p.referral,
      refusalReason: p.refusalReason,
      conclusion: p.conclusion,
      linkedToCode: p.linkedToCode,
      steps: p.history.map((h) => ({ action: h.action, status: h.to, at: h.at })),
    };
  }

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => PetitionStatisticsModel)
  async petitionStatistics(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return toStatisticsModel(await this.statistics.execute(user, unitCode, from, to));
  }

  @Roles(Role.LEADER, Role.ADMIN)
  @Query(() => [IdentityAccessModel], { description: 'Who read the petitioner identity, when and why' })
  petitionIdentityAccessLog(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string) {
    return this.accessLog.execute(user, code);
  }

  @ResolveField(() => [HistoryEntryModel])
  async history(@Parent() p: PetitionModel, @CurrentUser() user: AuthUser): Promise<HistoryEntryModel[]> {
    const entries = await this.petitionHistory.execute(p.code);
    const canSeePetitioner = this.canSeeIdentityQuietly(user, p);
    // the petitioner's user id is identity: hidden in history for everyone else
    return entries.map((h) => ({ ...h, actorId: h.actorRole === 'CITIZEN' && !canSeePetitioner ? null : h.actorId }));
  }

  @ResolveField(() => PetitionerModel, { nullable: true, description: 'Confidential identity (handler and deciding leader only; logged)' })
  petitioner(@Parent() p: PetitionModel, @CurrentUser() user: AuthUser) {
    return user ? this.readIdentity.execute(user, p.domain, 'graphql:petition.petitioner') : null;
  }

  private canSeeIdentityQuietly(user: AuthUser | undefined, p: PetitionModel): boolean {
    return !!user && canReadIdentity(p.domain, actorOf(user));
  }
}
