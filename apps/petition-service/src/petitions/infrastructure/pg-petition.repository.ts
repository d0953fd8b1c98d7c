import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, sliceOf, type KeysetPageRequest, type KeysetSlice } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import type { DuplicateCandidate, HistoryEntry, Petition, PetitionStatRecord } from '../domain';
import { addDays, startOfLocalDay } from '@xaso/calendar';
import { type IdentityAccessRow, type PetitionListFilter, PetitionRepository, type StoredPetition } from '../application/petition.repository.port';

const DATE_FIELDS = [
  'receivedAt',
  'classifiedAt',
  'acceptedAt',
  'refusedAt',
  'referredAt',
  'assignedAt',
  'resolvedAt',
  'withdrawnAt',
  'escalatedAt',
] as const;

/** The aggregate state as stored in the `state` jsonb column (dates as ISO strings). */
type StateJson = Record<string, unknown>;

/** Columns this repository reads, as node-postgres returns them. */
interface Row {
  state: StateJson;
  tracking_secret_hash: string;
  version: number;
  history_length: number;
  updated_at: Date;
  code: string;
  action: HistoryEntry['action'];
  from_status: HistoryEntry['from'];
  to_status: HistoryEntry['to'];
  actor_id: string;
  actor_role: HistoryEntry['actorRole'];
  at: Date;
  note: string | null;
  key_id: string;
  ciphertext: string;
  petition_code: string;
  purpose: string;
}

function reviveState(state: StateJson, history: HistoryEntry[]): Petition {
  const p: StateJson = { ...state };
  for (const f of DATE_FIELDS) if (p[f]) p[f] = new Date(p[f] as string);
  const rating = p.rating as { at: string } | undefined;
  if (rating) p.rating = { ...rating, at: new Date(rating.at) };
  return { ...(p as unknown as Petition), history };
}

function stateOf(p: Petition): StateJson {
  const { history: _history, ...rest } = p;
  return JSON.parse(JSON.stringify(rest));
}

/** `PetitionRepository` over PostgreSQL (joins the ambient transaction via managerFor). */
@Injectable()
export class PgPetitionRepository extends PetitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private query<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return managerFor(this.dataSource).query(sql, params);
  }

  /** Next 4-digit sequence for the unit and local day (row-locked upsert). */
  async nextSequence(unitCode: string, day: string): Promise<number> {
    const [row] = await this.query<{ last: number }>(
      `INSERT INTO petition_sequence (unit_code, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (unit_code, day) DO UPDATE SET last = petition_sequence.last + 1
       RETURNING last`,
      [unitCode, day],
    );
    return row.last;
  }

  async insert(p: Petition, trackingSecretHash: string): Promise<void> {
    await this.query(
      `INSERT INTO petition (code, unit_code, kind, channel, status, category, petitioner_key, petitioner_user_id, handler_id,
         received_at, acceptance_due, resolution_due, state, tracking_secret_hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        p.code, p.unitCode, p.kind, p.channel, p.status, p.category ?? null, p.petitionerKey ?? null, p.petitionerUserId ?? null,
        p.handlerId ?? null, p.receivedAt, p.acceptanceDue, p.resolutionDue ?? null, stateOf(p), trackingSecretHash,
      ],
    );
    await this.appendHistory(p.code, p.history, 0);
  }

  /**
   * Saves a changed petition if nobody changed it since `version` was read; appends the history
   * entries after `loadedHistoryLength` (the entries `p` was loaded with; the scheduler loads none)
   * numbered from `storedHistoryLength` (the entries stored).
   */
  async update(p: Petition, version: number, storedHistoryLength: number, loadedHistoryLength = storedHistoryLength): Promise<void> {
    const rows = await this.query(
      `UPDATE petition SET kind = $2, status = $3, category = $4, handler_id = $5, resolution_due = $6, acceptance_due = $7,
         state = $8, version = version + 1, updated_at = $10
       WHERE code = $1 AND version = $9 RETURNING code`,
      [p.code, p.kind, p.status, p.category ?? null, p.handlerId ?? null, p.resolutionDue ?? null, p.acceptanceDue, stateOf(p), version, p.history.at(-1)?.at ?? new Date()],
    );
    if (rows.length === 0) {
      throw new ConflictError('PETITION_CONCURRENT_UPDATE', 'The petition was changed by someone else; reload and retry', 'Đơn vừa được người khác cập nhật; vui lòng tải lại và thử lại');
    }
    await this.appendHistory(p.code, p.history.slice(loadedHistoryLength), storedHistoryLength);
  }

  private async appendHistory(code: string, entries: HistoryEntry[], offset: number): Promise<void> {
    if (!entries.length) return;
    await this.query(
      `INSERT INTO petition_history (petition_code, seq, action, from_status, to_status, actor_id, actor_role, at, note)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])`,
      [
        code,
        entries.map((_, i) => offset + i + 1),
        entries.map((e) => e.action),
        entries.map((e) => e.from),
        entries.map((e) => e.to),
        entries.map((e) => e.actorId),
        entries.map((e) => e.actorRole),
        entries.map((e) => e.at),
        entries.map((e) => e.note ?? null),
      ],
    );
  }

  async findByCode(code: string, forUpdate = false): Promise<StoredPetition | null> {
    const [row] = await this.query(
      `SELECT state, tracking_secret_hash, version FROM petition WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [code],
    );
    if (!row) return null;
    const history = await this.history(code);
    return { petition: reviveState(row.state, history), trackingSecretHash: row.tracking_secret_hash, version: row.version };
  }

  async history(code: string): Promise<HistoryEntry[]> {
    const rows = await this.query(
      `SELECT action, from_status, to_status, actor_id, actor_role, at, note FROM petition_history WHERE petition_code = $1 ORDER BY seq`,
      [code],
    );
    return rows.map((r) => {
      const e: HistoryEntry = { action: r.action, from: r.from_status, to: r.to_status, actorId: r.actor_id, actorRole: r.actor_role, at: new Date(r.at) };
      if (r.note !== null) e.note = r.note;
      return e;
    });
  }

  async list(filter: PetitionListFilter, page: KeysetPageRequest): Promise<KeysetSlice<Petition>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let i = 0;
      where.push(sql.replace(/\?/g, () => `$${params.push(values[i++])}`));
    };
    if (filter.unitCode) add('unit_code = ?', filter.unitCode);
    if (filter.status) add('status = ?', filter.status);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.petitionerUserId) add('petitioner_user_id = ?', filter.petitionerUserId);
    if (filter.handlerId) add('handler_id = ?', filter.handlerId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.query<{ count: string }>(`SELECT count(*) FROM petition ${clause}`, params);
    if (page.after) add('(received_at, code) < (?::timestamptz, ?)', page.after[0], page.after[1]);
    const rows = await this.query(
      `SELECT code, state FROM petition ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, code DESC LIMIT $${params.length + 1}`,
      [...params, page.first + 1],
    );
    // list views do not need the history (the `history` field loads it per petition)
    return sliceOf(rows.map((r) => reviveState(r.state, [])), page.first, Number(count));
  }

  /**
   * A unit's petitions received in [from, to] (local days), oldest first, at most `limit` — the
   * period filter runs in SQL on the (unit_code, received_at) index. `truncated` when more exist.
   */
  async receivedInPeriod(unitCode: string, from: string, to: string, limit: number): Promise<{ nodes: Petition[]; truncated: boolean }> {
    const rows = await this.query(
      `SELECT state FROM petition WHERE unit_code = $1 AND received_at >= $2 AND received_at < $3 ORDER BY received_at, code LIMIT $4`,
      [unitCode, startOfLocalDay(from), startOfLocalDay(addDays(to, 1)), limit + 1],
    );
    return { nodes: rows.slice(0, limit).map((r) => reviveState(r.state, [])), truncated: rows.length > limit };
  }

  /** Open (or resolved) cases of a unit that a new submission could duplicate. */
  async duplicateCandidates(unitCode: string, petitionerKey: string | undefined, category: string | undefined, since: Date): Promise<DuplicateCandidate[]> {
    const rows = await this.query(
      `SELECT state FROM petition
       WHERE unit_code = $1 AND status IN ('RECEIVED','CLASSIFIED','ACCEPTED','ASSIGNED','REOPENED','RESOLVED')
         AND (($2::text IS NOT NULL AND (state->'petitionerKeys') ? $2::text)
           OR ($3::text IS NOT NULL AND kind = 'FEEDBACK' AND lower(category) = lower($3::text) AND received_at >= $4))
       ORDER BY received_at`,
      [unitCode, petitionerKey ?? null, category ?? null, since],
    );
    return rows.map((r) => {
      const p = reviveState(r.state, []);
      return { code: p.code, kind: p.kind, petitionerKeys: p.petitionerKeys, content: p.content, title: p.title, category: p.category, location: p.location, receivedAt: p.receivedAt };
    });
  }

  async forStatistics(unitCode: string, from: string, to: string): Promise<PetitionStatRecord[]> {
    // everything that could count in the period: received before its end and not closed before its start
    const end = startOfLocalDay(addDays(to, 1));
    const rows = await this.query(`SELECT state, updated_at FROM petition WHERE unit_code = $1 AND received_at < $2`, [unitCode, end]);
    return rows.map((r) => {
      const p = reviveState(r.state, []);
      // linked duplicates, archived information and appealed complaints leave the workflow at their last update
      const closedAt = ['LINKED', 'ARCHIVED', 'APPEALED'].includes(p.status) ? new Date(r.updated_at) : undefined;
      return {
        kind: p.kind,
        channel: p.channel,
        receivedAt: p.receivedAt,
        acceptanceDue: p.acceptanceDue,
        acceptedAt: p.acceptedAt,
        refusedAt: p.refusedAt,
        referredAt: p.referredAt,
        resolvedAt: p.resolvedAt,
        resolutionDue: p.resolutionDue,
        withdrawnAt: p.withdrawnAt,
        closedAt,
        linked: p.status === 'LINKED',
        rating: p.rating ? { score: p.rating.score, at: p.rating.at } : undefined,
      } satisfies PetitionStatRecord;
    });
  }

  /**
   * Open petitions whose running deadline (acceptance before thụ lý, resolution after) is overdue
   * and not escalated for that due date, or due by `horizon` and not yet announced as due soon —
   * one set-based query, rows locked `FOR UPDATE SKIP LOCKED` so that a second instance running
   * the scheduler at the same time takes other rows instead of waiting or conflicting. Must run
   * inside a transaction. The petitions come without their history (`historyLength` entries stored).
   */
  async lockDeadlineCandidates(today: string, horizon: string, limit: number): Promise<Array<StoredPetition & { historyLength: number }>> {
    const due = `(CASE WHEN p.status IN ('RECEIVED','CLASSIFIED') THEN p.acceptance_due ELSE p.resolution_due END)`;
    const rows = await this.query(
      `SELECT p.state, p.tracking_secret_hash, p.version,
              (SELECT count(*)::int FROM petition_history h WHERE h.petition_code = p.code) AS history_length
       FROM petition p
       WHERE p.status IN ('RECEIVED','CLASSIFIED','ACCEPTED','ASSIGNED','REOPENED')
         AND ${due} <= $2::date
         AND ((${due} < $1::date AND (p.state->>'escalatedDue') IS DISTINCT FROM to_char(${due}, 'YYYY-MM-DD'))
           OR (${due} >= $1::date AND (p.state->>'dueSoonDue') IS DISTINCT FROM to_char(${due}, 'YYYY-MM-DD')))
       ORDER BY p.code
       LIMIT $3
       FOR UPDATE OF p SKIP LOCKED`,
      [today, horizon, limit],
    );
    return rows.map((r) => ({ petition: reviveState(r.state, []), trackingSecretHash: r.tracking_secret_hash, version: r.version, historyLength: r.history_length }));
  }

  // ------------------------------------------------------------ identity (ciphertext only)

  async saveIdentity(code: string, keyId: string, ciphertext: string): Promise<void> {
    await this.query(
      `INSERT INTO petition_identity (petition_code, key_id, ciphertext) VALUES ($1, $2, $3)
       ON CONFLICT (petition_code) DO UPDATE SET key_id = EXCLUDED.key_id, ciphertext = EXCLUDED.ciphertext, updated_at = now()`,
      [code, keyId, ciphertext],
    );
  }

  async loadIdentity(code: string): Promise<{ keyId: string; ciphertext: string } | null> {
    const [row] = await this.query(`SELECT key_id, ciphertext FROM petition_identity WHERE petition_code = $1`, [code]);
    return row ? { keyId: row.key_id, ciphertext: row.ciphertext } : null;
  }

  async identitiesNotUnderKey(keyId: string, limit: number): Promise<{ code: string; ciphertext: string }[]> {
    const rows = await this.query(`SELECT petition_code, ciphertext FROM petition_identity WHERE key_id <> $1 ORDER BY petition_code LIMIT $2`, [keyId, limit]);
    return rows.map((r) => ({ code: r.petition_code, ciphertext: r.ciphertext }));
  }

  async logIdentityAccess(code: string, actorId: string, actorRole: string, purpose: string): Promise<void> {
    await this.query(`INSERT INTO petition_identity_access (petition_code, actor_id, actor_role, purpose) VALUES ($1, $2, $3, $4)`, [code, actorId, actorRole, purpose]);
  }

  async identityAccessLog(code: string): Promise<IdentityAccessRow[]> {
    const rows = await this.query(
      `SELECT petition_code, actor_id, actor_role, purpose, at FROM petition_identity_access WHERE petition_code = $1 ORDER BY id`,
      [code],
    );
    return rows.map((r) => ({ petitionCode: r.petition_code, actorId: r.actor_id, actorRole: r.actor_role, purpose: r.purpose, at: new Date(r.at) }));
  }
}

