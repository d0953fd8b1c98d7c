import type { Pool, PoolClient } from 'pg';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { DeadlineCalculator, defaultWorkingCalendar, toLocalDate } from '@xaso/calendar';
import type { SubmitDossierInput } from '../lib/fixtures';
import type { BaselineStore, ListedDossier, TrackedDossier } from './store';

/**
 * The dossier service's own tables (migration 1732400000000-create-dossier-tables), written and
 * read with the same statements its repository uses:
 * - submit: the procedure's processing days, then in one transaction the (agency, day) sequence
 *   upsert and one statement (a CTE) with the `dossier` row, its `dossier_attachment` rows and the
 *   SUBMIT `dossier_history` row;
 * - track: one statement with the `dossier` row by code, the procedure name and the history, then
 *   the last-4 check.
 * Not done here (the platform does them): JWT verification, the admin-unit replica checks, and
 * the outbox row of `dossier.received`.
 */
export class DossierServiceStore implements BaselineStore {
  readonly description = "the dossier service's tables (dossier, dossier_code_sequence, dossier_attachment, dossier_history, procedure)";
  private readonly deadlines = new DeadlineCalculator(defaultWorkingCalendar());

  constructor(private readonly pool: Pool) {}

  async prepare(): Promise<void> {
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedure WHERE active`);
    if (!rows[0].n) throw new Error('the dossier database has no active procedure (did the dossier service run its migrations and seed?)');
  }

  async submit(input: SubmitDossierInput): Promise<TrackedDossier> {
    const client: PoolClient = await this.pool.connect();
    try {
      const procedure = await client.query<{ code: string; processing_days: number }>(
        'SELECT code, processing_days FROM procedure WHERE code = $1 AND active',
        [input.procedureCode],
      );
      if (!procedure.rows.length) throw Object.assign(new Error(`Unknown procedure ${input.procedureCode}`), { statusCode: 422 });
      const processingDays = procedure.rows[0].processing_days;
      await client.query('BEGIN');
      const now = new Date();
      const day = toLocalDate(now);
      const agency = input.receivingUnitCode;
      const seq = await client.query<{ last_value: number }>(
        `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
         RETURNING last_value`,
        [agency, day],
      );
      const sequence = seq.rows[0].last_value;
      if (sequence > 9999) throw Object.assign(new Error(`Agency ${agency} has used all 9999 numbers of ${day}`), { statusCode: 409 });
      const code = `${agency}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
      const dueAt = this.deadlines.dueDateFor({ receivedAt: now, workingDays: processingDays, channel: input.channel });
      const id = randomUUID();
      const a = input.applicant;
      // The dossier service's statement: the dossier, its attachments and its history row in one CTE.
      const attachments = input.attachments ?? [];
      await client.query(
        `WITH new_dossier AS (
           INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
             applicant_sub, applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
             form_data, processing_days, received_at, due_at, original_due_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)),
         new_attachments AS (
           INSERT INTO dossier_attachment (id, dossier_id, supplement_request_id, name, media_type, size, sha256, added_at)
           SELECT a.id, $1, NULL, a.name, a.media_type, a.size, a.sha256, $17 FROM unnest($21::uuid[], $22::text[], $23::text[], $24::bigint[], $25::text[]) AS a(id, name, media_type, size, sha256))
         INSERT INTO dossier_history (dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, at)
         VALUES ($1, $26, NULL, $4, $27, $28, $29, $30, $17)`,
        [id, code, input.procedureCode, 'RECEIVED', input.channel, agency, agency, agency, null, a.fullName, a.idNumber,
          a.phone ?? null, a.email ?? null, a.address ?? null, JSON.stringify(input.formData ?? {}), processingDays, now, dueAt, dueAt, 1,
          attachments.map(() => randomUUID()), attachments.map((att) => att.name), attachments.map((att) => att.mediaType),
          attachments.map((att) => att.size), attachments.map((att) => att.sha256),
          'SUBMIT', 'bench-baseline', input.channel === 'ONLINE' ? 'CITIZEN' : 'OFFICER', input.channel === 'ONLINE' ? null : agency, `channel ${input.channel}`],
      );
      await client.query('COMMIT');
      return { code, status: 'RECEIVED', receivedAt: now.toISOString() };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async track(code: string, idNumberLast4: string): Promise<TrackedDossier | null> {
    // The dossier service's one statement: the row, its procedure's name and its history as JSON.
    const { rows } = await this.pool.query(
      `SELECT d.*, p.name AS tracking_procedure_name,
              COALESCE((SELECT json_agg(json_build_array(h.action, h.to_status, floor(extract(epoch FROM h.at) * 1000)) ORDER BY h.id)
                          FROM dossier_history h WHERE h.dossier_id = d.id), '[]') AS tracking_history
         FROM dossier d LEFT JOIN procedure p ON p.code = d.procedure_code
        WHERE d.code = $1`,
      [code],
    );
    const d = rows[0];
    if (!d || !timingSafeEqual(Buffer.from(String(d.applicant_id_number).slice(-4).padStart(4, '0')), Buffer.from(idNumberLast4))) return null;
    const history = d.tracking_history as [string, string, number][];
    return {
      code: d.code,
      status: d.status,
      receivedAt: (d.received_at as Date).toISOString(),
      procedureName: (d.tracking_procedure_name as string | null) ?? d.procedure_code,
      dueAt: d.paused_since ? null : ((d.due_at as Date | null)?.toISOString() ?? null),
      history: history.map(([action, status, at]) => ({ status, action, at: new Date(at).toISOString() })),
    };
  }

  async list(unitCode: string, first: number): Promise<{ totalCount: number; items: ListedDossier[] }> {
    const where = 'receiving_unit_code = $1 OR competent_unit_code = $1 OR processing_unit_code = $1';
    const [count, page] = await Promise.all([
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier WHERE ${where}`, [unitCode]),
      this.pool.query('SELECT * FROM dossier WHERE ' + where + ' ORDER BY received_at DESC, code DESC LIMIT $2', [unitCode, first + 1]),
    ]);
    const rows = page.rows.slice(0, first);
    const codes = [...new Set(rows.map((r) => r.procedure_code as string))];
    const procedures = codes.length
      ? (await this.pool.query<{ code: string; name: string }>('SELECT code, name FROM procedure WHERE code = ANY($1)', [codes])).rows
      : [];
    const byCode = new Map(procedures.map((p) => [p.code, p]));
    return {
      totalCount: count.rows[0].n,
      items: rows.map((d) => ({
        code: d.code,
        status: d.status,
        channel: d.channel,
        receivedAt: (d.received_at as Date).toISOString(),
        dueAt: d.paused_since ? null : ((d.due_at as Date | null)?.toISOString() ?? null),
        procedure: byCode.get(d.procedure_code) ?? null,
      })),
    };
  }
}
