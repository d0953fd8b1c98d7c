import { Injectable } from '@nestjs/common';
import { Outbox } from '@xaso/messaging';
import { BallotBoard, type Poll, tally, type TallyResult } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { pollClosedEvent } from './poll-events';
import { PollRepository } from './poll.repository.port';

/**
 * What every close does once the domain said the poll closes (at closesAt, or by rule): the
 * tally, the board in tracker order and its RFC 6962 root, saved and announced together (in the
 * caller's transaction).
 */
@Injectable()
export class PollClosing {
  constructor(private readonly polls: PollRepository, private readonly box: BallotBoxRepository, private readonly outbox: Outbox) {}

  async finish(poll: Poll, now: Date): Promise<{ result: TallyResult; board: { root: string; size: number } }> {
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
    return { result, board: root };
  }
}
