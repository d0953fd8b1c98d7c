import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdministrativeUnitExtensionResolver, AdministrativeUnitRef, DateScalar, offsetFromCursor, pageFromOffset, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { actorOf, PetitionService, type PetitionCommand } from '../application/petition.service';
import { CLOCK, type Clock } from '../application/petition.config';
import { Inject } from '@nestjs/common';
import { canReadIdentity, type Petition } from '../domain';
import {
  Complexity,
  HistoryEntryModel,
  IdentityAccessModel,
  PetitionConnection,
  PetitionerModel,
  PetitionModel,
  PetitionsArgs,
  PetitionStatisticsModel,
  PetitionTrackingModel,
  SubmitPetitionInput,
  SubmitPetitionPayload,
} from './petition.models';
import { toStatisticsModel } from './statistics.mapper';

const STAFF = [Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.ADMIN];
const ANY = [Role.CITIZEN, Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.AGENCY, Role.ADMIN];

@Resolver(() => PetitionModel)
export class PetitionsResolver {
  constructor(
    private readonly service: PetitionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private model = (p: Petition) => PetitionModel.of(p, this.clock.now());

  private async step(user: AuthUser, code: string, command: PetitionCommand, trackingSecret?: string) {
    return this.model(await this.service.act(user, code, command, trackingSecret));
  }

  // ------------------------------------------------------------------ mutations

  @Roles(Role.CITIZEN, Role.OFFICER, Role.LEADER, Role.AGENCY)
  @Mutation(() => SubmitPetitionPayload, { description: 'Gửi / tiếp nhận đơn' })
  async submitPetition(@Args('input') input: SubmitPetitionInput, @CurrentUser() user: AuthUser): Promise<SubmitPetitionPayload> {
    const r = await this.service.submit(user, input);
    return { petition: this.model(r.petition), trackingSecret: r.trackingSecret, linkedTo: r.linkedTo };
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel)
  classifyPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('kind', { type: () => String, nullable: true }) kind?: string,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
    @Args('remoteArea', { nullable: true }) remoteArea?: boolean,
    @Args('category', { nullable: true }) category?: string,
    @Args('note', { nullable: true }) note?: string,
    @Args('actDate', { type: () => DateScalar, nullable: true, description: 'Complaint: day of the act or decision (90-day filing limit)' }) actDate?: string,
  ) {
    return this.step(user, code, { action: 'CLASSIFY', input: { kind: kind as never, complexity, remoteArea, category, note, actDate } });
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'Thụ lý' })
  acceptPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('note', { nullable: true }) note?: string,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
    @Args('lateFilingReason', { nullable: true, description: 'Complaint filed after the 90-day limit: the force-majeure reason (recorded)' }) lateFilingReason?: string,
  ) {
    return this.step(user, code, { action: 'ACCEPT', input: { note, complexity, lateFilingReason } });
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'Không thụ lý (with reason)' })
  refusePetition(@CurrentUser() user: AuthUser, @Args('code') code: string, @Args('reason') reason: string) {
    return this.step(user, code, { action: 'REFUSE', input: { reason } });
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'Chuyển đơn to the competent unit or agency' })
  referPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('agencyName') agencyName: string,
    @Args('reason') reason: string,
    @Args('unitCode', { type: () => UnitCodeScalar, nullable: true }) unitCode?: string,
  ) {
    return this.step(user, code, { action: 'REFER', input: { agencyName, reason, unitCode } });
  }

  @Roles(Role.LEADER)
  @Mutation(() => PetitionModel)
  assignPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('handlerId') handlerId: string,
    @Args('note', { nullable: true }) note?: string,
  ) {
    return this.step(user, code, { action: 'ASSIGN', input: { handlerId, note } });
  }

  @Roles(Role.LEADER)
  @Mutation(() => PetitionModel)
  extendPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('reason') reason: string,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
  ) {
    return this.step(user, code, { action: 'EXTEND', input: { reason, complexity } });
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel)
  resolvePetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('conclusion') conclusion: string,
    @Args('decisionNumber', { nullable: true }) decisionNumber?: string,
  ) {
    return this.step(user, code, { action: 'RESOLVE', input: { conclusion, decisionNumber } });
  }

  @Roles(Role.CITIZEN)
  @Mutation(() => PetitionModel)
  ratePetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('score', { type: () => Int }) score: number,
    @Args('comment', { nullable: true }) comment?: string,
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ) {
    return this.step(user, code, { action: 'RATE', input: { score, comment } }, trackingSecret);
  }

  @Roles(Role.CITIZEN)
  @Mutation(() => PetitionModel)
  reopenPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('reason') reason: string,
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ) {
    return this.step(user, code, { action: 'REOPEN', input: { reason } }, trackingSecret);
  }

  @Roles(Role.CITIZEN, Role.OFFICER)
  @Mutation(() => SubmitPetitionPayload, { description: 'Second-time complaint to the next level (returns the new case)' })
  async appealPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('reason') reason: string,
    @Args('toUnitCode', { type: () => UnitCodeScalar }) toUnitCode: string,
    @Args('content', { nullable: true }) content?: string,
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ): Promise<SubmitPetitionPayload> {
    const r = await this.service.appeal(user, code, { reason, toUnitCode, content }, trackingSecret);
    return { petition: this.model(r.petition), trackingSecret: r.trackingSecret };
  }

  @Roles(Role.CITIZEN, Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'Full withdrawal, or partial when items are listed' })
  withdrawPetition(
    @CurrentUser() user: AuthUser,
    @Args('code') code: string,
    @Args('reason', { nullable: true }) reason?: string,
    @Args('items', { type: () => [String], nullable: true }) items?: string[],
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ) {
    return this.step(user, code, { action: 'WITHDRAW', input: { reason, items } }, trackingSecret);
  }

  @Roles(Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'File information (anonymous denunciation)' })
  archivePetition(@CurrentUser() user: AuthUser, @Args('code') code: string, @Args('note', { nullable: true }) note?: string) {
    return this.step(user, code, { action: 'ARCHIVE', input: { note } });
  }

  // ------------------------------------------------------------------ queries

  @Roles(...ANY)
  @Query(() => PetitionModel)
  async petition(@CurrentUser() user: AuthUser, @Args('code') code: string) {
    return this.model(await this.service.get(user, code));
  }

  @Roles(...ANY)
  @Query(() => PetitionConnection)
  async petitions(@CurrentUser() user: AuthUser, @Args() args: PetitionsArgs): Promise<PetitionConnection> {
    const offset = offsetFromCursor(args.after);
    const { nodes, totalCount } = await this.service.list(
      user,
      { unitCode: args.unitCode, status: args.status, kind: args.kind, handlerId: args.handlerId },
      offset,
      args.first,
    );
    return pageFromOffset(nodes.map(this.model), offset, totalCount) as unknown as PetitionConnection;
  }

  @Public()
  @Query(() => PetitionTrackingModel, { nullable: true, description: 'Public: track with the secret given at intake' })
  async trackPetition(@Args('code') code: string, @Args('trackingSecret') trackingSecret: string): Promise<PetitionTrackingModel | null> {
    const p = await this.service.track(code, trackingSecret);
    if (!p) return null;
    return {
      code: p.code,
      kind: p.kind as never,
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

  @Roles(...STAFF)
  @Query(() => PetitionStatisticsModel)
  async petitionStatistics(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return toStatisticsModel(await this.service.statistics(user, unitCode, from, to));
  }

  @Roles(Role.LEADER, Role.ADMIN)
  @Query(() => [IdentityAccessModel], { description: 'Who read the petitioner identity, when and why' })
  petitionIdentityAccessLog(@CurrentUser() user: AuthUser, @Args('code') code: string) {
    return this.service.identityAccessLog(user, code);
  }

  // ------------------------------------------------------------------ fields

  @ResolveField(() => [HistoryEntryModel])
  async history(@Parent() p: PetitionModel, @CurrentUser() user: AuthUser): Promise<HistoryEntryModel[]> {
    const entries = await this.service.history(p.code);
    const canSeePetitioner = this.canSeeIdentityQuietly(user, p);
    // the petitioner's user id is identity: hidden in history for everyone else
    return entries.map((h) => ({ ...h, actorId: h.actorRole === 'CITIZEN' && !canSeePetitioner ? null : h.actorId }));
  }

  @ResolveField(() => PetitionerModel, { nullable: true, description: 'Confidential identity (handler and deciding leader only; logged)' })
  petitioner(@Parent() p: PetitionModel, @CurrentUser() user: AuthUser) {
    return user ? this.service.readIdentity(user, p.domain, 'graphql:petition.petitioner') : null;
  }

  private canSeeIdentityQuietly(user: AuthUser | undefined, p: PetitionModel): boolean {
    return !!user && canReadIdentity(p.domain, actorOf(user));
  }
}

/** `AdministrativeUnit` (merger-service's entity) extended with the unit's petition statistics. */
@Resolver(() => AdministrativeUnitRef)
export class AdministrativeUnitPetitionsResolver extends AdministrativeUnitExtensionResolver {
  constructor(private readonly service: PetitionService) {
    super();
  }

  @Roles(...STAFF)
  @ResolveField(() => PetitionStatisticsModel)
  async petitionStatistics(
    @Parent() unit: AdministrativeUnitRef,
    @CurrentUser() user: AuthUser,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return toStatisticsModel(await this.service.statistics(user, unit.code, from, to));
  }
}
