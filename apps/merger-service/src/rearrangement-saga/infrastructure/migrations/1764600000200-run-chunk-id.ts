import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each chunk sent in a run gets an id the command carries and the reply echoes: a plan applied
 * again after compensation numbers its chunks from 0 again, and a late reply to the earlier run's
 * command (a retry answered after the chunk was done) must not be taken for the new run's answer.
 */
export class RunChunkId1764600000200 implements MigrationInterface {
  name = 'RunChunkId1764600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rearrangement_run_chunk ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rearrangement_run_chunk DROP COLUMN id`);
  }
}
