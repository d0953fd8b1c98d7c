import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { openServiceDataSource } from './data-source';
import { withDatabaseName } from './database-url';
import { dropDatabase, ensureDatabase } from './ensure-database';
import { PersistenceModule } from './persistence.module';

const server = process.env.TEST_DATABASE_URL;
if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests through the root jest config');

/** Not idempotent on purpose (plain CREATE TABLE), and slow enough for two starters to overlap. */
class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.3)');
    await queryRunner.query('CREATE TABLE thing (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE thing');
  }
}

const freshUrl = () => withDatabaseName(server, `concurrent_${randomBytes(5).toString('hex')}`);

describe('two replicas starting at once on a fresh database', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const url of created) await dropDatabase(url);
  });

  it('ensureDatabase + migrations: both succeed, the migration ran once', async () => {
    const url = freshUrl();
    created.push(url);
    const start = async () => {
      await ensureDatabase(url);
      return openServiceDataSource({ url, entities: [], migrations: [CreateThings1700000000000], poolSize: 3 });
    };
    const sources = await Promise.all([start(), start(), start()]);
    try {
      const applied = await sources[0].query('SELECT name FROM migrations');
      expect(applied).toEqual([{ name: 'CreateThings1700000000000' }]);
      expect(await sources[1].query('SELECT count(*)::int AS c FROM thing')).toEqual([{ c: 0 }]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });

  it('PersistenceModule: two apps of one service start together', async () => {
    const url = freshUrl();
    created.push(url);
    const boot = () =>
      Test.createTestingModule({
        imports: [PersistenceModule.forService({ service: 'concurrent', url, entities: [], migrations: [CreateThings1700000000000] })],
      }).compile();
    const apps = await Promise.all([boot(), boot()]);
    try {
      const dataSource = apps[1].get<DataSource>(getDataSourceToken());
      expect(await dataSource.query('SELECT name FROM migrations')).toEqual([{ name: 'CreateThings1700000000000' }]);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
