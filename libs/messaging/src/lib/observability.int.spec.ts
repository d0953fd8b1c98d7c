import { Controller, Inject, type INestApplication, Injectable, Logger as NestLogger, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineEvent, EventRegistry, type EventEnvelope } from '@xaso/contracts';
import { currentCorrelationId, ObservabilityModule, runWithCorrelationId } from '@xaso/observability';
import { inTransaction, PersistenceModule } from '@xaso/persistence';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import {
  currentCorrelation,
  InProcessBus,
  InProcessTransport,
  KafkaTransport,
  MessagingModule,
  type MessagingModuleOptions,
  messagingEntities,
  messagingMigrations,
  OnEvent,
  Outbox,
  OutboxRelay,
  PostgresTransport,
  withCorrelation,
  type EventTransport,
  type HandlerContext,
} from '../index';

// A service (so a topic) of its own per run: a Kafka broker given in KAFKA_BROKERS keeps old runs' messages.
const SERVICE = `obstest${randomBytes(3).toString('hex')}`;
const TOPIC = `xaso.${SERVICE}.events.v1`;
const ordered = defineEvent({ type: 'obstest.ordered', version: 1, source: SERVICE, schema: z.object({ item: z.string() }) });
const confirmed = defineEvent({ type: 'obstest.confirmed', version: 1, source: SERVICE, schema: z.object({ item: z.string() }) });
const registry = new EventRegistry([ordered, confirmed]);

@Injectable()
class OrderHandlers {
  readonly seen: EventEnvelope[] = [];
  private readonly logger = new NestLogger('OrderHandlers');
  constructor(private readonly outbox: Outbox) {}

  @OnEvent(ordered)
  async onOrdered(event: EventEnvelope<{ item: string }>, _context: HandlerContext): Promise<void> {
    this.seen.push(event);
    this.logger.log(`confirming order of ${event.payload.item}`);
    await this.outbox.publish({ definition: confirmed, aggregateType: 'Order', aggregateId: event.aggregateId, payload: event.payload });
  }

  @OnEvent(confirmed)
  async onConfirmed(event: EventEnvelope): Promise<void> {
    this.seen.push(event);
  }
}

@Controller('orders')
class OrdersController {
  constructor(
    private readonly outbox: Outbox,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  @Post()
  async create(): Promise<EventEnvelope> {
    const [event] = await inTransaction(this.dataSource, () =>
      this.outbox.publish({ definition: ordered, aggregateType: 'Order', aggregateId: 'o-1', payload: { item: 'gạo' } }),
    );
    return event;
  }
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

async function startApp(
  dbUrl: string,
  transport: EventTransport,
  logs = capture(),
  messaging: Partial<MessagingModuleOptions> = {},
): Promise<INestApplication> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ service: SERVICE, logDestination: logs.stream, defaultMetrics: false }),
      PersistenceModule.forService({ service: SERVICE, url: dbUrl, entities: messagingEntities, migrations: messagingMigrations }),
      MessagingModule.forService({ service: SERVICE, handlers: [OrderHandlers], registry, transport, relay: { pollIntervalMs: 50 }, ...messaging }),
    ],
    controllers: [OrdersController],
    providers: [OrderHandlers],
  })
  class AppModule {}
  const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = ref.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}

const waitFor = (check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition') => waitUntil(what, check, ms, 25);

function metricLine(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** A TCP proxy in front of PostgreSQL whose "port closes" on `close()` (all connections cut). */
async function tcpProxy(targetUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

describe('messaging × observability', () => {
  let db: { url: string; drop(): Promise<void> };
  let busDb: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase('messaging_obs');
    busDb = await createTestDatabase('messaging_obs_bus');
  });
  afterAll(async () => {
    await db.drop();
    await busDb.drop();
  });

  it('carries the request correlation id into the outbox and on to follow-up events; exposes backlog, lag and transport readiness', async () => {
    const logs = capture();
    const app = await startApp(db.url, new InProcessTransport(new InProcessBus()), logs);
    try {
      const relay = app.get(OutboxRelay);
      await relay.stop(); // keep the published event in the outbox for now
      const dataSource = app.get(DataSource);
      const server = app.getHttpServer();

      const response = await request(server).post('/orders').set('x-correlation-id', 'abc-123').expect(201);
      expect(response.headers['x-correlation-id']).toBe('abc-123');
      const [row] = await dataSource.query(`SELECT envelope FROM outbox WHERE id = $1`, [response.body.id]);
      expect(row.envelope).toMatchObject({ id: response.body.id, correlationId: 'abc-123', causationId: null });

      let metrics = (await request(server).get('/metrics').expect(200)).text;
      expect(metricLine(metrics, 'xaso_outbox_backlog', { service: SERVICE })).toBe(1);
      expect(metricLine(metrics, 'xaso_consumer_lag', { group: `${SERVICE}-service`, topic: TOPIC })).toBe(0);
      expect(metrics).toMatch(/^# TYPE xaso_consumer_lag gauge$/m);

      relay.start();
      const handlers = app.get(OrderHandlers);
      await waitFor(() => handlers.seen.length === 2);
      const [first, followUp] = handlers.seen;
      expect(first.id).toBe(response.body.id);
      expect(followUp.type).toBe('obstest.confirmed');
      expect(followUp.correlationId).toBe('abc-123');
      expect(followUp.causationId).toBe(first.id);
      await waitFor(async () => (await relay.backlog()) === 0);

      metrics = (await request(server).get('/metrics').expect(200)).text;
      expect(metricLine(metrics, 'xaso_outbox_backlog', { service: SERVICE })).toBe(0);
      await waitFor(async () => {
        const text = (await request(server).get('/metrics')).text;
        return metricLine(text, 'xaso_consumer_lag', { group: `${SERVICE}-service`, topic: TOPIC }) === 0;
      });

      // The handler's log line carries the event's correlation id (runWithCorrelationId).
      const handlerLine = logs.lines.map((l) => JSON.parse(l)).find((l) => String(l.msg).includes('confirming order of'));
      expect(handlerLine).toMatchObject({ correlationId: 'abc-123', service: SERVICE });

      const ready = await request(server).get('/health/ready').expect(200);
      expect(ready.body.info).toMatchObject({ database: { status: 'up' }, transport: { status: 'up' } });
    } finally {
      await app.close();
    }
  });

  it('reports /health/ready 503 with the transport down when the PostgreSQL bus stops answering', async () => {
    const proxy = await tcpProxy(busDb.url);
    const transport = new PostgresTransport({ url: proxy.url, pollIntervalMs: 50, onError: () => undefined });
    const app = await startApp(db.url, transport);
    try {
      const server = app.getHttpServer();
      const ready = await request(server).get('/health/ready').expect(200);
      expect(ready.body.info.transport).toEqual({ status: 'up' });
      const metrics = (await request(server).get('/metrics').expect(200)).text;
      expect(metricLine(metrics, 'xaso_consumer_lag', { group: `${SERVICE}-service`, topic: TOPIC })).toBe(
        await transport.lag(`${SERVICE}-service`, TOPIC),
      );

      await proxy.close(); // the bus's port is closed now
      const down = await request(server).get('/health/ready').expect(503);
      expect(down.body.error.transport).toMatchObject({ status: 'down' });
      expect(down.body.info.database).toEqual({ status: 'up' });
    } finally {
      await app.close();
    }
  });
});

describe('messaging × observability on Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through the root jest config');
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => (db = await createTestDatabase('messaging_obs_kafka')));
  afterAll(async () => db.drop());

  it('xaso_consumer_lag comes from the broker (committed offsets), xaso_events_skipped_total counts types without a handler', async () => {
    const group = `obstest-kafka-${randomBytes(3).toString('hex')}`;
    const transport = new KafkaTransport({ brokers: brokers.split(','), clientId: 'obstest-kafka', logLevel: logLevel.NOTHING, maxWaitTimeInMs: 50 });
    let holdAck = true;
    let held = 0;
    const app = await startApp(db.url, transport, capture(), {
      consumerGroup: group,
      consumer: {
        hooks: {
          // The first event stays applied-but-unacknowledged until the test lets go.
          afterHandleBeforeAck: async () => {
            if (!holdAck) return;
            held++;
            await waitFor(() => !holdAck, 30_000);
          },
        },
      },
    });
    const server = app.getHttpServer();
    const scrape = async () => (await request(server).get('/metrics').expect(200)).text;
    try {
      await request(server).post('/orders').expect(201);
      await waitFor(() => held === 1, 20_000, 'the first event held before its ack');
      // Not committed: the broker still counts it, and the follow-up event its handler published behind it.
      await waitFor(async () => metricLine(await scrape(), 'xaso_consumer_lag', { group, topic: TOPIC }) === 2, 20_000, 'lag 2');
      holdAck = false;
      await waitFor(async () => metricLine(await scrape(), 'xaso_consumer_lag', { group, topic: TOPIC }) === 0, 20_000, 'lag 0');

      const unlisted = (n: number) => ({
        key: 'o-9',
        value: JSON.stringify({
          id: randomUUID(),
          type: 'obstest.unlisted',
          version: 1,
          source: SERVICE,
          aggregateType: 'Order',
          aggregateId: 'o-9',
          unitCode: null,
          occurredAt: new Date().toISOString(),
          correlationId: randomUUID(),
          causationId: null,
          payload: { n },
        }),
      });
      await transport.send(TOPIC, [unlisted(1), unlisted(2)]);
      await waitFor(async () => metricLine(await scrape(), 'xaso_events_skipped_total', { group, type: 'obstest.unlisted' }) === 2, 20_000, 'two skipped');
      const metrics = await scrape();
      expect(metrics).toMatch(/^# TYPE xaso_events_skipped_total counter$/m);
      expect(metricLine(metrics, 'xaso_consumer_lag', { group, topic: TOPIC })).toBe(0);
      expect(Number((await app.get(DataSource).query('SELECT count(*)::int AS c FROM dead_letter'))[0].c)).toBe(0);
    } finally {
      holdAck = false;
      await app.close();
    }
  }, 60_000);
});

describe('transport lag and health', () => {
  it('in-process: lag counts undelivered and unacknowledged messages of the group; always healthy', async () => {
    const transport = new InProcessTransport(new InProcessBus());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await transport.send('lag.topic', [1, 2, 3].map((n) => ({ key: `k${n}`, value: String(n) })));
    expect(await transport.lag('g', 'lag.topic')).toBe(3);
    const handled: string[] = [];
    let entered = 0;
    await transport.subscribe('g', ['lag.topic'], async (m) => {
      entered++;
      await gate;
      handled.push(m.value ?? '');
    });
    await waitFor(() => entered > 0, 5_000, 'a message held in its handler');
    expect(await transport.lag('g', 'lag.topic')).toBe(3);
    release();
    await waitFor(() => handled.length === 3);
    await waitFor(async () => (await transport.lag('g', 'lag.topic')) === 0);
    expect(await transport.lag('other', 'lag.topic')).toBe(3);
    expect(await transport.isHealthy()).toBe(true);
    await transport.stop();
  });

  it('PostgreSQL bus on a closed port is not healthy', async () => {
    const transport = new PostgresTransport({ url: 'postgres://x:y@127.0.0.1:1/nothing' });
    expect(await transport.isHealthy()).toBe(false);
    await expect(transport.start()).rejects.toThrow();
    expect(await transport.isHealthy()).toBe(false);
    await transport.stop();
  });
});

describe('correlation bridge', () => {
  it('falls back to the observability correlation id (causation null); the messaging context wins and sets it for logs', () => {
    expect(currentCorrelation()).toBeUndefined();
    runWithCorrelationId('req-1', () => {
      expect(currentCorrelation()).toEqual({ correlationId: 'req-1', causationId: null });
      withCorrelation({ correlationId: 'c-9', causationId: 'e-1' }, () => {
        expect(currentCorrelation()).toEqual({ correlationId: 'c-9', causationId: 'e-1' });
        expect(currentCorrelationId()).toBe('c-9');
      });
    });
  });
});
