import { Controller, Get, type INestApplication, Injectable, Module, type OnModuleInit, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, Public } from '@xaso/auth';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import { Logger, PinoLogger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { CORRELATION_ID_HEADER, correlationIdFrom, currentCorrelationId } from './correlation';
import { HealthRegistry, TRANSPORT_HEALTH_INDICATOR, type TransportHealthIndicator } from './health';
import { CONSUMER_LAG_METRIC, MetricsRegistry, OUTBOX_BACKLOG_METRIC } from './metrics';
import { ObservabilityModule } from './observability.module';

const ID = '001203004567';

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

@Public()
@Controller('probe')
class ProbeController {
  constructor(private readonly logger: PinoLogger) {}

  @Get(':id')
  async get(@Param('id') id: string) {
    await new Promise((resolve) => setTimeout(resolve, 5)); // an async hop the correlation id must survive (work, not a wait)
    this.logger.info({ citizen: { idNumber: id, phone: '0912345678' } }, `looked up citizen ${id}`);
    return { correlationId: currentCorrelationId() };
  }
}

class FakeTransport implements TransportHealthIndicator {
  readonly name = 'kafka';
  healthy = true;
  async isHealthy() {
    return this.healthy;
  }
}

@Injectable()
class MessagingLike implements OnModuleInit {
  backlog = 7;
  constructor(private readonly metrics: MetricsRegistry) {}
  onModuleInit() {
    this.metrics.registerGauge(OUTBOX_BACKLOG_METRIC, 'Outbox rows not yet published', () => this.backlog);
    this.metrics.registerGauge(CONSUMER_LAG_METRIC, 'Consumer lag in messages', async () => [
      { labels: { group: 'g1', topic: 'xaso.dossier.events.v1' }, value: 3 },
      { labels: { group: 'g1', topic: 'xaso.merger.events.v1' }, value: 0 },
    ], ['group', 'topic']);
  }
}

async function start(module: unknown): Promise<INestApplication> {
  const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = ref.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}

describe('ObservabilityModule', () => {
  let db: { url: string; drop(): Promise<void> };
  let up: INestApplication;
  let down: INestApplication;
  const upLogs = capture();
  const transport = new FakeTransport();

  beforeAll(async () => {
    db = await createTestDatabase('observability');

    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'probe-up', logDestination: upLogs.stream, logLevel: 'info' }),
        AuthModule.forRoot({ config: { production: false } }),
        TypeOrmModule.forRoot({ type: 'postgres', url: db.url, retryAttempts: 0 }),
      ],
      controllers: [ProbeController],
      providers: [MessagingLike, { provide: TRANSPORT_HEALTH_INDICATOR, useValue: transport }],
    })
    class UpModule {}

    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'probe-down', logDestination: capture().stream }),
        AuthModule.forRoot({ config: { production: false } }),
        // The database is unreachable: nothing listens on port 1.
        TypeOrmModule.forRoot({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere', retryAttempts: 0, manualInitialization: true }),
      ],
      controllers: [ProbeController],
    })
    class DownModule {}

    // Two apps in one process (as in all-in-one): metric registration must not collide.
    up = await start(UpModule);
    down = await start(DownModule);
  });

  afterAll(async () => {
    await up?.close();
    await down?.close();
    await db?.drop();
  });

  describe('health', () => {
    it('/health/live is always up, without a token', async () => {
      await request(up.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
      await request(down.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    });

    it('/health/ready pings the database and the transport', async () => {
      const res = await request(up.getHttpServer()).get('/health/ready').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.info).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    });

    it('/health/ready is 503 when the database is unreachable', async () => {
      const res = await request(down.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error).toMatchObject({ database: { status: 'down' } });
    });

    it('includes registered checks, and the transport indicator', async () => {
      const registry = up.get(HealthRegistry);
      const unregister = registry.register('relay', async () => false);
      let res = await request(up.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.error).toMatchObject({ relay: { status: 'down' } });
      unregister();
      registry.register('throws', async () => {
        throw new Error('boom');
      });
      res = await request(up.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.error).toMatchObject({ throws: { status: 'down', message: 'boom' } });
      registry.unregister('throws');
      transport.healthy = false;
      res = await request(up.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.error).toMatchObject({ kafka: { status: 'down' } });
      transport.healthy = true;
      await request(up.getHttpServer()).get('/health/ready').expect(200);
    });
  });

  describe('correlation ids and logs', () => {
    it('echoes an incoming x-correlation-id and exposes it to handlers', async () => {
      const res = await request(up.getHttpServer()).get('/probe/abc').set(CORRELATION_ID_HEADER, 'corr-123').expect(200);
      expect(res.headers[CORRELATION_ID_HEADER]).toBe('corr-123');
      expect(res.body).toEqual({ correlationId: 'corr-123' });
    });

    it('generates a UUID when the header is missing or unacceptable', async () => {
      for (const header of [undefined, 'bad id with spaces\nand newline']) {
        const req = request(up.getHttpServer()).get('/probe/abc');
        if (header) req.set(CORRELATION_ID_HEADER, header.replace('\n', ' '));
        const res = await req.expect(200);
        expect(res.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.body.correlationId).toBe(res.headers[CORRELATION_ID_HEADER]);
      }
      expect(correlationIdFrom({ headers: {}, id: 'x' })).toBe('x');
      expect(correlationIdFrom({ headers: { [CORRELATION_ID_HEADER]: 'y' } })).toBe('y');
    });

    it('writes JSON lines with the service, the correlation id, and no personal data', async () => {
      upLogs.lines.length = 0;
      await request(up.getHttpServer())
        .get(`/probe/${ID}?phone=0912345678`)
        .set(CORRELATION_ID_HEADER, 'corr-logs')
        .set('Authorization', 'Bearer secret.token.value')
        .expect(200);
      // pino writes asynchronously: wait for the request's last line.
      await waitUntil('the request completed log line', () => upLogs.lines.some((line) => line.includes('"request completed"')), 5_000, 10);
      const output = upLogs.lines.join('\n');
      expect(output).not.toContain(ID);
      expect(output).not.toContain('0912345678');
      expect(output).not.toContain('secret.token.value');
      // Request loggers have the id bound; the mixin (for lines outside requests) must not repeat it.
      for (const line of upLogs.lines) expect(line.match(/"correlationId"/g)?.length ?? 0).toBeLessThanOrEqual(1);
      const entries = upLogs.lines.map((line) => JSON.parse(line));
      const handlerLine = entries.find((e) => typeof e.msg === 'string' && e.msg.startsWith('looked up citizen'));
      expect(handlerLine).toMatchObject({ service: 'probe-up', correlationId: 'corr-logs', citizen: { idNumber: '[REDACTED]', phone: '[REDACTED]' } });
      const completed = entries.find((e) => e.msg === 'request completed');
      expect(completed).toMatchObject({ correlationId: 'corr-logs', res: { statusCode: 200 } });
    });
  });

  describe('metrics', () => {
    it('exposes the HTTP histogram by route template, the gauges and default metrics', async () => {
      await request(up.getHttpServer()).get('/probe/42').expect(200);
      await request(up.getHttpServer()).get('/nowhere/at/all').expect(404);
      const res = await request(up.getHttpServer()).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/xaso_http_request_duration_seconds_count\{service="probe-up",method="GET",route="\/probe\/:id",status="200"\} \d+/);
      expect(res.text).toMatch(/xaso_http_request_duration_seconds_count\{service="probe-up",method="GET",route="UNMATCHED",status="404"\} 1/);
      expect(res.text).not.toContain('/probe/42');
      expect(res.text).toContain('xaso_outbox_backlog{service="probe-up"} 7');
      expect(res.text).toMatch(/xaso_consumer_lag\{(?=[^}]*group="g1")(?=[^}]*topic="xaso.dossier.events.v1")(?=[^}]*service="probe-up")[^}]*\} 3/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
    });

    it('keeps one registry per app in the same process', async () => {
      const res = await request(down.getHttpServer()).get('/metrics').expect(200);
      expect(res.text).toContain('service="probe-down"');
      expect(res.text).not.toContain('service="probe-up"');
      expect(res.text).not.toContain('xaso_outbox_backlog');
      expect(up.get(MetricsRegistry)).not.toBe(down.get(MetricsRegistry));
    });

    it('sums collectors registered under one gauge name and rejects conflicting labels', async () => {
      const metrics = down.get(MetricsRegistry);
      metrics.registerGauge('xaso_test_gauge', 'test', () => 2);
      metrics.registerGauge('xaso_test_gauge', 'test', async () => 3);
      metrics.registerGauge('xaso_test_gauge', 'test', () => {
        throw new Error('ignored');
      });
      expect(() => metrics.registerGauge('xaso_test_gauge', 'test', () => 1, ['topic'])).toThrow(/already registered/);
      expect(await metrics.metrics()).toContain('xaso_test_gauge{service="probe-down"} 5');
    });
  });
});
