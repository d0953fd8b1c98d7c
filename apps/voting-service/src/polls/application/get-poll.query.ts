import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { PollAccess, pollNotFound } from './poll-access';
import type { StoredPoll } from './poll.repository.port';
import { PollVisibility } from './poll-visibility';

/** One poll (a draft only for the commune's staff). */
@Injectable()
export class GetPoll {
  constructor(
    private readonly access: PollAccess,
    private readonly visibility: PollVisibility,
  ) {}

  async execute(user: AuthUser | undefined, id: string): Promise<StoredPoll> {
    const stored = await this.access.load(id);
    if (stored.poll.status === 'DRAFT' && !(await this.visibility.seesDrafts(user, stored.poll.unitCode))) throw pollNotFound(id);
    return stored;
  }
}
