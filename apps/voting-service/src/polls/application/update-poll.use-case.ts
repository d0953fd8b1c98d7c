import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { updateDraft, type PollDraftPatch } from '../domain';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { PollRepository, type StoredPoll } from './poll.repository.port';
import { VillageCheck } from './village-check';

/** Changes a DRAFT poll (the whole draft is validated again). */
@Injectable()
export class UpdatePoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly polls: PollRepository,
    private readonly villages: VillageCheck,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, id: string, patch: PollDraftPatch): Promise<StoredPoll> {
    return this.transactions.run(async () => {
      const stored = await this.access.loadFor(user, 'update', id);
      const poll = updateDraft(stored.poll, patch);
      await this.villages.assertInCommune(poll, todayInVietnam(this.clock.now()));
      await this.polls.save(poll);
      return { ...stored, poll };
    });
  }
}
