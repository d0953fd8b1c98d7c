import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import type { PlanEntry, PlanStatus, RearrangementPlan } from '../domain/plan';
import { assertTransition } from '../domain/plan-state-machine';
import { PlanNotFoundError, PlanStateChangedError } from '../domain/rearrangement-errors';
import {
  type IndexedEntry,
  type PlanListFilter,
  type PlanSummary,
  RearrangementPlanRepository,
} from '../application/rearrangement-plan.repository.port';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const SUMMARY_COLUMNS = `p.id, p.resolution_number AS "resolutionNumber", p.resolution_date::text AS "resolutionDate",
  p.effective_date::text AS "effectiveDate", p.status, p.province_code AS "provinceCode", p.title, p.imported,
  p.entry_count AS "entryCount", p.created_by AS "createdBy", ${ISO('p.created_at')} AS "createdAt", ${ISO('p.updated_at')} AS "updatedAt"`;

type SummaryRow = Omit<PlanSummary, 'legalBasis'> & { resolutionNumber: string; resolutionDate: string; total?: string };

const summaryOf = (row: SummaryRow): PlanSummary => ({
  id: row.id,
  legalBasis: { resolutionNumber: row.resolutionNumber, resolutionDate: row.resolutionDate },
  effectiveDate: row.effectiveDate,
  status: row.status,
  provinceCode: row.provinceCode,
  title: row.title,
  imported: row.imported,
  entryCount: Number(row.entryCount),
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@Injectable()
export class PgRearrangementPlanRepository extends RearrangementPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return managerFor(this.dataSource).query(sql, params);
  }

  async summary(id: string): Promise<PlanSummary | null> {
    const [row] = await this.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM rearrangement_plan p WHERE p.id = $1`, [id]);
    return row ? summaryOf(row) : null;
  }

  async get(id: string): Promise<RearrangementPlan | null> {
    const summary = await this.summary(id);
    if (!summary) return null;
    const rows = await this.query<{ entry: PlanEntry }>(`SELECT entry FROM rearrangement_plan_entry WHERE plan_id = $1 ORDER BY idx`, [id]);
    const { entryCount: _count, ...plan } = summary;
    return { ...plan, entries: rows.map((r) => r.entry) };
  }

  async save(plan: RearrangementPlan): Promise<void> {
    await this.query(
      `INSERT INTO rearrangement_plan (id, resolution_number, resolution_date, effective_date, status, province_code, title, imported, entry_count, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET resolution_number = EXCLUDED.resolution_number, resolution_date = EXCLUDED.resolution_date,
         effective_date = EXCLUDED.effective_date, status = EXCLUDED.status, province_code = EXCLUDED.province_code,
         title = EXCLUDED.title, imported = EXCLUDED.imported, entry_count = EXCLUDED.entry_count, updated_at = clock_timestamp()`,
      [
        plan.id,
        plan.legalBasis.resolutionNumber,
        plan.legalBasis.resolutionDate,
        plan.effectiveDate,
        plan.status,
        plan.provinceCode,
        plan.title,
        plan.imported,
        plan.entries.length,
        plan.createdBy,
        plan.createdAt,
      ],
    );
    await this.query(`DELETE FROM rearrangement_plan_entry WHERE plan_id = $1`, [plan.id]);
    await this.insertEntries(plan.id, 0, plan.entries);
  }

  private async insertEntries(id: string, from: number, entries: PlanEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.query(
      `INSERT INTO rearrangement_plan_entry (plan_id, idx, kind, entry)
       SELECT $1, $3::int + e.ord::int - 1, e.entry->>'kind', e.entry FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(entry, ord)`,
      [id, JSON.stringify(entries), from],
    );
  }

  async appendEntries(id: string, expected: PlanStatus, entries: PlanEntry[]): Promise<PlanSummary> {
    const [row] = await this.query<{ entryCount: number; status: PlanStatus }>(
      `SELECT entry_count AS "entryCount", status FROM rearrangement_plan WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new PlanNotFoundError(id);
    if (row.status !== expected) throw new PlanStateChangedError(id, expected, row.status);
    await this.insertEntries(id, row.entryCount, entries);
    await this.query(`UPDATE rearrangement_plan SET entry_count = entry_count + $2, updated_at = clock_timestamp() WHERE id = $1`, [id, entries.length]);
    return (await this.summary(id)) as PlanSummary;
  }

  async setStatus(id: string, from: PlanStatus, to: PlanStatus): Promise<PlanSummary> {
    assertTransition(from, to);
    const [row] = await this.query<SummaryRow>(
      `WITH p AS (UPDATE rearrangement_plan SET status = $3, updated_at = clock_timestamp() WHERE id = $1 AND status = $2 RETURNING *)
       SELECT ${SUMMARY_COLUMNS} FROM p`,
      [id, from, to],
    );
    if (row) return summaryOf(row);
    const current = await this.summary(id);
    if (!current) throw new PlanNotFoundError(id);
    throw new PlanStateChangedError(id, from, current.status);
  }

  async list(filter: PlanListFilter, page: KeysetPageRequest): Promise<KeysetSlice<PlanSummary>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`p.status = $${params.length}`);
    }
    if (filter.provinceCode) {
      params.push(filter.provinceCode);
      where.push(`p.province_code = $${params.length}`);
    }
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.query<{ total: string }>(`SELECT count(*) AS total FROM rearrangement_plan p ${filtered}`, params);
    const pageWhere = [...where];
    const pageParams = [...params];
    if (page.after) {
      pageParams.push(String(page.after[0]), String(page.after[1]));
      pageWhere.push(`(p.created_at, p.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`);
    }
    pageParams.push(page.first + 1);
    const rows = await this.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM rearrangement_plan p ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY p.created_at DESC, p.id DESC LIMIT $${pageParams.length}`,
      pageParams,
    );
    return sliceOf(rows.map(summaryOf), page.first, Number(count.total));
  }

  async entries(id: string, page: KeysetPageRequest): Promise<KeysetSlice<IndexedEntry>> {
    const after = page.after ? Number(page.after[0]) : -1;
    const rows = await this.query<{ idx: number; entry: PlanEntry; total: number }>(
      `SELECT e.idx, e.entry, p.entry_count AS total FROM rearrangement_plan p
       JOIN rearrangement_plan_entry e ON e.plan_id = p.id
       WHERE p.id = $1 AND e.idx > $2 ORDER BY e.idx LIMIT $3`,
      [id, Number.isFinite(after) ? after : -1, page.first + 1],
    );
    const total = rows.length ? Number(rows[0].total) : ((await this.summary(id))?.entryCount ?? 0);
    return sliceOf(rows.map((r) => ({ index: r.idx, entry: r.entry })), page.first, total);
  }

  async findByResolution(resolutionNumber: string, effectiveDate: string): Promise<PlanSummary | null> {
    const [row] = await this.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM rearrangement_plan p WHERE p.resolution_number = $1 AND p.effective_date = $2 ORDER BY p.created_at LIMIT 1`,
      [resolutionNumber, effectiveDate],
    );
    return row ? summaryOf(row) : null;
  }

  async markImported(id: string): Promise<void> {
    await this.query(`UPDATE rearrangement_plan SET imported = true, updated_at = clock_timestamp() WHERE id = $1`, [id]);
  }
}
