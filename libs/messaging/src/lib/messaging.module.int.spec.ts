import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineEvent, EventRegistry, type EventEnvelope } from '@xaso/contracts';
import { inTransaction, serviceDataSourceOptions } from '@xaso/persistence';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import {
  EVENT_TRANSPORT,
  EventConsumer,
  InProcessBus,
  InProcessTransport,
  KafkaTransport,
  PostgresTransport,
  MessagingModule,
  messagingEntities,
  messagingMigrations,
  OnEvent,
  Outbox,
  OutboxRelay,
  transportFromEnv,
  type HandlerContext,
} from '../index';
import { parseArgs } from '../cli/replay-dead-letters';

const pinged = defineEvent({ type: 'test.pinged', version: 1, source: 'modtest', schema: z.object({ text: z.string() }) });
const registry = new EventRegistry([pinged]);

@Injectable()
class PingHandlers {
  seen: EventEnvelope<{ text: string }>[] = [];
  @OnEvent(pinged)
  async onPinged(event: EventEnvelope<{ text: string }>, { manager }: HandlerContext): Promise<void> {
    this.seen.push(event);
    await manager.query('INSERT INTO pings (event_id, text) VALUES ($1, $2)', [event.id, event.payload.text]);
  }
}

describe('MessagingModule', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase('messaging_module');
  });
  afterAll(() => db.drop());

  it('wires outbox, relay and @OnEvent handlers into a Nest application, and stops them on close', async () => {
    const transport = new InProcessTransport(new InProcessBus());
    @Module({
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({ url: db.url, entities: messagingEntities, migrations: messagingMigrations }),
          migrationsRun: true,
        }),
        MessagingModule.forService({ service: 'modtest', handlers: [PingHandlers], registry, transport, relay: { pollIntervalMs: 50 } }),
      ],
      providers: [PingHandlers],
    })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const dataSource = app.get(DataSource);
    await dataSource.query('CREATE TABLE pings (event_id uuid PRIMARY KEY, text text NOT NULL)');
    expect(app.get(EVENT_TRANSPORT)).toBe(transport);
    expect(app.get(EventConsumer).group).toBe('modtest-service');
    expect(app.get(EventConsumer).topics()).toEqual(['xaso.modtest.events.v1']);
    const relay = app.get(OutboxRelay);
    expect(relay.isRunning).toBe(true);

    const [event] = await inTransaction(dataSource, () =>
      app.get(Outbox).publish({ definition: pinged, aggregateType: 'Ping', aggregateId: 'p1', payload: { text: 'xin chào' } }),
    );
    const handlers = app.get(PingHandlers);
    // The handler sees the event before its transaction commits, and the relay marks the row sent
    // after delivery: wait for the committed effects, not for the in-memory list.
    const settled = async () =>
      (await dataSource.query('SELECT count(*)::int AS n FROM pings'))[0].n === 1 && (await relay.backlog()) === 0;
    await waitUntil('the ping row committed and the outbox drained', settled, 10_000, 25).catch(() => undefined);
    expect(handlers.seen.map((e) => e.id)).toEqual([event.id]);
    expect(await dataSource.query('SELECT text FROM pings')).toEqual([{ text: 'xin chào' }]);
    expect(await relay.backlog()).toBe(0);

    await app.close();
    expect(relay.isRunning).toBe(false);
  });

  it('selects Kafka when KAFKA_BROKERS is set, else the PostgreSQL bus when EVENT_BUS_DATABASE_URL is set, else the process-wide in-process bus', () => {
    const busUrl = 'postgres://u:p@127.0.0.1:5432/xaso_bus';
    expect(transportFromEnv('x', { KAFKA_BROKERS: '127.0.0.1:9092' })).toBeInstanceOf(KafkaTransport);
    expect(transportFromEnv('x', { KAFKA_BROKERS: '127.0.0.1:9092', EVENT_BUS_DATABASE_URL: busUrl })).toBeInstanceOf(KafkaTransport);
    const bus = transportFromEnv('x', { EVENT_BUS_DATABASE_URL: busUrl });
    expect(bus).toBeInstanceOf(PostgresTransport);
    expect(bus.kind).toBe('postgres');
    expect((bus as PostgresTransport).options.url).toBe(busUrl);
    expect(transportFromEnv('x', { EVENT_BUS_DATABASE_URL: '  ' })).toBeInstanceOf(InProcessTransport);
    const local = transportFromEnv('x', {});
    expect(local).toBeInstanceOf(InProcessTransport);
    expect((local as InProcessTransport).bus).toBe(InProcessBus.shared);
  });
});

describe('replay-dead-letters CLI arguments', () => {
  it('reads flags, env and ids', () => {
    expect(parseArgs(['--group', 'g', 'a', '--id=b,c'], { DATABASE_URL: 'postgres://x/y' })).toEqual({
      help: false,
      databaseUrl: 'postgres://x/y',
      group: 'g',
      ids: ['a', 'b', 'c'],
    });
    expect(parseArgs(['--database-url=postgres://h/d', '--group=g'], {})).toMatchObject({ databaseUrl: 'postgres://h/d' });
    expect(() => parseArgs(['--group', 'g'], {})).toThrow(/DATABASE_URL/);
    expect(() => parseArgs([], { DATABASE_URL: 'postgres://x/y' })).toThrow(/--group/);
  });
});
