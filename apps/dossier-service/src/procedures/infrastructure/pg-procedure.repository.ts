import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { managerFor, queryRows, ReferenceCache } from '@xaso/persistence';
import { foldVietnamese } from '@xaso/text';
import { type OnlineLevel, type ProcedureRecord, ProcedureRepository } from '../application/procedure.repository.port';

interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  competent_level: string;
  processing_days: number;
  fee: string;
  fee_note: string | null;
  required_documents: string[];
  online_level: OnlineLevel;
  active: boolean;
  legal_basis: string;
  max_processing_days: number | null;
}

const toRecord = (r: ProcedureRow): ProcedureRecord => ({
  code: r.code,
  name: r.name,
  field: r.field,
  competentLevel: r.competent_level,
  processingDays: r.processing_days,
  fee: Number(r.fee),
  feeNote: r.fee_note,
  requiredDocuments: r.required_documents,
  onlineLevel: r.online_level,
  active: r.active,
  legalBasis: r.legal_basis,
  maxProcessingDays: r.max_processing_days,
});

const COLUMNS =
  'code, name, field, competent_level, processing_days, fee, fee_note, required_documents, online_level, active, legal_basis, max_processing_days';

const SEED_ACTOR = 'seed';

@Injectable()
export class PgProcedureRepository extends ProcedureRepository {
  /** Every submission reads its procedure; an ADMIN edit of another replica is seen within seconds. */
  private readonly byCode: ReferenceCache<ProcedureRecord | null>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.byCode = new ReferenceCache(dataSource, {
      copy: (p) => p && { ...p, requiredDocuments: [...p.requiredDocuments] },
      remember: (p) => p !== null,
    });
  }

  find(code: string): Promise<ProcedureRecord | null> {
    return this.byCode.get(code, async () => {
      const rows = await queryRows<ProcedureRow>(this.dataSource, `SELECT ${COLUMNS} FROM procedure WHERE code = $1`, [code]);
      return rows[0] ? toRecord(rows[0]) : null;
    });
  }

  async findMany(codes: readonly string[]): Promise<ProcedureRecord[]> {
    const rows = await queryRows<ProcedureRow>(this.dataSource, `SELECT ${COLUMNS} FROM procedure WHERE code = ANY($1)`, [[...codes]]);
    return rows.map(toRecord);
  }

  /** Active procedures whose code, name or field contains `search` (accents and case ignored), keyset-paged by (field, code). */
  async search(search: string | undefined, page: KeysetPageRequest): Promise<KeysetSlice<ProcedureRecord>> {
    const pattern = search?.trim() ? `%${foldVietnamese(search).replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
    const where = `active AND ($1::text IS NULL OR search_text LIKE $1)`;
    const manager = managerFor(this.dataSource);
    const [afterField, afterCode] = page.after ?? [null, null];
    const rows: ProcedureRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM procedure WHERE ${where} AND ($2::text IS NULL OR (field, code) > ($2, $3))
        ORDER BY field, code LIMIT $4`,
      [pattern, afterField, afterCode, page.first + 1],
    );
    const count: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM procedure WHERE ${where}`, [pattern]);
    return sliceOf(rows.map(toRecord), page.first, count[0].n);
  }

  async upsert(procedures: readonly ProcedureRecord[], actor = SEED_ACTOR): Promise<void> {
    this.byCode.invalidate();
    const manager = managerFor(this.dataSource);
    const keepEdited = actor === SEED_ACTOR ? `WHERE procedure.updated_by IS NULL OR procedure.updated_by = '${SEED_ACTOR}'` : '';
    for (const p of procedures) {
      await manager.query(
        `INSERT INTO procedure (${COLUMNS}, search_text, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, field = EXCLUDED.field, competent_level = EXCLUDED.competent_level,
           processing_days = EXCLUDED.processing_days, fee = EXCLUDED.fee, fee_note = EXCLUDED.fee_note,
           required_documents = EXCLUDED.required_documents, online_level = EXCLUDED.online_level,
           active = EXCLUDED.active, legal_basis = EXCLUDED.legal_basis, max_processing_days = EXCLUDED.max_processing_days,
           search_text = EXCLUDED.search_text, updated_at = now(), updated_by = EXCLUDED.updated_by
         ${keepEdited}`,
        [
          p.code,
          p.name,
          p.field,
          p.competentLevel,
          p.processingDays,
          p.fee,
          p.feeNote,
          JSON.stringify(p.requiredDocuments),
          p.onlineLevel,
          p.active,
          p.legalBasis,
          p.maxProcessingDays,
          foldVietnamese(`${p.code} ${p.name} ${p.field}`),
          actor,
        ],
      );
    }
  }
}
