import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * petition-service schema. The petition row keeps searchable columns plus the full aggregate
 * state (`state` jsonb, without history); history is append-only in `petition_history`.
 * The petitioner's identity lives only in `petition_identity` (AES-256-GCM ciphertext);
 * every read of it is recorded in `petition_identity_access`.
 */
export class CreatePetitionTables1732500000000 implements MigrationInterface {
  name = 'CreatePetitionTables1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE petition (
        code text PRIMARY KEY,
        unit_code text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        category text,
        petitioner_key text,
        petitioner_user_id text,
        handler_id text,
        received_at timestamptz NOT NULL,
        acceptance_due date NOT NULL,
        resolution_due date,
        state jsonb NOT NULL,
        tracking_secret_hash text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX petition_unit_received_idx ON petition (unit_code, received_at DESC, code DESC)`);
    await q.query(`CREATE INDEX petition_petitioner_idx ON petition (petitioner_key) WHERE petitioner_key IS NOT NULL`);
    await q.query(`CREATE INDEX petition_user_idx ON petition (petitioner_user_id) WHERE petitioner_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX petition_open_idx ON petition (status) WHERE status IN ('RECEIVED','CLASSIFIED','ACCEPTED','ASSIGNED','REOPENED')`);
    await q.query(`
      CREATE TABLE petition_history (
        petition_code text NOT NULL REFERENCES petition(code),
        seq integer NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        at timestamptz NOT NULL,
        note text,
        PRIMARY KEY (petition_code, seq)
      )`);
    await q.query(`
      CREATE TABLE petition_identity (
        petition_code text PRIMARY KEY REFERENCES petition(code),
        key_id text NOT NULL,
        ciphertext text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE petition_identity_access (
        id bigserial PRIMARY KEY,
        petition_code text NOT NULL REFERENCES petition(code),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        purpose text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX petition_identity_access_code_idx ON petition_identity_access (petition_code, at)`);
    await q.query(`
      CREATE TABLE petition_sequence (
        unit_code text NOT NULL,
        day date NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (unit_code, day)
      )`);
    await q.query(`
      CREATE TABLE reception_session (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        date date NOT NULL,
        chairperson_id text NOT NULL,
        chairperson_present boolean NOT NULL,
        citizens_received integer NOT NULL,
        petition_codes text[] NOT NULL DEFAULT '{}',
        notes text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reception_session_unit_date_idx ON reception_session (unit_code, date)`);
    await q.query(`
      CREATE TABLE mediation_case (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        mediation_team text,
        subject text NOT NULL,
        parties text[] NOT NULL,
        mediators text[] NOT NULL,
        opened_on date NOT NULL,
        closed_on date,
        outcome text NOT NULL,
        referred_to text,
        result text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mediation_case_unit_idx ON mediation_case (unit_code, opened_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['mediation_case', 'reception_session', 'petition_sequence', 'petition_identity_access', 'petition_identity', 'petition_history', 'petition']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
