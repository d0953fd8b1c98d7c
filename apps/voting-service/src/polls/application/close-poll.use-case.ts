import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { BallotBoard, closePoll, tally } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { pollClosedEvent } from './poll-events';
import { PollRepository, type StoredPoll } from './poll.repository.port';

/** Closes a poll at or after closesAt: the tally, the board in tracker order and its RFC 6962 root, published together. */
@Injectable()
export class ClosePoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly polls: PollRepository,
    private readonly box: BallotBoxRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, id: string): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'close', id);
      const now = this.clock.now();
      const poll = closePoll(stored.poll, now);
      const ballots = await this.box.ballots(poll.id);
      const board = new BallotBoard(ballots);
      const result = tally({
        rollSize: poll.roll?.size ?? 0,
        electorate: poll.electorate,
        options: poll.options,
        rule: poll.rule,
        onlineChoices: board.entries.map((entry) => entry.choice),
        paper: await this.box.paperCount(poll.id),
        participation: await this.box.participationCounts(poll.id),
      });
      const root = { root: board.root, size: board.treeSize };
      await this.box.publishBoard(poll.id, board.entries);
      await this.polls.saveClosing(poll.id, result, root);
      await this.polls.save(poll);
      await this.outbox.publish(pollClosedEvent(poll, result, root, now));
      return { ...stored, poll, result, board: root };
    });
  }
}
