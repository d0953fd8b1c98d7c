import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { PollRepository, type StoredPoll } from './poll.repository.port';

/** The polls whose roll holds the ID number in the caller's token (none without one). */
@Injectable()
export class MyPolls {
  constructor(private readonly polls: PollRepository) {}

  execute(user: AuthUser, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>> {
    if (typeof user?.idNumber !== 'string' || user.idNumber.length === 0) return Promise.resolve({ items: [], hasNextPage: false, totalCount: 0 });
    return this.polls.listOnRoll(user.idNumber, page);
  }
}
