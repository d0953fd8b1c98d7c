import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_YEAR_TABLES } from '@xaso/calendar';

/**
 * The dossier service's own tables: procedure catalogue, dossiers with their history,
 * supplement requests and attachment metadata, the per-agency-per-day code sequence, the
 * editable calendar tables (seeded from @xaso/calendar's 2025/2026 tables) and REST idempotency keys.
 *
 * The admin-unit replica is not here: `unitReplicaMigrations` of @xaso/unit-replica create it
 * (IF NOT EXISTS). Databases migrated before that already have the table from this migration's
 * first version, which the library's migration completes; `down` still drops it for them.
 */
export class CreateDossierTables1732400000000 implements MigrationInterface {
  name = 'CreateDossierTables1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE procedure (
        code                 text PRIMARY KEY,
        name                 text NOT NULL,
        field                text NOT NULL,
        competent_level      text NOT NULL,
        processing_days      integer NOT NULL CHECK (processing_days >= 0),
        fee                  bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
        fee_note             text,
        required_documents   jsonb NOT NULL DEFAULT '[]'::jsonb,
        online_level         text NOT NULL CHECK (online_level IN ('FULL','PARTIAL')),
        active               boolean NOT NULL DEFAULT true,
        search_text          text NOT NULL DEFAULT ''
      )`);
    await q.query(`
      CREATE TABLE dossier (
        id                    uuid PRIMARY KEY,
        code                  text NOT NULL UNIQUE,
        procedure_code        text NOT NULL REFERENCES procedure (code),
        status                text NOT NULL,
        channel               text NOT NULL CHECK (channel IN ('ONLINE','DIRECT','POSTAL')),
        receiving_unit_code   text NOT NULL,
        competent_unit_code   text NOT NULL,
        processing_unit_code  text NOT NULL,
        applicant_sub         text,
        applicant_full_name   text NOT NULL,
        applicant_id_number   text NOT NULL,
        applicant_phone       text,
        applicant_email       text,
        applicant_address     text,
        form_data             jsonb NOT NULL DEFAULT '{}'::jsonb,
        processing_days       integer NOT NULL,
        received_at           timestamptz NOT NULL,
        due_at                timestamptz,
        original_due_at       timestamptz,
        paused_since          timestamptz,
        pauses                jsonb NOT NULL DEFAULT '[]'::jsonb,
        completed_at          timestamptz,
        returned_at           timestamptz,
        closed_at             timestamptz,
        result_note           text,
        apology_reason        text,
        apology_new_due_at    timestamptz,
        apology_previous_due_at timestamptz,
        apology_issued_at     timestamptz,
        apology_issued_by     text,
        overdue_flagged_at    timestamptz,
        due_soon_flagged_at   timestamptz,
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dossier_receiving_idx ON dossier (receiving_unit_code, received_at)`);
    await q.query(`CREATE INDEX dossier_competent_idx ON dossier (competent_unit_code, received_at)`);
    await q.query(`CREATE INDEX dossier_processing_idx ON dossier (processing_unit_code, received_at)`);
    await q.query(`CREATE INDEX dossier_applicant_idx ON dossier (applicant_sub)`);
    await q.query(`CREATE INDEX dossier_applicant_id_idx ON dossier (applicant_id_number)`);
    await q.query(`CREATE INDEX dossier_open_due_idx ON dossier (COALESCE(apology_new_due_at, due_at)) WHERE closed_at IS NULL AND completed_at IS NULL`);
    await q.query(`
      CREATE TABLE dossier_history (
        id           bigserial PRIMARY KEY,
        dossier_id   uuid NOT NULL REFERENCES dossier (id),
        action       text NOT NULL,
        from_status  text,
        to_status    text NOT NULL,
        actor_sub    text NOT NULL,
        actor_role   text NOT NULL,
        actor_unit   text,
        note         text,
        data         jsonb,
        at           timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX dossier_history_dossier_idx ON dossier_history (dossier_id, id)`);
    await q.query(`
      CREATE TABLE supplement_request (
        id             uuid PRIMARY KEY,
        dossier_id     uuid NOT NULL REFERENCES dossier (id),
        reason         text NOT NULL,
        items          jsonb NOT NULL,
        requested_at   timestamptz NOT NULL,
        requested_by   text NOT NULL,
        provided_at    timestamptz,
        provided_note  text
      )`);
    await q.query(`CREATE INDEX supplement_request_dossier_idx ON supplement_request (dossier_id, requested_at)`);
    await q.query(`
      CREATE TABLE dossier_attachment (
        id                     uuid PRIMARY KEY,
        dossier_id             uuid NOT NULL REFERENCES dossier (id),
        supplement_request_id  uuid REFERENCES supplement_request (id),
        name                   text NOT NULL,
        media_type             text NOT NULL,
        size                   bigint NOT NULL CHECK (size >= 0),
        sha256                 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        added_at               timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX dossier_attachment_dossier_idx ON dossier_attachment (dossier_id)`);
    await q.query(`
      CREATE TABLE dossier_code_sequence (
        agency_code  text NOT NULL,
        day          text NOT NULL,
        last_value   integer NOT NULL,
        PRIMARY KEY (agency_code, day)
      )`);
    await q.query(`
      CREATE TABLE calendar_year (
        year          integer PRIMARY KEY,
        days_off      jsonb NOT NULL,
        working_days  jsonb NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        updated_by    text
      )`);
    for (const table of DEFAULT_YEAR_TABLES) {
      await q.query(`INSERT INTO calendar_year (year, days_off, working_days, updated_by) VALUES ($1, $2, $3, 'seed')`, [
        table.year,
        JSON.stringify(table.daysOff),
        JSON.stringify(table.workingDays),
      ]);
    }
    await q.query(`
      CREATE TABLE idempotency_key (
        caller        text NOT NULL,
        key           text NOT NULL,
        request_hash  text NOT NULL,
        status_code   integer,
        response      jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_key',
      'admin_unit_replica',
      'calendar_year',
      'dossier_code_sequence',
      'dossier_attachment',
      'supplement_request',
      'dossier_history',
      'dossier',
      'procedure',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
