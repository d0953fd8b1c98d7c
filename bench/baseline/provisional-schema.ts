import type { PoolClient, Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import type { SubmitDossierInput } from '../lib/fixtures';
import type { BaselineStore, TrackedDossier } from './store';

/**
 * Used only when the dossier service's own tables are not available: a bench-only database
 * with a dossier table of the same shape (code `<agency>-<YYMMDD>-<NNNN>`, a per-agency-per-day
 * sequence row, applicant columns, JSONB form data and attachments).
 */
export const PROVISIONAL_DDL = `
CREATE TABLE IF NOT EXISTS bench_dossier_code_sequence (
  agency_code varchar(20) NOT NULL,
  day date NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);
CREATE TABLE IF NOT EXISTS bench_dossier (
  id uuid PRIMARY KEY,
  code varchar(40) NOT NULL UNIQUE,
  procedure_code varchar(50) NOT NULL,
  receiving_unit_code varchar(10) NOT NULL,
  channel varchar(10) NOT NULL,
  status varchar(30) NOT NULL,
  applicant_full_name varchar(200) NOT NULL,
  applicant_id_number varchar(12) NOT NULL,
  applicant_phone varchar(20),
  applicant_email varchar(200),
  applicant_address varchar(500),
  form_data jsonb NOT NULL,
  attachments jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

/** YYMMDD of `date` in Vietnam time (UTC+7). */
export function vnDay(date: Date): { yymmdd: string; iso: string } {
  const vn = new Date(date.getTime() + 7 * 3600_000);
  const iso = vn.toISOString().slice(0, 10);
  return { yymmdd: iso.slice(2).replace(/-/g, ''), iso };
}

export class ProvisionalStore implements BaselineStore {
  readonly description = 'bench-only tables bench_dossier + bench_dossier_code_sequence (dossier-service schema not available)';

  constructor(private readonly pool: Pool) {}

  async prepare(): Promise<void> {
    await this.pool.query(PROVISIONAL_DDL);
  }

  async submit(input: SubmitDossierInput): Promise<TrackedDossier> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const now = new Date();
      const day = vnDay(now);
      const agency = input.receivingUnitCode;
      const { rows } = await client.query<{ last_value: number }>(
        `INSERT INTO bench_dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = bench_dossier_code_sequence.last_value + 1
         RETURNING last_value`,
        [agency, day.iso],
      );
      const code = `${agency}-${day.yymmdd}-${String(rows[0].last_value).padStart(4, '0')}`;
      const a = input.applicant;
      await client.query(
        `INSERT INTO bench_dossier (id, code, procedure_code, receiving_unit_code, channel, status,
           applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
           form_data, attachments, received_at)
         VALUES ($1, $2, $3, $4, $5, 'RECEIVED', $6, $7, $8, $9, $10, $11, $12, $13)`,
        [randomUUID(), code, input.procedureCode, agency, input.channel, a.fullName, a.idNumber, a.phone, a.email, a.address,
          JSON.stringify(input.formData), JSON.stringify(input.attachments), now],
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
    const { rows } = await this.pool.query<{ code: string; status: string; received_at: Date }>(
      `SELECT code, status, received_at FROM bench_dossier WHERE code = $1 AND right(applicant_id_number, 4) = $2`,
      [code, idNumberLast4],
    );
    if (!rows.length) return null;
    return { code: rows[0].code, status: rows[0].status, receivedAt: rows[0].received_at.toISOString() };
  }
}
