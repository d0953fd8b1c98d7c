import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { BoardEntry, Channel, PaperCount } from '../domain';

/** Participation, ballots, the paper count and the published board. Participation and ballots never share a key. */
export abstract class BallotBoxRepository {
  /** Records that these roll entries took part; throws ALREADY_VOTED when any already did (the primary key decides, also under concurrency). */
  abstract recordParticipation(pollId: string, keys: readonly string[], channel: Channel, pollDay: string): Promise<void>;
  /** The keys of the list that already took part. */
  abstract participated(pollId: string, keys: readonly string[]): Promise<string[]>;
  abstract insertBallot(pollId: string, ballot: BoardEntry): Promise<void>;
  abstract participationCounts(pollId: string): Promise<{ online: number; paper: number }>;
  abstract ballots(pollId: string): Promise<BoardEntry[]>;
  abstract savePaperCount(pollId: string, count: PaperCount): Promise<void>;
  abstract paperCount(pollId: string): Promise<PaperCount | null>;
  /** Writes the board in order and removes the poll's pending ballots. */
  abstract publishBoard(pollId: string, board: readonly BoardEntry[]): Promise<void>;
  /** Board page by leaf index. */
  abstract boardPage(pollId: string, page: KeysetPageRequest): Promise<KeysetSlice<BoardEntry & { leafIndex: number }>>;
  abstract board(pollId: string): Promise<BoardEntry[]>;
}
