import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { Poll, PollStatus, TallyResult } from '../domain';

/** A poll as stored: the domain poll plus what close wrote (result, board root and size). */
export interface StoredPoll {
  poll: Poll;
  createdAt: Date;
  result: TallyResult | null;
  board: { root: string; size: number } | null;
}

export type PollLock = 'none' | 'share' | 'update';

export interface PollFilter {
  unitCode?: string;
  status?: PollStatus | null;
  /** Leave DRAFT polls out (callers outside the commune's staff). */
  withoutDrafts?: boolean;
}

/** Polls and their options (joins the ambient transaction). */
export abstract class PollRepository {
  abstract insert(poll: Poll): Promise<StoredPoll>;
  /** Writes the poll's fields and options (status, frozen roll, cancel reason included). */
  abstract save(poll: Poll): Promise<void>;
  /** With a lock, holds the row for the rest of the transaction (casts share it; state changes take it alone). */
  abstract find(id: string, lock?: PollLock): Promise<StoredPoll | null>;
  /** Keyset by (created_at DESC, id DESC). */
  abstract list(filter: PollFilter, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>>;
  /** Polls whose roll holds this ID number, newest first. */
  abstract listOnRoll(idNumber: string, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>>;
  abstract saveClosing(id: string, result: TallyResult, board: { root: string; size: number }): Promise<void>;
}
