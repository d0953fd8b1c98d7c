import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { assertMay } from '../domain';
import { actorOf, PollAccess } from './poll-access';
import { type LoggedRepresentativeChange, RollRepository } from './roll.repository.port';

/** The replacement log of a poll, for the commune's officers and chairperson. */
@Injectable()
export class RepresentativeChanges {
  constructor(
    private readonly access: PollAccess,
    private readonly rolls: RollRepository,
  ) {}

  async execute(user: AuthUser, pollId: string): Promise<LoggedRepresentativeChange[]> {
    const { poll } = await this.access.load(pollId);
    assertMay(actorOf(user), 'viewRollChanges', poll);
    return this.rolls.changes(poll.id);
  }
}
