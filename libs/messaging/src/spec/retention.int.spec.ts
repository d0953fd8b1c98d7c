/**
 * Retention: sent outbox rows and old inbox rows are pruned in batches (unsent rows never); the
 * PostgreSQL bus keeps a message until it is older than the retention AND every consumer group
 * of its topic has passed it.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@xaso/persistence';
import { createTestDatabase } from '@xaso/testing';
import { MessagingRetention, messagingEntities, messagingMigrations, PostgresTransport, retentionFromEnv } from '../index';

const DAY = 24 * 3_600_000;

describe('messaging retention', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_retention');
    dataSource = await openServiceDataSource({ url: db.url, entities: messagingEntities, migrations: messagingMigrations });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('reads its settings from the environment, with defaults', () => {
    expect(retentionFromEnv({})).toMatchObject({ outboxMs: 7 * DAY, inboxMs: 14 * DAY });
    expect(retentionFromEnv({ OUTBOX_RETENTION_HOURS: '2', INBOX_RETENTION_DAYS: '3' })).toMatchObject({ outboxMs: 2 * 3_600_000, inboxMs: 3 * DAY });
    expect(retentionFromEnv({ OUTBOX_RETENTION_HOURS: 'soon', INBOX_RETENTION_DAYS: '-1' })).toMatchObject({ outboxMs: 7 * DAY, inboxMs: 14 * DAY });
  });

  it('deletes sent outbox rows and inbox rows past retention, in batches; keeps unsent and recent rows', async () => {
    const outboxRow = async (label: string, sentDaysAgo: number | null, createdDaysAgo: number) => {
      await dataSource.query(
        `INSERT INTO outbox (id, topic, key, envelope, created_at, sent_at)
         VALUES ($1, 't', $2, '{}'::jsonb, now() - $3::int * interval '1 day', CASE WHEN $4::int IS NULL THEN NULL ELSE now() - $4::int * interval '1 day' END)`,
        [randomUUID(), label, createdDaysAgo, sentDaysAgo],
      );
    };
    for (let i = 0; i < 5; i++) await outboxRow('old-sent', 8, 9);
    await outboxRow('recent-sent', 1, 1);
    await outboxRow('old-unsent', null, 30); // a relay that has been failing for a month still owes it
    const inboxRow = (daysAgo: number) =>
      dataSource.query(`INSERT INTO inbox (consumer_group, event_id, processed_at) VALUES ('g', $1, now() - $2::int * interval '1 day')`, [
        randomUUID(),
        daysAgo,
      ]);
    for (let i = 0; i < 3; i++) await inboxRow(20);
    await inboxRow(2);

    const retention = new MessagingRetention({ dataSource, settings: { outboxMs: 7 * DAY, inboxMs: 14 * DAY, batchSize: 2 } });
    expect(await retention.pruneOnce()).toEqual({ outbox: 5, inbox: 3 });
    const left: { key: string }[] = await dataSource.query('SELECT key FROM outbox ORDER BY key');
    expect(left.map((r) => r.key)).toEqual(['old-unsent', 'recent-sent']);
    expect(await dataSource.query('SELECT count(*)::int AS c FROM inbox')).toEqual([{ c: 1 }]);
    expect(await retention.pruneOnce()).toEqual({ outbox: 0, inbox: 0 });
  });

  it('PostgreSQL bus: prunes old messages only once every group of the topic has passed them', async () => {
    const bus = await createTestDatabase('messaging_retention_bus');
    const transport = new PostgresTransport({ url: bus.url, partitions: 2, pruneIntervalMs: 0 });
    try {
      await transport.start();
      const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i % 4}`, value: String(i) }));
      await transport.send('read.by.two', messages(12));
      await transport.send('read.by.none', messages(3));
      const q = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => {
        const { Client } = await import('pg');
        const client = new Client({ connectionString: bus.url });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows as R[];
        } finally {
          await client.end();
        }
      };
      // Everything is 8 days old except the last message of each topic.
      await q(`UPDATE bus_message SET created_at = now() - interval '8 days'
                WHERE id NOT IN (SELECT max(id) FROM bus_message GROUP BY topic)`);
      const rows = await q<{ id: string; partition: number; topic: string }>(
        `SELECT id::text AS id, partition, topic FROM bus_message WHERE topic = 'read.by.two' ORDER BY bus_message.id`,
      );
      const ids = (partition: number) => rows.filter((r) => r.partition === partition).map((r) => BigInt(r.id));
      // fast: passed everything; slow: passed the first two messages of partition 0, none of partition 1.
      const offset = (group: string, partition: number, next: bigint) =>
        q(`INSERT INTO bus_offset (group_id, topic, partition, next_id) VALUES ($1, 'read.by.two', $2, $3)`, [group, partition, next.toString()]);
      for (const p of [0, 1]) await offset('fast', p, ids(p)[ids(p).length - 1] + 1n);
      await offset('slow', 0, ids(0)[2]);

      const expectedGone = ids(0).slice(0, 2).length; // below slow's position in partition 0 (both are old)
      const gone = await transport.prune({ olderThanMs: 7 * DAY, batchSize: 1 });
      // read.by.none: no group reads it, so its old messages go (2 of 3; the last is recent).
      expect(gone).toBe(expectedGone + 2);
      const remaining = await q<{ id: string }>(`SELECT id::text AS id FROM bus_message WHERE topic = 'read.by.two'`);
      expect(remaining.map((r) => BigInt(r.id)).sort()).toEqual([...ids(0).slice(2), ...ids(1)].sort());
      expect(await q(`SELECT count(*)::int AS c FROM bus_message WHERE topic = 'read.by.none'`)).toEqual([{ c: 1 }]);

      // Once slow catches up, the old ones go too; the recent last message stays.
      for (const p of [0, 1]) {
        await q(`INSERT INTO bus_offset (group_id, topic, partition, next_id) VALUES ('slow', 'read.by.two', $1, $2)
                 ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_id = EXCLUDED.next_id`, [p, (ids(p)[ids(p).length - 1] + 1n).toString()]);
      }
      await transport.prune({ olderThanMs: 7 * DAY });
      const last = rows[rows.length - 1].id;
      expect(await q(`SELECT id::text AS id FROM bus_message WHERE topic = 'read.by.two'`)).toEqual([{ id: last }]);
    } finally {
      await transport.stop();
      await bus.drop();
    }
  });
});
