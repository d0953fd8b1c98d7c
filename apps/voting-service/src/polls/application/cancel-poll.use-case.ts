import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { cancelPoll } from '../domain';
import { PollAccess } from './poll-access';
import { PollRepository, type StoredPoll } from './poll.repository.port';

/** Cancels a DRAFT or OPEN poll with a reason. */
@Injectable()
export class CancelPoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly polls: PollRepository,
  ) {}

  execute(user: AuthUser, id: string, reason: string): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'cancel', id);
      const poll = cancelPoll(stored.poll, reason);
      await this.polls.save(poll);
      return { ...stored, poll };
    });
  }
}
