import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { assertAcceptsBallots, assertKnownOption, newTracker, VotingDomainError } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { RollRepository } from './roll.repository.port';

export const notOnRoll = () => new VotingDomainError('NOT_ON_ROLL', 'You are not on the roll of this poll', 'Bạn không có tên trong danh sách của cuộc biểu quyết này');

/**
 * A citizen on the roll (by the ID number in the token) casts online, once. Participation and
 * the ballot are written in one transaction but share nothing: the tracker goes back to the
 * voter only. A second attempt, online or paper, fails on the participation key (ALREADY_VOTED).
 */
@Injectable()
export class CastBallot {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly rolls: RollRepository,
    private readonly box: BallotBoxRepository,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, pollId: string, choice: string): Promise<{ pollId: string; tracker: string }> {
    return this.transactions.run(async () => {
      const { poll } = await this.access.load(pollId, 'share');
      const now = this.clock.now();
      assertAcceptsBallots(poll, 'ONLINE', now);
      assertKnownOption(poll.options, choice);
      const key = typeof user?.idNumber === 'string' ? await this.rolls.keyOfIdNumber(poll.id, user.idNumber) : null;
      if (key === null) throw notOnRoll();
      await this.box.recordParticipation(poll.id, [key], 'ONLINE', todayInVietnam(poll.opensAt));
      const { tracker } = newTracker(choice);
      await this.box.insertBallot(poll.id, { tracker, choice });
      return { pollId: poll.id, tracker };
    });
  }
}
