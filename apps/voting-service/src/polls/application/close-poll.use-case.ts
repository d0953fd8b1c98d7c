import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { closePoll } from '../domain';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { PollClosing } from './poll-closing';
import type { StoredPoll } from './poll.repository.port';

/** Closes a poll at or after closesAt: the tally, the board in tracker order and its RFC 6962 root, published together. */
@Injectable()
export class ClosePoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly closing: PollClosing,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, id: string): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'close', id);
      const now = this.clock.now();
      const poll = closePoll(stored.poll, now);
      const { result, board } = await this.closing.finish(poll, now);
      return { ...stored, poll, result, board };
    });
  }
}
