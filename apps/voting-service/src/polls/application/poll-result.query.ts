import { Injectable } from '@nestjs/common';
import { assertResultsVisible, type TallyResult } from '../domain';
import { PollAccess } from './poll-access';
import type { StoredPoll } from './poll.repository.port';

/** The result of a closed poll; RESULTS_HIDDEN for everyone, officers and admins included, before close. */
@Injectable()
export class PollResult {
  constructor(private readonly access: PollAccess) {}

  async execute(id: string, viewer: { signedIn: boolean } = { signedIn: true }): Promise<{ stored: StoredPoll; result: TallyResult; board: { root: string; size: number } }> {
    const stored = await this.access.load(id);
    assertResultsVisible(stored.poll, viewer);
    return { stored, result: stored.result!, board: stored.board! };
  }
}
