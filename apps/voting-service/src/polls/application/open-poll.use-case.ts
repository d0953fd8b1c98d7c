import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { freezeRoll, openPoll } from '../domain';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { pollOpenedEvent } from './poll-events';
import { PollRepository, type StoredPoll } from './poll.repository.port';
import { RollRepository } from './roll.repository.port';

/** Opens a poll: its roll is frozen (size N and hash published with poll.opened). */
@Injectable()
export class OpenPoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly polls: PollRepository,
    private readonly rolls: RollRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, id: string): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'open', id);
      const entries = await this.rolls.entries(stored.poll.id);
      const poll = openPoll(stored.poll, entries.length ? freezeRoll(entries, stored.poll.electorate) : { size: 0, hash: '' }, this.clock.now());
      await this.polls.save(poll);
      await this.outbox.publish(pollOpenedEvent(poll));
      return { ...stored, poll };
    });
  }
}
