import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { assertMay, type PollAction, type PollActor, VotingDomainError } from '../domain';
import { type PollLock, PollRepository, type StoredPoll } from './poll.repository.port';

export const pollNotFound = (id: string) => new VotingDomainError('POLL_NOT_FOUND', `No poll ${id}`, `Không có cuộc biểu quyết ${id}`, { id });

export const actorOf = (user: AuthUser): PollActor => ({ roles: user?.roles ?? [], unitCode: user?.unitCode ?? null });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a poll (POLL_NOT_FOUND for anything that is not one) and checks the caller may act on it. */
@Injectable()
export class PollAccess {
  constructor(private readonly polls: PollRepository) {}

  async load(id: string, lock: PollLock = 'none'): Promise<StoredPoll> {
    const stored = typeof id === 'string' && UUID.test(id) ? await this.polls.find(id, lock) : null;
    if (!stored) throw pollNotFound(String(id));
    return stored;
  }

  async loadFor(user: AuthUser, action: PollAction, id: string): Promise<StoredPoll> {
    const stored = await this.load(id, 'update');
    assertMay(actorOf(user), action, stored.poll);
    return stored;
  }
}
