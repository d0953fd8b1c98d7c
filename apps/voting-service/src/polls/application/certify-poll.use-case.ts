import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { certifyPoll } from '../domain';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { pollCertifiedEvent } from './poll-events';
import { PollRepository, type StoredPoll } from './poll.repository.port';

/** The commune chairperson (LEADER) certifies a closed poll's result. */
@Injectable()
export class CertifyPoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly polls: PollRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, id: string): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'certify', id);
      const poll = certifyPoll(stored.poll);
      await this.polls.save(poll);
      if (stored.result && stored.board) await this.outbox.publish(pollCertifiedEvent(poll, stored.result, stored.board.root, this.clock.now()));
      return { ...stored, poll };
    });
  }
}
