import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import type { AuthUser } from '@xaso/auth';
import { randomUUID } from 'node:crypto';
import { assertMay, newPoll, type PollDraftInput } from '../domain';
import { Clock } from './clock.port';
import { actorOf } from './poll-access';
import { PollRepository, type StoredPoll } from './poll.repository.port';
import { VillageCheck } from './village-check';

/** An officer of the commune drafts a poll; its village must be one of the commune's. */
@Injectable()
export class CreatePoll {
  constructor(
    private readonly polls: PollRepository,
    private readonly villages: VillageCheck,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, input: PollDraftInput): Promise<StoredPoll> {
    const poll = newPoll(randomUUID(), input);
    assertMay(actorOf(user), 'create', poll);
    await this.villages.assertInCommune(poll, todayInVietnam(this.clock.now()));
    return this.polls.insert(poll);
  }
}
