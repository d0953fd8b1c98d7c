import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf, ValidationFailedError } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { type PollFilter, type PollLock, PollRepository, type StoredPoll } from '../application/poll.repository.port';
import type { Poll, TallyResult } from '../domain';
import { POLL_SELECT, type PollRow, storedPollOf } from './poll-row.mapper';

const LOCKS: Record<PollLock, string> = { none: '', share: ' FOR SHARE OF p', update: ' FOR UPDATE OF p' };

/** `PollRepository` over PostgreSQL (`poll`, `poll_option`, `poll_roll_entry` for myPolls). */
@Injectable()
export class PgPollRepository extends PollRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private q<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return managerFor(this.dataSource).query(sql, params);
  }

  async insert(poll: Poll): Promise<StoredPoll> {
    await this.q(
      `INSERT INTO poll (id, unit_code, village_code, matter, title, description, option_kind, electorate, channels, opens_at, closes_at, pass_basis, pass_percent, quorum_percent, status)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [poll.id, poll.unitCode, poll.villageCode, poll.matter, poll.title, poll.description, poll.options.kind, poll.electorate, poll.channels, poll.opensAt, poll.closesAt,
        poll.rule.passBasis, poll.rule.passPercent, poll.rule.quorumPercent, poll.status],
    );
    await this.saveOptions(poll);
    return (await this.find(poll.id))!;
  }

  async save(poll: Poll): Promise<void> {
    await this.q(
      `UPDATE poll SET village_code=$2, matter=$3, title=$4, description=$5, option_kind=$6, electorate=$7, channels=$8, opens_at=$9, closes_at=$10,
         pass_basis=$11, pass_percent=$12, quorum_percent=$13, status=$14, roll_size=$15, roll_hash=$16, cancel_reason=$17, close_reason=$18 WHERE id=$1`,
      [poll.id, poll.villageCode, poll.matter, poll.title, poll.description, poll.options.kind, poll.electorate, poll.channels, poll.opensAt, poll.closesAt,
        poll.rule.passBasis, poll.rule.passPercent, poll.rule.quorumPercent, poll.status, poll.roll?.size ?? null, poll.roll?.hash ?? null, poll.cancelReason, poll.closeReason ?? null],
    );
    if (poll.status === 'DRAFT') await this.saveOptions(poll);
  }

  private async saveOptions(poll: Poll): Promise<void> {
    await this.q(`DELETE FROM poll_option WHERE poll_id = $1`, [poll.id]);
    await this.q(
      `INSERT INTO poll_option (poll_id, position, option_id, label) SELECT $1, o.position, o.id, o.label
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS o(id, label, position)`,
      [poll.id, poll.options.options.map((o) => o.id), poll.options.options.map((o) => o.label)],
    );
  }

  async find(id: string, lock: PollLock = 'none'): Promise<StoredPoll | null> {
    const [row] = await this.q<PollRow[]>(`${POLL_SELECT} WHERE p.id = $1${LOCKS[lock]}`, [id]);
    return row ? storedPollOf(row) : null;
  }

  async list(filter: PollFilter, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>> {
    const where = [`p.unit_code = $1`, `($2::text IS NULL OR p.status = $2)`, `(NOT $3 OR p.status <> 'DRAFT')`];
    return this.page(where, [filter.unitCode ?? null, filter.status ?? null, !!filter.withoutDrafts], page);
  }

  async listOnRoll(idNumber: string, page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>> {
    return this.page([`p.status <> 'DRAFT'`, `EXISTS (SELECT 1 FROM poll_roll_entry r WHERE r.poll_id = p.id AND r.id_number = $1)`], [idNumber], page);
  }

  /** Keyset (created_at DESC, id DESC); the cursor holds [createdAt ISO, id]. */
  private async page(where: string[], params: unknown[], page: KeysetPageRequest): Promise<KeysetSlice<StoredPoll>> {
    const [{ n }] = await this.q<{ n: number }[]>(`SELECT count(*)::int AS n FROM poll p WHERE ${where.join(' AND ')}`, params);
    const after = page.after ? ` AND (p.created_at, p.id) < ($${params.length + 1}::timestamptz, $${params.length + 2}::uuid)` : '';
    const afterParams = page.after ? pollCursor(page.after) : [];
    const rows = await this.q<PollRow[]>(
      `${POLL_SELECT} WHERE ${where.join(' AND ')}${after} ORDER BY p.created_at DESC, p.id DESC LIMIT ${page.first + 1}`,
      [...params, ...afterParams],
    );
    return sliceOf(rows.map(storedPollOf), page.first, n);
  }

  async saveClosing(id: string, result: TallyResult, board: { root: string; size: number }): Promise<void> {
    await this.q(`UPDATE poll SET result = $2, board_root = $3, board_size = $4 WHERE id = $1`, [id, JSON.stringify(result), board.root, board.size]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The [createdAt, id] of a poll cursor, checked before it reaches SQL (a forged cursor is a coded 400, not a 500). */
function pollCursor(after: readonly unknown[]): [string, string] {
  const [at, id] = after;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw new ValidationFailedError('Invalid cursor', 'Con trỏ phân trang không hợp lệ', { field: 'after' });
  }
  return [at, id];
}
