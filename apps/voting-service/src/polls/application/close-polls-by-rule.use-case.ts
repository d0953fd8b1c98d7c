import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@xaso/persistence';
import { closePollByRule } from '../domain';
import { Clock } from './clock.port';
import { PollClosing } from './poll-closing';
import { PollRepository } from './poll.repository.port';

/**
 * Closes OPEN polls by rule (issue 12: a rearrangement took their village out of the commune), in
 * the caller's transaction when there is one (the saga step's): each poll locked, closed with the
 * reason, its result computed and `poll.closed` published as at a normal close. A poll no longer
 * OPEN (closed meanwhile, or on a retry) is left alone. Returns the ids it closed.
 */
@Injectable()
export class ClosePollsByRule {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly polls: PollRepository,
    private readonly closing: PollClosing,
    private readonly clock: Clock,
  ) {}

  execute(polls: readonly { id: string; reason: string }[]): Promise<string[]> {
    return this.transactions.run(async () => {
      const closed: string[] = [];
      for (const { id, reason } of polls) {
        const stored = await this.polls.find(id, 'update');
        if (stored?.poll.status !== 'OPEN') continue;
        await this.closing.finish(closePollByRule(stored.poll, reason), this.clock.now());
        closed.push(id);
      }
      return closed;
    });
  }
}
