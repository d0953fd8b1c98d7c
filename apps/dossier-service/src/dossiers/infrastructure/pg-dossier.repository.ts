import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, type KeysetPageRequest, type KeysetSlice, sliceOf } from '@xaso/api';
import { managerFor, queryRows } from '@xaso/persistence';
import type {
  AttachmentRecord,
  DossierChanges,
  DossierListFilter,
  DossierRecord,
  DossierScope,
  HistoryRecord,
  SupplementRequestRecord,
  TrackingRecord,
} from '../application/dossier.records';
import { DossierRepository } from '../application/dossier.repository.port';

import { dossierListWhere, SqlParams } from './dossier-list.sql';
import { returnedRows, type Row, snake, toAttachment, toDossier, toHistory, toSupplementRequest } from './dossier-row.mapper';

/** `DossierRepository` over PostgreSQL (set-based SQL through the ambient transaction's manager). */
@Injectable()
export class PgDossierRepository extends DossierRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private get db() {
    return managerFor(this.dataSource);
  }

  /** The hot statements (a submission, public tracking) go straight to pg: see `queryRows`. */
  private rows<T = Row>(sql: string, params: unknown[]): Promise<T[]> {
    return queryRows<T>(this.dataSource, sql, params);
  }

  /**
   * Next number of an agency's daily sequence. The upsert takes a row lock on (agency, day), so
   * concurrent submissions are serialised on it and get consecutive, distinct numbers (a rolled
   * back submission leaves a gap, which the code format allows).
   */
  async nextSequence(agencyCode: string, day: string): Promise<number> {
    const rows = await this.rows<{ last_value: number }>(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
       RETURNING last_value`,
      [agencyCode, day],
    );
    return rows[0].last_value;
  }

  /**
   * One round trip instead of 2 + attachments: the rows of a data-modifying CTE go in together and
   * the foreign keys are checked at the end of the statement, so the children may name the new dossier.
   */
  async insertReceived(d: DossierRecord, attachments: AttachmentRecord[], history: Omit<HistoryRecord, 'id'>): Promise<void> {
    await this.rows(INSERT_RECEIVED, [...dossierParams(d), ...attachmentParams(attachments), ...historyParams(history)]);
  }

  async findByCode(code: string): Promise<DossierRecord | null> {
    const rows = await this.rows('SELECT * FROM dossier WHERE code = $1', [code]);
    return rows[0] ? toDossier(rows[0]) : null;
  }

  /**
   * One statement instead of three (dossier, procedure, history): public tracking is the hottest
   * read. The history comes as JSON `[action, to_status, epoch ms]` triples in id order; the ms are
   * floored like pg's own timestamptz parsing.
   */
  async findTracking(code: string): Promise<TrackingRecord | null> {
    const rows = await this.rows(
      `SELECT d.*, p.name AS tracking_procedure_name,
              COALESCE((SELECT json_agg(json_build_array(h.action, h.to_status, floor(extract(epoch FROM h.at) * 1000)) ORDER BY h.id)
                          FROM dossier_history h WHERE h.dossier_id = d.id), '[]') AS tracking_history
         FROM dossier d LEFT JOIN procedure p ON p.code = d.procedure_code
        WHERE d.code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row) return null;
    const steps = row.tracking_history as [string, string, number][];
    return {
      dossier: toDossier(row),
      procedureName: (row.tracking_procedure_name as string | null) ?? null,
      history: steps.map(([action, toStatus, at]) => ({ action, toStatus, at: new Date(at) })),
    };
  }

  async findByLegacyCode(legacyCode: string): Promise<DossierRecord[]> {
    const rows = await this.rows('SELECT * FROM dossier WHERE legacy_code = $1 ORDER BY received_at, code LIMIT 20', [legacyCode]);
    return rows.map(toDossier);
  }

  async findByIds(ids: readonly string[]): Promise<DossierRecord[]> {
    const rows: Row[] = await this.db.query('SELECT * FROM dossier WHERE id = ANY($1::uuid[])', [[...ids]]);
    return rows.map(toDossier);
  }

  /**
   * Optimistic locking: `UPDATE … WHERE id = $id AND version = $expected`, bumping the version.
   * Nobody else changed the row → the updated dossier; otherwise CONFLICT (409).
   */
  async update(id: string, expectedVersion: number, changes: DossierChanges): Promise<DossierRecord> {
    const sets: string[] = [];
    const params: unknown[] = [id, expectedVersion];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      params.push(key === 'pauses' ? JSON.stringify(value) : value);
      sets.push(`${snake(key)} = $${params.length}`);
    }
    const rows: Row[] = await this.db.query(
      `UPDATE dossier SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version = $2 RETURNING *`,
      params,
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on postgres.
    const updated = returnedRows(rows)[0];
    if (!updated) {
      throw new ConflictError(
        'CONFLICT',
        'The dossier was changed by someone else in the meantime; reload it and try again',
        'Hồ sơ vừa được người khác thay đổi; vui lòng tải lại và thử lại',
        { expectedVersion },
      );
    }
    return toDossier(updated);
  }

  async addHistory(entry: Omit<HistoryRecord, 'id'>): Promise<void> {
    await this.rows(`INSERT INTO dossier_history ${HISTORY_INSERT}`, historyParams(entry));
  }

  async historyOf(dossierIds: readonly string[]): Promise<HistoryRecord[]> {
    const rows = await this.rows(
      'SELECT * FROM dossier_history WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, id',
      [[...dossierIds]],
    );
    return rows.map(toHistory);
  }

  async addSupplementRequest(request: SupplementRequestRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO supplement_request (id, dossier_id, reason, items, requested_at, requested_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [request.id, request.dossierId, request.reason, JSON.stringify(request.items), request.requestedAt, request.requestedBy],
    );
  }

  /** Marks the open supplement request of a dossier as answered; returns its id. */
  async closeSupplementRequest(dossierId: string, providedAt: Date, note: string | null): Promise<string | null> {
    const rows: Row[] = await this.db.query(
      `UPDATE supplement_request SET provided_at = $2, provided_note = $3
        WHERE dossier_id = $1 AND provided_at IS NULL RETURNING id`,
      [dossierId, providedAt, note],
    );
    const updated = returnedRows(rows)[0];
    return updated ? (updated.id as string) : null;
  }

  async supplementRequestsOf(dossierIds: readonly string[]): Promise<SupplementRequestRecord[]> {
    const rows: Row[] = await this.db.query(
      'SELECT * FROM supplement_request WHERE dossier_id = ANY($1::uuid[]) ORDER BY requested_at',
      [[...dossierIds]],
    );
    return rows.map(toSupplementRequest);
  }

  async addAttachments(attachments: AttachmentRecord[]): Promise<void> {
    if (!attachments.length) return;
    await this.rows(ADD_ATTACHMENTS, attachmentParams(attachments));
  }

  async attachmentsOf(dossierIds: readonly string[]): Promise<AttachmentRecord[]> {
    const rows: Row[] = await this.db.query(
      'SELECT * FROM dossier_attachment WHERE dossier_id = ANY($1::uuid[]) ORDER BY added_at, name',
      [[...dossierIds]],
    );
    return rows.map(toAttachment);
  }

  /** Dossiers visible in `scope`, filtered, newest first, keyset-paged by (received_at, code) descending. */
  async list(scope: DossierScope, filter: DossierListFilter, page: KeysetPageRequest): Promise<KeysetSlice<DossierRecord>> {
    const params = new SqlParams();
    const clause = dossierListWhere(scope, filter, params);
    const count: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM dossier ${clause}`, [...params.values]);
    const conditions = clause ? [clause.slice('WHERE '.length)] : [];
    if (page.after) conditions.push(`(received_at, code) < (${params.add(page.after[0])}::timestamptz, ${params.add(page.after[1])})`);
    const rows: Row[] = await this.db.query(
      `SELECT * FROM dossier ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY received_at DESC, code DESC LIMIT ${params.add(page.first + 1)}`,
      params.values,
    );
    return sliceOf(rows.map(toDossier), page.first, count[0].n);
  }

  /**
   * Scheduler: one set-based UPDATE flagging open, running (not paused) dossiers past their due
   * instant that were not flagged yet; returns the newly flagged ones. The version is not
   * bumped: a flag is not a business change and must not make an officer's transition conflict.
   */
  async flagOverdue(now: Date): Promise<DossierRecord[]> {
    const rows: Row[] = await this.db.query(
      `UPDATE dossier SET overdue_flagged_at = $1
        WHERE closed_at IS NULL AND completed_at IS NULL AND paused_since IS NULL
          AND overdue_flagged_at IS NULL AND COALESCE(apology_new_due_at, due_at) < $1
        RETURNING *`,
      [now],
    );
    return returnedRows(rows).map(toDossier);
  }

  /** Scheduler: flags dossiers due within `hours` (and not yet overdue) once; returns them. */
  async flagDueSoon(now: Date, hours = 24): Promise<DossierRecord[]> {
    const rows: Row[] = await this.db.query(
      `UPDATE dossier SET due_soon_flagged_at = $1
        WHERE closed_at IS NULL AND completed_at IS NULL AND paused_since IS NULL
          AND due_soon_flagged_at IS NULL AND overdue_flagged_at IS NULL
          AND COALESCE(apology_new_due_at, due_at) >= $1
          AND COALESCE(apology_new_due_at, due_at) <= $1 + ($2::int * interval '1 hour')
        RETURNING *`,
      [now, hours],
    );
    return returnedRows(rows).map(toDossier);
  }
}

const DOSSIER_INSERT = `(id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
    applicant_sub, applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
    form_data, processing_days, received_at, due_at, original_due_at, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`;

function dossierParams(d: DossierRecord): unknown[] {
  return [
    d.id,
    d.code,
    d.procedureCode,
    d.status,
    d.channel,
    d.receivingUnitCode,
    d.competentUnitCode,
    d.processingUnitCode,
    d.applicant.sub,
    d.applicant.fullName,
    d.applicant.idNumber,
    d.applicant.phone,
    d.applicant.email,
    d.applicant.address,
    JSON.stringify(d.formData ?? {}),
    d.processingDays,
    d.receivedAt,
    d.dueAt,
    d.originalDueAt,
    d.version,
  ];
}

const HISTORY_INSERT = `(dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, data, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

function historyParams(entry: Omit<HistoryRecord, 'id'>): unknown[] {
  return [
    entry.dossierId,
    entry.action,
    entry.fromStatus,
    entry.toStatus,
    entry.actorSub,
    entry.actorRole,
    entry.actorUnit,
    entry.note,
    entry.data ? JSON.stringify(entry.data) : null,
    entry.at,
  ];
}

/** The attachments' columns as arrays, numbered after the dossier's 20 parameters. */
const ATTACHMENTS_INSERT = `(id, dossier_id, supplement_request_id, name, media_type, size, sha256, added_at)
  SELECT * FROM unnest($21::uuid[], $22::uuid[], $23::uuid[], $24::text[], $25::text[], $26::bigint[], $27::text[], $28::timestamptz[])`;

function attachmentParams(attachments: AttachmentRecord[]): unknown[] {
  return [
    attachments.map((a) => a.id),
    attachments.map((a) => a.dossierId),
    attachments.map((a) => a.supplementRequestId),
    attachments.map((a) => a.name),
    attachments.map((a) => a.mediaType),
    attachments.map((a) => a.size),
    attachments.map((a) => a.sha256),
    attachments.map((a) => a.addedAt),
  ];
}

const ADD_ATTACHMENTS = `INSERT INTO dossier_attachment ${ATTACHMENTS_INSERT.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) - 20}`)}`;

/** $1–$20 the dossier, $21–$28 the attachments' columns as arrays, $29–$38 the history entry. */
const INSERT_RECEIVED = `WITH new_dossier AS (INSERT INTO dossier ${DOSSIER_INSERT}),
     new_attachments AS (INSERT INTO dossier_attachment ${ATTACHMENTS_INSERT})
  INSERT INTO dossier_history ${HISTORY_INSERT.replace(/\$(\d+)/g, (_, n: string) => `$${28 + Number(n)}`)}`;
