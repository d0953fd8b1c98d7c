import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf, ValidationFailedError } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { BallotBoxRepository } from '../application/ballot-box.repository.port';
import { type BoardEntry, type Channel, type PaperCount, VotingDomainError } from '../domain';
import { BallotSeal } from './ballot-seal';

const UNIQUE_VIOLATION = '23505';

export const alreadyVoted = () =>
  new VotingDomainError('ALREADY_VOTED', 'This household or voter has already taken part (online or on paper)', 'Hộ gia đình/cử tri này đã tham gia biểu quyết (trực tuyến hoặc phiếu giấy)');

/**
 * `BallotBoxRepository` over PostgreSQL. Participation and ballots are written by separate
 * statements with nothing in common; a pending ballot is sealed (`BallotSeal`) until its poll closes.
 */
@Injectable()
export class PgBallotBoxRepository extends BallotBoxRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BallotSeal) private readonly seal: BallotSeal,
  ) {
    super();
  }

  private q<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return managerFor(this.dataSource).query(sql, params);
  }

  async recordParticipation(pollId: string, keys: readonly string[], channel: Channel, pollDay: string): Promise<void> {
    try {
      await this.q(`INSERT INTO poll_participation (poll_id, entry_key, channel, poll_day) SELECT $1, k, $3, $4::date FROM unnest($2::text[]) AS k`, [pollId, keys, channel, pollDay]);
    } catch (error) {
      if ((error as { code?: string })?.code === UNIQUE_VIOLATION || (error as { driverError?: { code?: string } })?.driverError?.code === UNIQUE_VIOLATION) throw alreadyVoted();
      throw error;
    }
  }

  async participated(pollId: string, keys: readonly string[]): Promise<string[]> {
    const rows: { entry_key: string }[] = await this.q(`SELECT entry_key FROM poll_participation WHERE poll_id = $1 AND entry_key = ANY($2::text[])`, [pollId, keys]);
    return rows.map((r) => r.entry_key);
  }

  async insertBallot(pollId: string, ballot: BoardEntry): Promise<void> {
    await this.q(`INSERT INTO poll_sealed_ballot (poll_id, sealed) VALUES ($1, $2)`, [pollId, this.seal.seal(pollId, ballot)]);
  }

  async participationCounts(pollId: string): Promise<{ online: number; paper: number }> {
    const [row] = await this.q<{ online: number; paper: number }[]>(
      `SELECT count(*) FILTER (WHERE channel = 'ONLINE')::int AS online, count(*) FILTER (WHERE channel = 'PAPER')::int AS paper FROM poll_participation WHERE poll_id = $1`,
      [pollId],
    );
    return { online: row.online, paper: row.paper };
  }

  /** The poll's pending ballots, opened (and those cast before ballots were sealed, as they are). */
  async ballots(pollId: string): Promise<BoardEntry[]> {
    const sealed: { sealed: string }[] = await this.q(`SELECT sealed FROM poll_sealed_ballot WHERE poll_id = $1`, [pollId]);
    const plain: BoardEntry[] = await this.q(`SELECT tracker, choice FROM poll_ballot WHERE poll_id = $1`, [pollId]);
    return [...plain, ...sealed.map((row) => this.seal.open(pollId, row.sealed))];
  }

  async savePaperCount(pollId: string, count: PaperCount): Promise<void> {
    await this.q(
      `INSERT INTO poll_paper_count (poll_id, totals, spoiled) VALUES ($1, $2, $3) ON CONFLICT (poll_id) DO UPDATE SET totals = EXCLUDED.totals, spoiled = EXCLUDED.spoiled`,
      [pollId, JSON.stringify(count.totals), count.spoiled],
    );
  }

  async paperCount(pollId: string): Promise<PaperCount | null> {
    const [row] = await this.q<{ totals: Record<string, number>; spoiled: number }[]>(`SELECT totals, spoiled FROM poll_paper_count WHERE poll_id = $1`, [pollId]);
    return row ? { totals: row.totals, spoiled: row.spoiled } : null;
  }

  async publishBoard(pollId: string, board: readonly BoardEntry[]): Promise<void> {
    await this.q(
      `INSERT INTO poll_board (poll_id, leaf_index, tracker, choice) SELECT $1, b.i - 1, b.tracker, b.choice FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS b(tracker, choice, i) ORDER BY b.i`,
      [pollId, board.map((e) => e.tracker), board.map((e) => e.choice)],
    );
    await this.q(`DELETE FROM poll_sealed_ballot WHERE poll_id = $1`, [pollId]);
    await this.q(`DELETE FROM poll_ballot WHERE poll_id = $1`, [pollId]);
  }

  async boardPage(pollId: string, page: KeysetPageRequest): Promise<KeysetSlice<BoardEntry & { leafIndex: number }>> {
    const after = page.after ? page.after[0] : -1;
    if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < -1) throw new ValidationFailedError('Invalid cursor', 'Con trỏ phân trang không hợp lệ', { field: 'after' });
    const [{ n }] = await this.q<{ n: number }[]>(`SELECT count(*)::int AS n FROM poll_board WHERE poll_id = $1`, [pollId]);
    const rows: { leaf_index: number; tracker: string; choice: string }[] = await this.q(
      `SELECT leaf_index, tracker, choice FROM poll_board WHERE poll_id = $1 AND leaf_index > $2 ORDER BY leaf_index LIMIT $3`,
      [pollId, after, page.first + 1],
    );
    return sliceOf(rows.map((r) => ({ leafIndex: r.leaf_index, tracker: r.tracker, choice: r.choice })), page.first, n);
  }

  async board(pollId: string): Promise<BoardEntry[]> {
    return this.q(`SELECT tracker, choice FROM poll_board WHERE poll_id = $1 ORDER BY leaf_index`, [pollId]);
  }
}
