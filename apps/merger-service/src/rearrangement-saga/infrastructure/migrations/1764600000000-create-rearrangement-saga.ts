import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * merger-service's state of the rearrangement saga: runs (dry run / application) per plan, steps
 * per service and action, chunks (the commands sent, with their attempts for the timeout + retry),
 * the reconciliation counts the participants reported, and the review queue of divided units.
 */
export class CreateRearrangementSaga1764600000000 implements MigrationInterface {
  name = 'CreateRearrangementSaga1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rearrangement_run (
        plan_id        text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('DRY_RUN','APPLY')),
        status         text NOT NULL,
        started_by     text NOT NULL,
        started_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        error          text,
        signed_off_by  text,
        signed_off_at  timestamptz,
        sign_off_note  text,
        PRIMARY KEY (plan_id, kind)
      )`);
    await q.query(`
      CREATE TABLE rearrangement_run_step (
        plan_id      text NOT NULL,
        kind         text NOT NULL,
        service      text NOT NULL,
        action       text NOT NULL,
        seq          integer NOT NULL,
        state        text NOT NULL,
        chunks       integer NOT NULL DEFAULT 0,
        chunks_done  integer NOT NULL DEFAULT 0,
        moved        integer NOT NULL DEFAULT 0,
        total        integer NOT NULL DEFAULT 0,
        error        text,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, kind, service, action),
        FOREIGN KEY (plan_id, kind) REFERENCES rearrangement_run (plan_id, kind) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE rearrangement_run_chunk (
        plan_id      text NOT NULL,
        kind         text NOT NULL,
        service      text NOT NULL,
        action       text NOT NULL,
        chunk        integer NOT NULL,
        state        text NOT NULL,
        attempts     integer NOT NULL DEFAULT 1,
        sent_at      timestamptz NOT NULL DEFAULT now(),
        replied_at   timestamptz,
        moves        jsonb NOT NULL,
        assignments  jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (plan_id, kind, service, action, chunk),
        FOREIGN KEY (plan_id, kind, service, action) REFERENCES rearrangement_run_step (plan_id, kind, service, action) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX rearrangement_run_chunk_sent_idx ON rearrangement_run_chunk (sent_at) WHERE state = 'SENT'`);
    await q.query(`
      CREATE TABLE rearrangement_report (
        plan_id       text NOT NULL,
        kind          text NOT NULL,
        service       text NOT NULL,
        record_type   text NOT NULL,
        source_code   text NOT NULL,
        before        integer NOT NULL,
        queued        integer NOT NULL,
        failed        integer NOT NULL,
        carried_over  integer NOT NULL,
        after         integer NOT NULL,
        PRIMARY KEY (plan_id, kind, service, record_type, source_code),
        FOREIGN KEY (plan_id, kind) REFERENCES rearrangement_run (plan_id, kind) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE rearrangement_report_target (
        plan_id         text NOT NULL,
        kind            text NOT NULL,
        service         text NOT NULL,
        record_type     text NOT NULL,
        source_code     text NOT NULL,
        target_code     text NOT NULL,
        moved           integer NOT NULL,
        service_sha256  text,
        merger_sha256   text,
        PRIMARY KEY (plan_id, kind, service, record_type, source_code, target_code),
        FOREIGN KEY (plan_id, kind, service, record_type, source_code)
          REFERENCES rearrangement_report (plan_id, kind, service, record_type, source_code) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE rearrangement_review_item (
        id               uuid PRIMARY KEY,
        plan_id          text NOT NULL,
        service          text NOT NULL,
        record_type      text NOT NULL,
        record_id        text NOT NULL,
        source_code      text NOT NULL,
        candidate_codes  text[] NOT NULL,
        label            text,
        status           text NOT NULL CHECK (status IN ('OPEN','ASSIGNING','ASSIGNED')),
        target_code      text,
        assigned_by      text,
        assigned_at      timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, service, record_type, record_id)
      )`);
    await q.query(`CREATE INDEX rearrangement_review_item_candidates_idx ON rearrangement_review_item USING gin (candidate_codes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rearrangement_review_item', 'rearrangement_report_target', 'rearrangement_report', 'rearrangement_run_chunk', 'rearrangement_run_step', 'rearrangement_run']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
