import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { type AuthUser, COMMUNE_STAFF, CurrentUser, Roles } from '@xaso/auth';
import { CancelPoll } from '../../application/cancel-poll.use-case';
import { CertifyPoll } from '../../application/certify-poll.use-case';
import { ClosePoll } from '../../application/close-poll.use-case';
import { CreatePoll } from '../../application/create-poll.use-case';
import { ImportRoll } from '../../application/import-roll.use-case';
import { OpenPoll } from '../../application/open-poll.use-case';
import { RecordPaperCount } from '../../application/record-paper-count.use-case';
import { RecordPaperParticipation } from '../../application/record-paper-participation.use-case';
import { UpdatePoll } from '../../application/update-poll.use-case';
import { draftInputOf, draftPatchOf } from './poll-input.mapper';
import { CreatePollInput, PaperTotalInput, PollDraftFieldsInput, RollRowGqlInput } from './poll.inputs';
import { PollModel, toPollModel } from './poll.models';
import { PaperCountModel, PaperParticipationModel, RollImportModel } from './poll-result.models';


/** What the commune's officers (and its chairperson, to certify) do with a poll; the domain checks role and commune. */
@Resolver(() => PollModel)
export class PollAdminResolver {
  constructor(
    private readonly create: CreatePoll,
    private readonly update: UpdatePoll,
    private readonly importRollUseCase: ImportRoll,
    private readonly open: OpenPoll,
    private readonly paperParticipation: RecordPaperParticipation,
    private readonly paperCount: RecordPaperCount,
    private readonly close: ClosePoll,
    private readonly certify: CertifyPoll,
    private readonly cancel: CancelPoll,
  ) {}

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel)
  async createPoll(@CurrentUser() user: AuthUser, @Args('input') input: CreatePollInput) {
    return toPollModel(await this.create.execute(user, draftInputOf(input)));
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel, { description: 'DRAFT only' })
  async updatePoll(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: PollDraftFieldsInput) {
    return toPollModel(await this.update.execute(user, id, draftPatchOf(input)));
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => RollImportModel, { description: 'Replaces the DRAFT poll\'s roll: all rows or none (ROLL_INVALID lists every wrong row in details.errors)' })
  importRoll(@CurrentUser() user: AuthUser, @Args('pollId', { type: () => ID }) pollId: string, @Args('rows', { type: () => [RollRowGqlInput] }) rows: RollRowGqlInput[]) {
    return this.importRollUseCase.execute(user, pollId, rows);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel, { description: 'Freezes the roll (size N and hash)' })
  async openPoll(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return toPollModel(await this.open.execute(user, id));
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PaperParticipationModel, { description: 'Who took part on paper: household ids (HOUSEHOLDS) or ID numbers (VOTERS)' })
  recordPaperParticipation(@CurrentUser() user: AuthUser, @Args('pollId', { type: () => ID }) pollId: string, @Args('householdIds', { type: () => [ID] }) householdIds: string[]) {
    return this.paperParticipation.execute(user, pollId, householdIds);
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PaperCountModel)
  async recordPaperCount(
    @CurrentUser() user: AuthUser,
    @Args('pollId', { type: () => ID }) pollId: string,
    @Args('totals', { type: () => [PaperTotalInput] }) totals: PaperTotalInput[],
    @Args('spoiled', { type: () => Int }) spoiled: number,
  ) {
    const count = await this.paperCount.execute(user, pollId, totals, spoiled);
    return { totals: Object.entries(count.totals).map(([optionId, n]) => ({ optionId, count: n })), spoiled: count.spoiled };
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel, { description: 'At or after closesAt: tally, board and root' })
  async closePoll(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return toPollModel(await this.close.execute(user, id));
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel, { description: 'The commune chairperson (LEADER)' })
  async certifyPoll(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return toPollModel(await this.certify.execute(user, id));
  }

  @Roles(...COMMUNE_STAFF)
  @Mutation(() => PollModel)
  async cancelPoll(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string) {
    return toPollModel(await this.cancel.execute(user, id, reason));
  }
}
