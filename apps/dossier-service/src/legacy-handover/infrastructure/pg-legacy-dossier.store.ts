import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { managerFor } from '@xaso/persistence';
import type { DossierRecord } from '../../dossiers/application/dossier.records';
import type { LegacyUnitVersion } from '../domain';
import { type ImportedLegacyDossier, LegacyDossierStore, type LegacyHistoryEntry, type LegacyKey } from '../application/legacy-dossier.store.port';

/** The rows of one call as a JSON array, inserted with their history entries in one statement. */
const INSERT_ALL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
      id uuid, code text, procedure_code text, status text, channel text, unit_code text, full_name text, id_number text, phone text,
      address text, form_data jsonb, processing_days integer, received_at timestamptz, due_at timestamptz, completed_at timestamptz,
      returned_at timestamptz, closed_at timestamptz, overdue_flagged_at timestamptz, legacy_agency_code text, legacy_code text,
      actor_sub text, actor_role text, note text, data jsonb, at timestamptz)
  ), inserted AS (
    INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
      applicant_full_name, applicant_id_number, applicant_phone, applicant_address, form_data, processing_days, received_at,
      due_at, original_due_at, completed_at, returned_at, closed_at, overdue_flagged_at, legacy_agency_code, legacy_code, version)
    SELECT id, code, procedure_code, status, channel, unit_code, unit_code, unit_code, full_name, id_number, phone, address, form_data,
           processing_days, received_at, due_at, due_at, completed_at, returned_at, closed_at, overdue_flagged_at, legacy_agency_code, legacy_code, 1
      FROM input
    ON CONFLICT (legacy_agency_code, legacy_code) WHERE legacy_code IS NOT NULL DO NOTHING
    RETURNING id, code
  ), history AS (
    INSERT INTO dossier_history (dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, data, at)
    SELECT i.id, 'RECEIVE', NULL, i.status, i.actor_sub, i.actor_role, i.unit_code, i.note, i.data, i.at
      FROM input i JOIN inserted USING (id)
  )
  SELECT code FROM inserted`;

/** `LegacyDossierStore` over PostgreSQL: the unit replica, the dossier tables, the code sequence; set-based. */
@Injectable()
export class PgLegacyDossierStore extends LegacyDossierStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return managerFor(this.dataSource).query(sql, params) as Promise<T[]>;
  }

  async agencyVersions(codes: readonly string[]): Promise<Map<string, LegacyUnitVersion[]>> {
    const rows = await this.query<LegacyUnitVersion & { code: string }>(
      `SELECT code, valid_from::text AS "validFrom", valid_to::text AS "validTo", level FROM admin_unit_replica WHERE code = ANY($1::text[])`,
      [[...codes]],
    );
    const versions = new Map<string, LegacyUnitVersion[]>();
    for (const { code, ...version } of rows) versions.set(code, [...(versions.get(code) ?? []), version]);
    return versions;
  }

  async findImported(keys: readonly LegacyKey[]): Promise<ImportedLegacyDossier[]> {
    if (keys.length === 0) return [];
    return this.query<ImportedLegacyDossier>(
      `SELECT d.legacy_agency_code AS "agencyCode", d.legacy_code AS "originalCode", d.code
         FROM dossier d JOIN unnest($1::text[], $2::text[]) AS k(agency, original) ON d.legacy_agency_code = k.agency AND d.legacy_code = k.original`,
      [keys.map((k) => k.agencyCode), keys.map((k) => k.originalCode)],
    );
  }

  async reserveSequence(agencyCode: string, day: string, count: number): Promise<number> {
    const [row] = await this.query<{ first: number }>(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, $3)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + $3
       RETURNING last_value - $3 + 1 AS first`,
      [agencyCode, day, count],
    );
    return row.first;
  }

  async insertAll(dossiers: readonly DossierRecord[], history: (d: DossierRecord) => LegacyHistoryEntry & { data: Record<string, unknown> }): Promise<Set<string>> {
    if (dossiers.length === 0) return new Set();
    const input = dossiers.map((d) => {
      const h = history(d);
      return {
        id: d.id, code: d.code, procedure_code: d.procedureCode, status: d.status, channel: d.channel, unit_code: d.processingUnitCode,
        full_name: d.applicant.fullName, id_number: d.applicant.idNumber, phone: d.applicant.phone, address: d.applicant.address,
        form_data: d.formData, processing_days: d.processingDays, received_at: d.receivedAt, due_at: d.dueAt, completed_at: d.completedAt,
        returned_at: d.returnedAt, closed_at: d.closedAt, overdue_flagged_at: d.overdueFlaggedAt, legacy_agency_code: d.legacyAgencyCode,
        legacy_code: d.legacyCode, actor_sub: h.actorSub, actor_role: h.actorRole, note: h.note, data: h.data, at: h.at,
      };
    });
    const rows = await this.query<{ code: string }>(INSERT_ALL, [JSON.stringify(input)]);
    return new Set(rows.map((r) => r.code));
  }
}
