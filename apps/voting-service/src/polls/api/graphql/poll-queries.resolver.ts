import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { connectionOfSlice, keysetRequest, PaginationArgs } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { CastBallot } from '../../application/cast-ballot.use-case';
import { GetPoll } from '../../application/get-poll.query';
import { ListPolls } from '../../application/list-polls.query';
import { MyPolls } from '../../application/my-polls.query';
import { PollBoard } from '../../application/poll-board.query';
import { PollResult } from '../../application/poll-result.query';
import { VerifyReceipt } from '../../application/verify-receipt.query';
import { PollBoardArgs, PollsArgs } from './poll.inputs';
import { PollConnection, pollKey, PollModel, toPollModel } from './poll.models';
import { CastBallotPayload, PollBoardModel, PollReceiptModel, PollResultModel, toPollResultModel } from './poll-result.models';

/** Reading polls (public information of the commune), casting (citizens on the roll) and the public board. */
@Resolver(() => PollModel)
export class PollQueriesResolver {
  constructor(
    private readonly getPoll: GetPoll,
    private readonly listPolls: ListPolls,
    private readonly myPollsQuery: MyPolls,
    private readonly result: PollResult,
    private readonly boardQuery: PollBoard,
    private readonly receipt: VerifyReceipt,
    private readonly cast: CastBallot,
  ) {}

  @Public()
  @Query(() => PollModel, { description: 'A draft only for the commune\'s staff' })
  async poll(@CurrentUser() user: AuthUser | undefined, @Args('id', { type: () => ID }) id: string) {
    return toPollModel(await this.getPoll.execute(user, id));
  }

  @Public()
  @Query(() => PollConnection)
  async polls(@CurrentUser() user: AuthUser | undefined, @Args() args: PollsArgs) {
    const request = keysetRequest(args.first, args.after, 2);
    return connectionOfSlice(await this.listPolls.execute(user, args.unitCode, args.status, request), request, pollKey, toPollModel);
  }

  @Roles(Role.CITIZEN)
  @Query(() => PollConnection, { description: 'The polls whose roll holds the ID number of your token' })
  async myPolls(@CurrentUser() user: AuthUser, @Args() args: PaginationArgs) {
    const request = keysetRequest(args.first, args.after, 2);
    return connectionOfSlice(await this.myPollsQuery.execute(user, request), request, pollKey, toPollModel);
  }

  @Public()
  @Query(() => PollResultModel, { description: 'RESULTS_HIDDEN before close, for every role; after close for those signed in, public without a login once certified' })
  async pollResult(@CurrentUser() user: AuthUser | undefined, @Args('id', { type: () => ID }) id: string) {
    const { stored, result, board } = await this.result.execute(id, { signedIn: !!user });
    return toPollResultModel(stored.poll.id, stored.poll.status, result, board);
  }

  @Public()
  @Query(() => PollBoardModel, { description: 'Every ballot as {tracker, choice} in tracker order, after close' })
  async pollBoard(@CurrentUser() user: AuthUser | undefined, @Args() args: PollBoardArgs) {
    const request = keysetRequest(args.first, args.after, 1);
    const { root, size, slice } = await this.boardQuery.execute(args.id, request, { signedIn: !!user });
    return { root, size, entries: connectionOfSlice(slice, request, (e) => [e.leafIndex], (e) => e) };
  }

  @Public()
  @Query(() => PollReceiptModel, { description: 'Your ballot on the board with its RFC 6962 audit path' })
  verifyReceipt(@CurrentUser() user: AuthUser | undefined, @Args('pollId', { type: () => ID }) pollId: string, @Args('tracker') tracker: string) {
    return this.receipt.execute(pollId, tracker, { signedIn: !!user });
  }

  @Roles(Role.CITIZEN)
  @Mutation(() => CastBallotPayload, { description: 'Once per household/voter across channels; no revoting' })
  castBallot(@CurrentUser() user: AuthUser, @Args('pollId', { type: () => ID }) pollId: string, @Args('choice', { type: () => ID }) choice: string) {
    return this.cast.execute(user, pollId, choice);
  }
}
