/**
 * The chaos suite's test consumer, run as its own OS process (and SIGKILLed like the services):
 * a consumer group on the dossier, petition and voting topics through the real `EventConsumer` (inbox,
 * retries, dead letters) that writes each applied event to `chaos_seen` in the inbox's transaction,
 * and counts the redeliveries the inbox suppressed in `chaos_duplicate`. The verifier compares
 * `chaos_seen` with the services' outboxes: every row seen once, per-aggregate order.
 *
 * Env: COUNTER_DATABASE_URL, KAFKA_BROKERS, COUNTER_GROUP, PORT (answers /health/live once consuming).
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { eventRegistry } from '@xaso/contracts';
import { EventConsumer, KafkaTransport, messagingEntities, messagingMigrations } from '@xaso/messaging';
import { openServiceDataSource } from '@xaso/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const COUNTER_SOURCES = ['dossier', 'petition', 'voting'];

export class ChaosCounterTables1764600000000 implements MigrationInterface {
  name = 'ChaosCounterTables1764600000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE chaos_seen (n bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, type text NOT NULL, seen_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    // No UNIQUE on event_id: an event applied twice must show up as two rows, not as a failure.
    await q.query('CREATE INDEX chaos_seen_event ON chaos_seen (event_id)');
    await q.query(`CREATE TABLE chaos_duplicate (n bigserial PRIMARY KEY, event_id uuid NOT NULL, seen_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE chaos_duplicate');
    await q.query('DROP TABLE chaos_seen');
  }
}

async function main(): Promise<void> {
  const url = process.env.COUNTER_DATABASE_URL;
  const brokers = process.env.KAFKA_BROKERS?.split(',');
  if (!url || !brokers) throw new Error('COUNTER_DATABASE_URL and KAFKA_BROKERS must be set');
  const dataSource = await openServiceDataSource({
    url,
    entities: messagingEntities,
    migrations: [...messagingMigrations, ChaosCounterTables1764600000000],
    applicationName: 'chaos-counter',
  });
  const transport = new KafkaTransport({ brokers, clientId: 'chaos-counter' });
  await transport.start().catch(() => undefined); // the broker may be away: the consumer retries
  const consumer = new EventConsumer({
    dataSource,
    transport,
    group: process.env.COUNTER_GROUP ?? 'chaos-counter',
    retry: { attempts: 1_000, initialBackoffMs: 200, maxBackoffMs: 2_000 },
    hooks: {
      onDuplicate: (event) => {
        void dataSource.query('INSERT INTO chaos_duplicate (event_id) VALUES ($1)', [event.id]).catch(() => undefined);
      },
    },
  });
  for (const definition of eventRegistry.definitions()) {
    if (!COUNTER_SOURCES.includes(definition.source) || consumer.handledTypes().includes(definition.type)) continue;
    consumer.on(definition.type, async (event, { manager }) => {
      await manager.query('INSERT INTO chaos_seen (event_id, aggregate_id, type) VALUES ($1, $2, $3)', [event.id, event.aggregateId, event.type]);
    });
  }
  for (;;) {
    try {
      await consumer.start();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/health/live' ? 200 : 404;
    res.end();
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
