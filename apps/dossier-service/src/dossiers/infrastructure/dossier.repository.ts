import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError } from '@xaso/api';
import { managerFor } from '@xaso/persistence';
import type {
  AttachmentRecord,
  Channel,
  DossierChanges,
  DossierListFilter,
  DossierRecord,
  DossierScope,
  HistoryRecord,
  PauseRecord,
  StatisticsCounts,
  SupplementRequestRecord,
} from '../application/dossier.records';
import { DossierRepository } from '../application/dossier.repository.port';

// The port and the record types, re-exported for the API layer's existing imports.
export { DossierRepository } from '../application/dossier.repository.port';
export type * from '../application/dossier.records';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Row = Record<string, unknown>;

function toDossier(r: Row): DossierRecord {
  return {
    id: r.id as string,
    code: r.code as string,
    procedureCode: r.procedure_code as string,
    status: r.status as string,
    channel: r.channel as Channel,
    receivingUnitCode: r.receiving_unit_code as string,
    competentUnitCode: r.competent_unit_code as string,
    processingUnitCode: r.processing_unit_code as string,
    applicant: {
      sub: r.applicant_sub as string | null,
      fullName: r.applicant_full_name as string,
      idNumber: r.applicant_id_number as string,
      phone: r.applicant_phone as string | null,
      email: r.applicant_email as string | null,
      address: r.applicant_address as string | null,
    },
    formData: (r.form_data as Record<string, unknown>) ?? {},
    processingDays: r.processing_days as number,
    receivedAt: r.received_at as Date,
    dueAt: r.due_at as Date | null,
    originalDueAt: r.original_due_at as Date | null,
    pausedSince: r.paused_since as Date | null,
    pauses: (r.pauses as PauseRecord[]) ?? [],
    completedAt: r.completed_at as Date | null,
    returnedAt: r.returned_at as Date | null,
    closedAt: r.closed_at as Date | null,
    resultNote: r.result_note as string | null,
    apology: r.apology_issued_at
      ? {
          reason: r.apology_reason as string,
          newDueAt: r.apology_new_due_at as Date,
          previousDueAt: (r.apology_previous_due_at ?? r.due_at) as Date,
          issuedAt: r.apology_issued_at as Date,
          issuedBy: r.apology_issued_by as string,
        }
      : null,
    overdueFlaggedAt: r.overdue_flagged_at as Date | null,
    dueSoonFlaggedAt: r.due_soon_flagged_at as Date | null,
    version: r.version as number,
  };
}

/** `DossierRepository` over PostgreSQL (set-based SQL through the ambient transaction's manager). */
@Injectable()
export class PgDossierRepository extends DossierRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private get db() {
    return managerFor(this.dataSource);
  }

  /**
   * Next number of an agency's daily sequence. The upsert takes a row lock on (agency, day), so
   * concurrent submissions are serialised on it and get consecutive, distinct numbers (a rolled
   * back submission leaves a gap, which the code format allows).
   */
  async nextSequence(agencyCode: string, day: string): Promise<number> {
    const rows: { last_value: number }[] = await this.db.query(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
       RETURNING last_value`,
      [agencyCode, day],
    );
    return rows[0].last_value;
  }

  async insert(d: DossierRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
         applicant_sub, applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
         form_data, processing_days, received_at, due_at, original_due_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
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
      ],
    );
  }

  async findByCode(code: string): Promise<DossierRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM dossier WHERE code = $1', [code]);
    return rows[0] ? toDossier(rows[0]) : null;
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
    const updated = (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows)[0];
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
    await this.db.query(
      `INSERT INTO dossier_history (dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, data, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
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
      ],
    );
  }

  async historyOf(dossierIds: readonly string[]): Promise<HistoryRecord[]> {
    const rows: Row[] = await this.db.query(
      'SELECT * FROM dossier_history WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, id',
      [[...dossierIds]],
    );
    return rows.map((r) => ({
      id: String(r.id),
      dossierId: r.dossier_id as string,
      action: r.action as string,
      fromStatus: r.from_status as string | null,
      toStatus: r.to_status as string,
      actorSub: r.actor_sub as string,
      actorRole: r.actor_role as string,
      actorUnit: r.actor_unit as string | null,
      note: r.note as string | null,
      data: (r.data as Record<string, unknown> | null) ?? null,
      at: r.at as Date,
    }));
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
    const updated = (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows)[0];
    return updated ? (updated.id as string) : null;
  }

  async supplementRequestsOf(dossierIds: readonly string[]): Promise<SupplementRequestRecord[]> {
    const rows: Row[] = await this.db.query(
      'SELECT * FROM supplement_request WHERE dossier_id = ANY($1::uuid[]) ORDER BY requested_at',
      [[...dossierIds]],
    );
    return rows.map((r) => ({
      id: r.id as string,
      dossierId: r.dossier_id as string,
      reason: r.reason as string,
      items: r.items as string[],
      requestedAt: r.requested_at as Date,
      requestedBy: r.requested_by as string,
      providedAt: r.provided_at as Date | null,
      providedNote: r.provided_note as string | null,
    }));
  }

  async addAttachments(attachments: AttachmentRecord[]): Promise<void> {
    for (const a of attachments) {
      await this.db.query(
        `INSERT INTO dossier_attachment (id, dossier_id, supplement_request_id, name, media_type, size, sha256, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.id, a.dossierId, a.supplementRequestId, a.name, a.mediaType, a.size, a.sha256, a.addedAt],
      );
    }
  }

  async attachmentsOf(dossierIds: readonly string[]): Promise<AttachmentRecord[]> {
    const rows: Row[] = await this.db.query(
      'SELECT * FROM dossier_attachment WHERE dossier_id = ANY($1::uuid[]) ORDER BY added_at, name',
      [[...dossierIds]],
    );
    return rows.map((r) => ({
      id: r.id as string,
      dossierId: r.dossier_id as string,
      supplementRequestId: r.supplement_request_id as string | null,
      name: r.name as string,
      mediaType: r.media_type as string,
      size: Number(r.size),
      sha256: r.sha256 as string,
      addedAt: r.added_at as Date,
    }));
  }

  /** Dossiers visible in `scope`, filtered, newest first. */
  async list(scope: DossierScope, filter: DossierListFilter, offset: number, limit: number): Promise<{ items: DossierRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!scope.all) {
      const visible: string[] = [];
      if (scope.unitCodes?.length) {
        const units = p(scope.unitCodes);
        visible.push(`receiving_unit_code = ANY(${units}) OR competent_unit_code = ANY(${units}) OR processing_unit_code = ANY(${units})`);
      }
      if (scope.provinceCode) {
        const province = p(scope.provinceCode);
        visible.push(
          `EXISTS (SELECT 1 FROM admin_unit_replica u WHERE u.code IN (receiving_unit_code, competent_unit_code, processing_unit_code)
                     AND (u.code = ${province} OR u.parent_code = ${province}))`,
        );
      }
      if (scope.applicantSub) visible.push(`applicant_sub = ${p(scope.applicantSub)}`);
      if (scope.applicantIdNumber) visible.push(`applicant_id_number = ${p(scope.applicantIdNumber)}`);
      where.push(visible.length ? `(${visible.join(' OR ')})` : 'false');
    }
    if (filter.status?.length) where.push(`status = ANY(${p(filter.status)})`);
    if (filter.procedureCode) where.push(`procedure_code = ${p(filter.procedureCode)}`);
    if (filter.channel) where.push(`channel = ${p(filter.channel)}`);
    if (filter.unitCode) {
      const unit = p(filter.unitCode);
      where.push(`(receiving_unit_code = ${unit} OR competent_unit_code = ${unit} OR processing_unit_code = ${unit})`);
    }
    if (filter.receivedFrom) where.push(`received_at >= ${p(filter.receivedFrom)}`);
    if (filter.receivedTo) where.push(`received_at < ${p(filter.receivedTo)}`);
    if (filter.overdue !== undefined) {
      const overdue = `(closed_at IS NULL AND completed_at IS NULL AND paused_since IS NULL AND COALESCE(apology_new_due_at, due_at) < ${p(filter.now)})`;
      where.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Row[] = await this.db.query(
      `SELECT * FROM dossier ${clause} ORDER BY received_at DESC, code DESC OFFSET ${p(offset)} LIMIT ${p(limit)}`,
      params,
    );
    const count: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM dossier ${clause}`, params.slice(0, -2));
    return { items: rows.map(toDossier), total: count[0].n };
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
    return (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows).map(toDossier);
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
    return (Array.isArray(rows[0]) ? (rows[0] as Row[]) : rows).map(toDossier);
  }

  /**
   * Dossiers of a unit (as processing unit) that matter for a period [from, to): received before
   * `to` and not closed/resolved before `from`. Only the columns statistics need.
   */
  async forStatistics(unitCode: string, from: Date, to: Date): Promise<DossierRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT * FROM dossier
        WHERE processing_unit_code = $1 AND received_at < $3
          AND COALESCE(completed_at, 'infinity'::timestamptz) >= $2`,
      [unitCode, from, to],
    );
    return rows.map(toDossier);
  }

  /**
   * The unit's statistics for [from, to) in one set-based query (COUNT … FILTER), with exactly
   * the definitions of the pure `computeDossierStatistics` (dossiers/domain/statistics.ts; a test
   * keeps the two equal on a seeded set): finished = a finished status with its completed_at;
   * carried over = received before `from` and not finished before it; resolved = finished in the
   * period with a decision, classified by local day (UTC+7) against the legal due date (`due_at`,
   * not the apology's); pending overdue = not finished by `to` and due before `to`.
   */
  async statisticsCounts(unitCode: string, from: Date, to: Date, statuses: { finished: readonly string[]; decision: readonly string[] }): Promise<StatisticsCounts> {
    const localDay = (column: string) => `((${column} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
    const rows: Record<string, number>[] = await this.db.query(
      `WITH d AS (
         SELECT received_at, due_at, channel, status = ANY($5::text[]) AS decision,
                CASE WHEN status = ANY($4::text[]) THEN completed_at END AS done
           FROM dossier
          WHERE processing_unit_code = $1 AND received_at < $3
       ), k AS (
         SELECT *, received_at < $2 AS before, (done IS NOT NULL AND done < $3) AS finished
           FROM d
          WHERE NOT (received_at < $2 AND done IS NOT NULL AND done < $2)
       )
       SELECT count(*) FILTER (WHERE before)::int AS carried_over,
              count(*) FILTER (WHERE NOT before)::int AS received_total,
              count(*) FILTER (WHERE NOT before AND channel = 'ONLINE')::int AS received_online,
              count(*) FILTER (WHERE NOT before AND channel = 'DIRECT')::int AS received_direct,
              count(*) FILTER (WHERE NOT before AND channel NOT IN ('ONLINE', 'DIRECT'))::int AS received_postal,
              count(*) FILTER (WHERE finished AND decision)::int AS resolved_total,
              count(*) FILTER (WHERE finished AND decision AND due_at IS NOT NULL AND ${localDay('done')} < ${localDay('due_at')})::int AS resolved_early,
              count(*) FILTER (WHERE finished AND decision AND (due_at IS NULL OR ${localDay('done')} = ${localDay('due_at')}))::int AS resolved_on_time,
              count(*) FILTER (WHERE finished AND decision AND due_at IS NOT NULL AND ${localDay('done')} > ${localDay('due_at')})::int AS resolved_late,
              count(*) FILTER (WHERE finished AND NOT decision)::int AS closed_without_decision,
              count(*) FILTER (WHERE NOT finished AND due_at IS NOT NULL AND due_at < $3)::int AS pending_overdue,
              count(*) FILTER (WHERE NOT finished AND (due_at IS NULL OR due_at >= $3))::int AS pending_on_time
         FROM k`,
      [unitCode, from, to, [...statuses.finished], [...statuses.decision]],
    );
    const r = rows[0];
    return {
      carriedOver: r.carried_over,
      received: { total: r.received_total, online: r.received_online, direct: r.received_direct, postal: r.received_postal },
      resolved: { total: r.resolved_total, early: r.resolved_early, onTime: r.resolved_on_time, late: r.resolved_late },
      closedWithoutDecision: r.closed_without_decision,
      pendingOnTime: r.pending_on_time,
      pendingOverdue: r.pending_overdue,
    };
  }
}
