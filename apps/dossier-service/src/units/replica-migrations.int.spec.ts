/**
 * The admin-unit replica's tables come from @xaso/unit-replica's migrations (IF NOT EXISTS), not
 * from the dossier migration: a new database gets the full replica, and a database that already
 * has the replica table of the dossier migration's first version (no `type`, no
 * `parent_valid_from`) migrates without error, keeping its rows and gaining the new columns.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InProcessBus, InProcessTransport } from '@xaso/messaging';
import { createTestDatabase } from '@xaso/testing';
import { createDossierApp } from '../bootstrap';
import { TEST_SECRET } from '../../test/dossier-test-app';

jest.setTimeout(60_000);

const REPLICA_COLUMNS = ['code', 'valid_from', 'valid_to', 'name', 'level', 'type', 'parent_code', 'parent_valid_from'];

describe('dossier-service: the admin-unit replica tables come from @xaso/unit-replica', () => {
  const databases: { url: string; drop(): Promise<void> }[] = [];
  const apps: INestApplication[] = [];

  const start = async (url: string) => {
    const app = await createDossierApp({
      databaseUrl: url,
      logger: false,
      observability: false,
      schedulerIntervalMs: 0,
      transport: new InProcessTransport(new InProcessBus()),
      auth: { config: { devSecret: TEST_SECRET } },
    });
    apps.push(app);
    return app.get(DataSource);
  };
  const columnsOf = async (db: DataSource, table: string): Promise<string[]> =>
    (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`, [table])).map(
      (r: { column_name: string }) => r.column_name,
    );

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.drop();
  });

  it('creates the full replica on a new database', async () => {
    const database = await createTestDatabase('dossier_replica_new');
    databases.push(database);
    const db = await start(database.url);
    expect(await columnsOf(db, 'admin_unit_replica')).toEqual([...REPLICA_COLUMNS].sort());
    expect(await columnsOf(db, 'admin_unit_replica_link')).toEqual(['divided', 'from_code', 'from_valid_from', 'to_code', 'to_valid_from']);
    expect(await columnsOf(db, 'admin_unit_replica_state')).toContain('announced_units');
  });

  it('migrates a database that already has the first-version replica table, keeping its rows', async () => {
    const database = await createTestDatabase('dossier_replica_old');
    databases.push(database);
    const old = new DataSource({ type: 'postgres', url: database.url });
    await old.initialize();
    await old.query(`
      CREATE TABLE admin_unit_replica (
        code text NOT NULL, valid_from date NOT NULL, valid_to date, name text NOT NULL, level text NOT NULL, parent_code text,
        PRIMARY KEY (code, valid_from)
      )`);
    await old.query(`INSERT INTO admin_unit_replica (code, valid_from, name, level) VALUES ('01', '2025-07-01', 'Thành phố Hà Nội', 'PROVINCE')`);
    await old.destroy();

    const db = await start(database.url);
    expect(await columnsOf(db, 'admin_unit_replica')).toEqual([...REPLICA_COLUMNS].sort());
    expect(await db.query(`SELECT code, name, type FROM admin_unit_replica`)).toEqual([{ code: '01', name: 'Thành phố Hà Nội', type: null }]);
    // The replica that was already filled counts as caught up with what it holds.
    expect(await db.query(`SELECT announced_units FROM admin_unit_replica_state`)).toEqual([{ announced_units: 1 }]);
  });
});
