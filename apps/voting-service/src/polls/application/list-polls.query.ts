import { Injectable } from '@nestjs/common';
import { type KeysetPageRequest, type KeysetSlice } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import type { PollStatus } from '../domain';
import { PollRepository, type StoredPoll } from './poll.repository.port';
import { PollVisibility } from './poll-visibility';

/** A commune's polls, newest first (keyset); drafts only for its staff. */
@Injectable()
export class ListPolls {
  constructor(
    private readonly polls: PollRepository,
    private readonly visibility: PollVisibility,
  ) {}

  async execute(user: AuthUser | undefined, unitCode: string, status: PollStatus | null | undefined, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>> {
    const drafts = await this.visibility.seesDrafts(user, unitCode);
    if (status === 'DRAFT' && !drafts) return { items: [], hasNextPage: false, totalCount: 0 };
    return this.polls.list({ unitCode, status: status ?? null, withoutDrafts: !drafts }, page);
  }
}
