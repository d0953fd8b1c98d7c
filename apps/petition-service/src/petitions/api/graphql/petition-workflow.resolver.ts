import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, Role, Roles } from '@xaso/auth';
import { ActOnPetition, type PetitionCommand } from '../../application/act-on-petition.use-case';
import { AppealPetition } from '../../application/appeal-petition.use-case';
import { Clock } from '../../application/clock.port';
import { SubmitPetition } from '../../application/submit-petition.use-case';
import type { Petition, SubmittableKind as DomainSubmittableKind } from '../../domain';
import { Complexity, SubmittableKind } from './petition-enums';
import { SubmitPetitionInput } from './petition.inputs';
import { PetitionModel, SubmitPetitionPayload } from './petition.model';

/** The petition workflow's mutations: intake, one handling step each, the second-time complaint. */
@Resolver(() => PetitionModel)
export class PetitionWorkflowResolver {
  constructor(
    private readonly submit: SubmitPetition,
    private readonly act: ActOnPetition,
    private readonly appeal: AppealPetition,
    private readonly clock: Clock,
  ) {}

  private model = (p: Petition) => PetitionModel.of(p, this.clock.now());

  private async step(user: AuthUser, code: string, command: PetitionCommand, trackingSecret?: string) {
    return this.model(await this.act.execute(user, code, command, trackingSecret));
  }

  @Roles(Role.CITIZEN, Role.OFFICER, Role.LEADER, Role.AGENCY)
  @Mutation(() => SubmitPetitionPayload, { description: 'Gửi / tiếp nhận đơn' })
  async submitPetition(@Args('input') input: SubmitPetitionInput, @CurrentUser() user: AuthUser): Promise<SubmitPetitionPayload> {
    const r = await this.submit.execute(user, input);
    return { petition: this.model(r.petition), trackingSecret: r.trackingSecret, linkedTo: r.linkedTo };
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel)
  classifyPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('kind', { type: () => SubmittableKind, nullable: true }) kind?: SubmittableKind,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
    @Args('remoteArea', { nullable: true }) remoteArea?: boolean,
    @Args('category', { nullable: true }) category?: string,
    @Args('note', { nullable: true }) note?: string,
    @Args('actDate', { type: () => DateScalar, nullable: true, description: 'Complaint: day of the act or decision (90-day filing limit)' }) actDate?: string,
  ) {
    return this.step(user, code, { action: 'CLASSIFY', input: { kind: kind as DomainSubmittableKind | undefined, complexity, remoteArea, category, note, actDate } });
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel, { description: 'Thụ lý' })
  acceptPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('note', { nullable: true }) note?: string,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
    @Args('lateFilingReason', { nullable: true, description: 'Complaint filed after the 90-day limit: the force-majeure reason (recorded)' }) lateFilingReason?: string,
  ) {
    return this.step(user, code, { action: 'ACCEPT', input: { note, complexity, lateFilingReason } });
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel, { description: 'Không thụ lý (with reason)' })
  refusePetition(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string, @Args('reason') reason: string) {
    return this.step(user, code, { action: 'REFUSE', input: { reason } });
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel, { description: 'Chuyển đơn to the competent unit or agency' })
  referPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
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
    @Args('code', { type: () => ID }) code: string,
    @Args('handlerId') handlerId: string,
    @Args('note', { nullable: true }) note?: string,
  ) {
    return this.step(user, code, { action: 'ASSIGN', input: { handlerId, note } });
  }

  @Roles(Role.LEADER)
  @Mutation(() => PetitionModel)
  extendPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('reason') reason: string,
    @Args('complexity', { type: () => Complexity, nullable: true }) complexity?: Complexity,
  ) {
    return this.step(user, code, { action: 'EXTEND', input: { reason, complexity } });
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel)
  resolvePetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('conclusion') conclusion: string,
    @Args('decisionNumber', { nullable: true }) decisionNumber?: string,
  ) {
    return this.step(user, code, { action: 'RESOLVE', input: { conclusion, decisionNumber } });
  }

  @Roles(Role.CITIZEN)
  @Mutation(() => PetitionModel)
  ratePetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
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
    @Args('code', { type: () => ID }) code: string,
    @Args('reason') reason: string,
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ) {
    return this.step(user, code, { action: 'REOPEN', input: { reason } }, trackingSecret);
  }

  @Roles(Role.CITIZEN, Role.OFFICER)
  @Mutation(() => SubmitPetitionPayload, { description: 'Second-time complaint to the next level (returns the new case)' })
  async appealPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('reason') reason: string,
    @Args('toUnitCode', { type: () => UnitCodeScalar }) toUnitCode: string,
    @Args('content', { nullable: true }) content?: string,
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ): Promise<SubmitPetitionPayload> {
    const r = await this.appeal.execute(user, code, { reason, toUnitCode, content }, trackingSecret);
    return { petition: this.model(r.petition), trackingSecret: r.trackingSecret };
  }

  @Roles(Role.CITIZEN, Role.OFFICER, Role.LEADER)
  @Mutation(() => PetitionModel, { description: 'Full withdrawal, or partial when items are listed' })
  withdrawPetition(
    @CurrentUser() user: AuthUser,
    @Args('code', { type: () => ID }) code: string,
    @Args('reason', { nullable: true }) reason?: string,
    @Args('items', { type: () => [String], nullable: true }) items?: string[],
    @Args('trackingSecret', { nullable: true }) trackingSecret?: string,
  ) {
    return this.step(user, code, { action: 'WITHDRAW', input: { reason, items } }, trackingSecret);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PetitionModel, { description: 'File information (anonymous denunciation)' })
  archivePetition(@CurrentUser() user: AuthUser, @Args('code', { type: () => ID }) code: string, @Args('note', { nullable: true }) note?: string) {
    return this.step(user, code, { action: 'ARCHIVE', input: { note } });
  }
}
