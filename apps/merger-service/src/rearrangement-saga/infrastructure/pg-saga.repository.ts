import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RearrangementRow, ReviewAssignment, ReviewItemMessage, UnitMoveMessage } from '@xaso/contracts';
import { type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type ChunkKey, type ReviewItem, SagaRepository, type SentChunk, type StepKey } from '../application/saga.repository.port';
import type { ReportSource } from '../domain/reconciliation';
import type { RunKind, RunStatus, SagaRun, StepState } from '../domain/saga';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const ITEM_COLUMNS = `id, plan_id AS "planId", service, record_type AS "recordType", record_id AS "recordId", source_code AS "sourceCode",
  candidate_codes AS "candidateCodes", label, status, target_code AS "targetCode", assigned_by AS "assignedBy", ${ISO('assigned_at')} AS "assignedAt"`;
const ACTION_ORDER = `CASE action WHEN 'REGISTRY' THEN 0 WHEN 'DRY_RUN' THEN 1 WHEN 'APPLY' THEN 1 WHEN 'ASSIGN' THEN 2 WHEN 'COMPENSATE' THEN 3 ELSE 4 END`;

@Injectable()
export class PgSagaRepository extends SagaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of hand-written SQL, typed where used
  private q<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return managerFor(this.dataSource).query(sql, params);
  }

  async lock(planId: string): Promise<void> {
    await this.q(`SELECT pg_advisory_xact_lock(hashtext('rearrangement-saga:' || $1))`, [planId]);
  }

  async startRun(planId: string, kind: RunKind, startedBy: string): Promise<void> {
    await this.q(`DELETE FROM rearrangement_run WHERE plan_id = $1 AND kind = $2`, [planId, kind]);
    await this.q(`INSERT INTO rearrangement_run (plan_id, kind, status, started_by) VALUES ($1, $2, 'RUNNING', $3)`, [planId, kind, startedBy]);
  }

  async run(planId: string, kind: RunKind): Promise<SagaRun | null> {
    const [run] = await this.q(
      `SELECT plan_id AS "planId", kind, status, started_by AS "startedBy", ${ISO('started_at')} AS "startedAt", ${ISO('finished_at')} AS "finishedAt",
              error, signed_off_by AS "signedOffBy", ${ISO('signed_off_at')} AS "signedOffAt", sign_off_note AS "signOffNote"
         FROM rearrangement_run WHERE plan_id = $1 AND kind = $2`,
      [planId, kind],
    );
    if (!run) return null;
    const steps = await this.q(
      `SELECT service, action, state, chunks, chunks_done AS "chunksDone", moved, total, error, ${ISO('updated_at')} AS "updatedAt",
              (SELECT COALESCE(max(attempts), 0)::int FROM rearrangement_run_chunk c
                WHERE c.plan_id = s.plan_id AND c.kind = s.kind AND c.service = s.service AND c.action = s.action) AS attempts
         FROM rearrangement_run_step s WHERE plan_id = $1 AND kind = $2 ORDER BY ${ACTION_ORDER}, seq`,
      [planId, kind],
    );
    return { ...run, steps };
  }

  async setRunStatus(planId: string, kind: RunKind, status: RunStatus, options: { error?: string | null; finished?: boolean } = {}): Promise<void> {
    await this.q(
      `UPDATE rearrangement_run SET status = $3, error = COALESCE($4, error), finished_at = CASE WHEN $5 THEN now() ELSE finished_at END
        WHERE plan_id = $1 AND kind = $2`,
      [planId, kind, status, options.error ?? null, options.finished ?? false],
    );
  }

  async upsertStep(key: StepKey, state: StepState, patch: { chunks?: number; moved?: number; total?: number; error?: string | null } = {}): Promise<void> {
    await this.q(
      `INSERT INTO rearrangement_run_step (plan_id, kind, service, action, seq, state, chunks, moved, total, error)
       VALUES ($1, $2, $3, $4, (SELECT count(*) FROM rearrangement_run_step WHERE plan_id = $1 AND kind = $2), $5, COALESCE($6, 0), COALESCE($7, 0), COALESCE($8, 0), $9)
       ON CONFLICT (plan_id, kind, service, action) DO UPDATE SET state = $5,
         chunks = COALESCE($6, rearrangement_run_step.chunks), moved = COALESCE($7, rearrangement_run_step.moved),
         total = COALESCE($8, rearrangement_run_step.total), error = COALESCE($9, rearrangement_run_step.error), updated_at = now()`,
      [key.planId, key.kind, key.service, key.action, state, patch.chunks ?? null, patch.moved ?? null, patch.total ?? null, patch.error ?? null],
    );
  }

  async deleteStep(key: StepKey): Promise<void> {
    await this.q(`DELETE FROM rearrangement_run_step WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4`, [key.planId, key.kind, key.service, key.action]);
  }

  async addChunk(key: ChunkKey, moves: UnitMoveMessage[], assignments: ReviewAssignment[] = []): Promise<string> {
    const [row] = await this.q(
      `INSERT INTO rearrangement_run_chunk (plan_id, kind, service, action, chunk, state, moves, assignments) VALUES ($1, $2, $3, $4, $5, 'SENT', $6, $7)
       RETURNING id::text AS id`,
      [key.planId, key.kind, key.service, key.action, key.chunk, JSON.stringify(moves), JSON.stringify(assignments)],
    );
    return row.id;
  }

  async chunk(key: ChunkKey): Promise<SentChunk | null> {
    const [row] = await this.q(
      `SELECT plan_id AS "planId", kind, service, action, chunk, id::text AS "runChunkId", state, attempts, moves, assignments FROM rearrangement_run_chunk
        WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4 AND chunk = $5`,
      [key.planId, key.kind, key.service, key.action, key.chunk],
    );
    return row ?? null;
  }

  async finishChunk(key: ChunkKey, state: 'DONE' | 'FAILED', counts: { moved: number; total: number }): Promise<{ left: number }> {
    await this.q(
      `UPDATE rearrangement_run_chunk SET state = $6, replied_at = now() WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4 AND chunk = $5`,
      [key.planId, key.kind, key.service, key.action, key.chunk, state],
    );
    const [step] = await this.q(
      `UPDATE rearrangement_run_step SET chunks_done = chunks_done + 1, moved = moved + $5, total = total + $6, updated_at = now()
        WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4 RETURNING chunks - chunks_done AS left`,
      [key.planId, key.kind, key.service, key.action, counts.moved, counts.total],
    );
    return { left: Number(step?.left ?? 0) };
  }

  async cancelChunks(key: StepKey): Promise<void> {
    await this.q(`UPDATE rearrangement_run_chunk SET state = 'CANCELLED' WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4 AND state = 'SENT'`, [
      key.planId, key.kind, key.service, key.action,
    ]);
  }

  async timedOut(before: Date, limit: number): Promise<SentChunk[]> {
    return this.q(
      `SELECT plan_id AS "planId", kind, service, action, chunk, id::text AS "runChunkId", state, attempts, moves, assignments FROM rearrangement_run_chunk
        WHERE state = 'SENT' AND sent_at < $1 ORDER BY sent_at LIMIT $2`,
      [before, limit],
    );
  }

  async resent(key: ChunkKey, attempts: number): Promise<void> {
    await this.q(
      `UPDATE rearrangement_run_chunk SET attempts = $6, sent_at = now() WHERE plan_id = $1 AND kind = $2 AND service = $3 AND action = $4 AND chunk = $5`,
      [key.planId, key.kind, key.service, key.action, key.chunk, attempts],
    );
  }

  async saveReport(planId: string, kind: RunKind, service: string, rows: readonly (RearrangementRow & { mergerSha256: (string | null)[] })[]): Promise<void> {
    if (!rows.length) return;
    await this.q(
      `INSERT INTO rearrangement_report (plan_id, kind, service, record_type, source_code, before, queued, failed, carried_over, after)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[])
       ON CONFLICT (plan_id, kind, service, record_type, source_code) DO UPDATE SET before = EXCLUDED.before, queued = EXCLUDED.queued,
         failed = EXCLUDED.failed, carried_over = EXCLUDED.carried_over, after = EXCLUDED.after`,
      [planId, kind, service, rows.map((r) => r.recordType), rows.map((r) => r.sourceCode), rows.map((r) => r.before), rows.map((r) => r.queued),
        rows.map((r) => r.failed), rows.map((r) => r.carriedOver), rows.map((r) => r.after)],
    );
    const targets = rows.flatMap((r) => r.targets.map((t, i) => ({ r, t, merger: r.mergerSha256[i] ?? null })));
    if (!targets.length) return;
    await this.q(
      `INSERT INTO rearrangement_report_target (plan_id, kind, service, record_type, source_code, target_code, moved, service_sha256, merger_sha256, by_village, by_address)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::int[], $11::int[])
       ON CONFLICT (plan_id, kind, service, record_type, source_code, target_code) DO UPDATE SET moved = EXCLUDED.moved,
         service_sha256 = EXCLUDED.service_sha256, merger_sha256 = EXCLUDED.merger_sha256, by_village = EXCLUDED.by_village, by_address = EXCLUDED.by_address`,
      [planId, kind, service, targets.map((x) => x.r.recordType), targets.map((x) => x.r.sourceCode), targets.map((x) => x.t.targetCode),
        targets.map((x) => x.t.moved), targets.map((x) => x.t.movedIdsSha256), targets.map((x) => x.merger),
        targets.map((x) => x.t.byVillage ?? 0), targets.map((x) => x.t.byAddress ?? 0)],
    );
  }

  async saveReviewItems(planId: string, service: string, items: readonly ReviewItemMessage[]): Promise<void> {
    if (!items.length) return;
    await this.q(
      `INSERT INTO rearrangement_review_item (id, plan_id, service, record_type, record_id, source_code, candidate_codes, label, status)
       SELECT i.id, $1, $2, i.record_type, i.record_id, i.source_code, string_to_array(i.candidates, ','), i.label, 'OPEN'
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS i(id, record_type, record_id, source_code, candidates, label)
       ON CONFLICT (plan_id, service, record_type, record_id) DO NOTHING`,
      [planId, service, items.map(() => randomUUID()), items.map((i) => i.recordType), items.map((i) => i.recordId), items.map((i) => i.sourceCode),
        items.map((i) => i.candidateCodes.join(',')), items.map((i) => i.label)],
    );
  }

  async reportSources(planId: string, kind: RunKind): Promise<ReportSource[]> {
    const rows: ReportSource[] = await this.q(
      `SELECT r.service, r.record_type AS "recordType", r.source_code AS "sourceCode", r.before, r.failed, r.carried_over AS "carriedOver", r.after,
              CASE WHEN r.kind = 'APPLY' THEN (SELECT count(*)::int FROM rearrangement_review_item i WHERE i.plan_id = r.plan_id AND i.service = r.service
                     AND i.record_type = r.record_type AND i.source_code = r.source_code AND i.status <> 'ASSIGNED') ELSE r.queued END AS queued,
              COALESCE((SELECT json_agg(json_build_object('targetCode', x.target_code, 'moved', x.moved, 'assigned', x.assigned,
                         'byVillage', x.by_village, 'byAddress', x.by_address,
                         'serviceSha256', x.service_sha256, 'mergerSha256', x.merger_sha256) ORDER BY x.target_code)
                 FROM (SELECT COALESCE(t.target_code, a.target_code) AS target_code, COALESCE(t.moved, 0) AS moved, COALESCE(a.n, 0) AS assigned,
                              COALESCE(t.by_village, 0) AS by_village, COALESCE(t.by_address, 0) AS by_address, t.service_sha256, t.merger_sha256
                         FROM (SELECT * FROM rearrangement_report_target t WHERE t.plan_id = r.plan_id AND t.kind = r.kind AND t.service = r.service
                                  AND t.record_type = r.record_type AND t.source_code = r.source_code) t
                         FULL JOIN (SELECT target_code, count(*)::int AS n FROM rearrangement_review_item i WHERE r.kind = 'APPLY' AND i.plan_id = r.plan_id
                                  AND i.service = r.service AND i.record_type = r.record_type AND i.source_code = r.source_code AND i.status = 'ASSIGNED'
                                  GROUP BY 1) a ON a.target_code = t.target_code) x), '[]'::json) AS targets
         FROM rearrangement_report r WHERE r.plan_id = $1 AND r.kind = $2
        ORDER BY r.service, r.record_type, r.source_code`,
      [planId, kind],
    );
    return rows;
  }

  async reviewItem(id: string): Promise<ReviewItem | null> {
    const [row] = await this.q(`SELECT ${ITEM_COLUMNS} FROM rearrangement_review_item WHERE id = $1`, [id]);
    return row ?? null;
  }

  async reviewQueue(planId: string, unitCode: string | null, page: KeysetPageRequest): Promise<KeysetSlice<ReviewItem>> {
    const where = `plan_id = $1 AND ($2::text IS NULL OR candidate_codes @> ARRAY[$2::text])`;
    const key = `(status = 'ASSIGNED')::int, service COLLATE "C", record_type COLLATE "C", record_id COLLATE "C"`;
    const after = page.after ?? [null, null, null, null];
    const rows: ReviewItem[] = await this.q(
      `SELECT ${ITEM_COLUMNS} FROM rearrangement_review_item
        WHERE ${where} AND ($3::int IS NULL OR (${key}) > ($3::int, $4::text COLLATE "C", $5::text COLLATE "C", $6::text COLLATE "C"))
        ORDER BY ${key} LIMIT $7`,
      [planId, unitCode, after[0], after[1], after[2], after[3], page.first + 1],
    );
    const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM rearrangement_review_item WHERE ${where}`, [planId, unitCode]);
    return sliceOf(rows, page.first, n);
  }

  async openReviewCount(planId: string): Promise<number> {
    const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM rearrangement_review_item WHERE plan_id = $1 AND status <> 'ASSIGNED'`, [planId]);
    return n;
  }

  async setReviewItem(id: string, status: ReviewItem['status'], targetCode: string | null, by: string | null): Promise<void> {
    await this.q(
      `UPDATE rearrangement_review_item SET status = $2, target_code = COALESCE($3, target_code), assigned_by = COALESCE($4, assigned_by),
              assigned_at = CASE WHEN $2 = 'ASSIGNED' THEN now() ELSE assigned_at END WHERE id = $1`,
      [id, status, targetCode, by],
    );
  }

  async signOff(planId: string, by: string, note: string | null): Promise<void> {
    await this.q(`UPDATE rearrangement_run SET signed_off_by = $2, signed_off_at = now(), sign_off_note = $3 WHERE plan_id = $1 AND kind = 'APPLY'`, [planId, by, note]);
  }
}
