import type { MigrationInterface, QueryRunner } from 'typeorm';

/** outbox, inbox and dead_letter tables; add `messagingMigrations` to every service's migrations. */
export class MessagingTables1732300000000 implements MigrationInterface {
  name = 'MessagingTables1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text NULL
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unsent_key_seq ON outbox (key, seq) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_unsent_seq ON outbox (seq) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_key ON outbox (key)`);
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY,
        consumer_group text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" text NOT NULL,
        key text NULL,
        value text NULL,
        envelope jsonb NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        event_id text NULL,
        event_type text NULL,
        error text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz NULL,
        UNIQUE (consumer_group, topic, partition, "offset")
      )`);
    await queryRunner.query(
      `CREATE INDEX dead_letter_pending ON dead_letter (consumer_group, failed_at) WHERE replayed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letter`);
    await queryRunner.query(`DROP TABLE inbox`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}

/** Indexes for pruning sent outbox rows and old inbox rows (`MessagingRetention`). */
export class MessagingRetentionIndexes1764547200000 implements MigrationInterface {
  name = 'MessagingRetentionIndexes1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX inbox_processed_at ON inbox (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX inbox_processed_at`);
    await queryRunner.query(`DROP INDEX outbox_sent_at`);
  }
}

export const messagingMigrations = [MessagingTables1732300000000, MessagingRetentionIndexes1764547200000];
