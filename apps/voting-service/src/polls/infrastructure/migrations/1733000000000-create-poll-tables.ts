import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * voting-service schema. Secrecy by construction: `poll_participation` (who took part, which
 * channel, the poll's day) and `poll_ballot` / `poll_board` (tracker, choice) share no key, no
 * foreign key and no timestamp. Ballots wait in `poll_ballot` while the poll is open and move at
 * close into `poll_board`, written in tracker order (so neither heap order nor any column can be
 * matched with the participation list); the board is append-only from then on (triggers).
 */
export class CreatePollTables1733000000000 implements MigrationInterface {
  name = 'CreatePollTables1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poll (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        village_code text,
        matter text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        option_kind text NOT NULL,
        electorate text NOT NULL,
        channels text[] NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        pass_basis text NOT NULL,
        pass_percent numeric(5,2) NOT NULL,
        quorum_percent numeric(5,2),
        status text NOT NULL,
        roll_size integer,
        roll_hash text,
        cancel_reason text,
        result jsonb,
        board_root text,
        board_size integer,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`);
    await q.query(`CREATE INDEX poll_unit_idx ON poll (unit_code, status, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE poll_option (
        poll_id uuid NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
        position integer NOT NULL,
        option_id text NOT NULL,
        label text NOT NULL,
        PRIMARY KEY (poll_id, option_id)
      )`);
    await q.query(`
      CREATE TABLE poll_roll_entry (
        poll_id uuid NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
        entry_key text NOT NULL,
        household_id text,
        id_number text NOT NULL,
        name text NOT NULL,
        village_code text NOT NULL,
        PRIMARY KEY (poll_id, entry_key),
        UNIQUE (poll_id, id_number)
      )`);
    await q.query(`CREATE INDEX poll_roll_id_number_idx ON poll_roll_entry (id_number)`);
    await q.query(`
      CREATE TABLE poll_representative_change (
        id bigserial PRIMARY KEY,
        poll_id uuid NOT NULL REFERENCES poll(id),
        household_id text NOT NULL,
        previous_id_number text NOT NULL,
        id_number text NOT NULL,
        name text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The one ballot per household/voter across channels: this primary key, nothing else.
    await q.query(`
      CREATE TABLE poll_participation (
        poll_id uuid NOT NULL REFERENCES poll(id),
        entry_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('ONLINE','PAPER')),
        poll_day date NOT NULL,
        PRIMARY KEY (poll_id, entry_key)
      )`);
    await q.query(`
      CREATE TABLE poll_ballot (
        poll_id uuid NOT NULL,
        tracker text NOT NULL,
        choice text NOT NULL,
        PRIMARY KEY (poll_id, tracker)
      )`);
    await q.query(`
      CREATE TABLE poll_board (
        poll_id uuid NOT NULL,
        leaf_index integer NOT NULL,
        tracker text NOT NULL,
        choice text NOT NULL,
        PRIMARY KEY (poll_id, leaf_index),
        UNIQUE (poll_id, tracker)
      )`);
    await q.query(`
      CREATE TABLE poll_paper_count (
        poll_id uuid PRIMARY KEY REFERENCES poll(id),
        totals jsonb NOT NULL,
        spoiled integer NOT NULL CHECK (spoiled >= 0)
      )`);
    await q.query(`
      CREATE FUNCTION poll_refuse_change_after_close() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'poll_board' OR EXISTS (SELECT 1 FROM poll WHERE id = OLD.poll_id AND status IN ('CLOSED','CERTIFIED')) THEN
          RAISE EXCEPTION 'the ballots and board of a closed poll are immutable' USING ERRCODE = 'P0001';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER poll_board_immutable BEFORE UPDATE OR DELETE ON poll_board FOR EACH ROW EXECUTE FUNCTION poll_refuse_change_after_close()`);
    await q.query(`CREATE TRIGGER poll_ballot_immutable BEFORE UPDATE OR DELETE ON poll_ballot FOR EACH ROW EXECUTE FUNCTION poll_refuse_change_after_close()`);
    await q.query(`CREATE TRIGGER poll_paper_count_immutable BEFORE UPDATE OR DELETE ON poll_paper_count FOR EACH ROW EXECUTE FUNCTION poll_refuse_change_after_close()`);
    await q.query(`
      CREATE FUNCTION poll_refuse_root_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.board_root IS NOT NULL AND (NEW.board_root IS DISTINCT FROM OLD.board_root OR NEW.result IS DISTINCT FROM OLD.result OR NEW.board_size IS DISTINCT FROM OLD.board_size) THEN
          RAISE EXCEPTION 'the board root of a closed poll is immutable' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER poll_root_immutable BEFORE UPDATE ON poll FOR EACH ROW EXECUTE FUNCTION poll_refuse_root_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS poll_paper_count, poll_board, poll_ballot, poll_participation, poll_representative_change, poll_roll_entry, poll_option, poll CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS poll_refuse_change_after_close(), poll_refuse_root_change()`);
  }
}
