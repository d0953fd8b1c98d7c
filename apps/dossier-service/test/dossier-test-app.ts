/**
 * Test harness for dossier-service integration tests: the real app on a fresh PostgreSQL
 * database, Kafka from KAFKA_BROKERS (outbox relay), a ManualClock, dev tokens, a kafkajs
 * consumer of `xaso.dossier.events.v1`, and a GraphQL helper over supertest.
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import request from 'supertest';
import { type DevTokenClaims, issueDevToken, Role } from '@xaso/auth';
import { createTestDatabase, realAdminUnits, waitUntil } from '@xaso/testing';
import { KafkaTransport, type EventTransport } from '@xaso/messaging';
import { createDossierApp, DeadlineScheduler, ManualClock, UnitReplica } from '../src/bootstrap';
import type { DossierServiceOptions } from '../src/common/tokens';

export const TEST_SECRET = 'dossier-service-test-secret-0123456789abcdef';
/** A province code no real unit has (real ones are 01 … 96). */
export const TEST_PROVINCE = '99';

export interface SeenEvent {
  type: string;
  aggregateId: string;
  unitCode: string | null;
  payload: Record<string, unknown>;
  raw: string;
}

export interface DossierTestApp {
  app: INestApplication;
  clock: ManualClock;
  scheduler: DeadlineScheduler;
  units: UnitReplica;
  /**
   * Fresh random 5-digit unit codes for this file (so events of other test files never match), never
   * a real unit's code; both are communes of the test province `TEST_PROVINCE` in the app's replica.
   */
  unitA: string;
  unitB: string;
  events: SeenEvent[];
  token(claims: DevTokenClaims): Promise<string>;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  waitForEvents(predicate: (events: SeenEvent[]) => boolean, timeoutMs?: number): Promise<SeenEvent[]>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

const randomUnit = () => String(10000 + (randomBytes(3).readUIntBE(0, 3) % 89999)).padStart(5, '0');

export async function startDossierTestApp(
  prefix: string,
  options: {
    start?: Date | string;
    hooks?: DossierServiceOptions['hooks'];
    consumeEvents?: boolean;
    /** Explicit event transport (e.g. an `InProcessTransport` for tests that need no Kafka); default from KAFKA_BROKERS. */
    transport?: EventTransport;
    /**
     * The app's consumer group. Default: one of its own per harness app, so parallel test files do
     * not join (and rebalance) one shared `dossier-service` group on the mock cluster.
     */
    consumerGroup?: string;
    /** The PostgreSQL server to create the test database on (default TEST_DATABASE_URL), e.g. a throw-away embedded one. */
    databaseServerUrl?: string;
    /** Health endpoints and metrics (`/health/ready`); default off. */
    observability?: boolean;
  } = {},
): Promise<DossierTestApp> {
  const database = await createTestDatabase(prefix, options.databaseServerUrl);
  const clock = new ManualClock(new Date(options.start ?? '2026-03-02T02:00:00Z'));
  const app = await createDossierApp({
    databaseUrl: database.url,
    logger: false,
    observability: options.observability ?? false,
    clock,
    schedulerIntervalMs: 0,
    hooks: options.hooks,
    transport: options.transport,
    consumerGroup: options.consumerGroup ?? `dossier-service-test-${prefix}-${randomBytes(4).toString('hex')}`,
    auth: { config: { devSecret: TEST_SECRET } },
  });
  const realCodes = new Set(realAdminUnits().map((u) => u.code));
  const freshUnit = (taken: string[]) => {
    let code = randomUnit();
    while (realCodes.has(code) || taken.includes(code)) code = randomUnit();
    return code;
  };
  const unitA = freshUnit([]);
  const unitB = freshUnit([unitA]);
  // Every unit a dossier names must be a unit on its date: the two test communes, in one test province.
  const units = app.get(UnitReplica);
  const since = '1900-01-01';
  await units.upsert([
    { code: TEST_PROVINCE, validFrom: since, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE', type: 'Tỉnh' },
    ...[unitA, unitB].map((code) => ({
      code, validFrom: since, name: `Xã Thử ${code}`, level: 'COMMUNE', type: 'Xã', parentCode: TEST_PROVINCE, parentValidFrom: since,
    })),
  ]);

  const events: SeenEvent[] = [];
  let consumer: Consumer | undefined;
  if (options.consumeEvents !== false && process.env.KAFKA_BROKERS) {
    const brokers = process.env.KAFKA_BROKERS.split(',');
    // The topic may not exist yet on a real broker (no auto-create race): create it as the service would.
    const topics = new KafkaTransport({ brokers, clientId: `test-${prefix}-topics`, logLevel: logLevel.NOTHING });
    await topics.ensureTopics(['xaso.dossier.events.v1']).finally(() => topics.stop());
    const kafka = new Kafka({ clientId: `test-${prefix}`, brokers, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `test-${prefix}-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: 'xaso.dossier.events.v1', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const raw = message.value?.toString() ?? '';
        const envelope = JSON.parse(raw) as SeenEvent;
        const payload = envelope.payload as { receivingUnitCode?: string; processingUnitCode?: string };
        if ([unitA, unitB].includes(payload.receivingUnitCode ?? '') || [unitA, unitB].includes(payload.processingUnitCode ?? '')) {
          events.push({ type: envelope.type, aggregateId: envelope.aggregateId, unitCode: envelope.unitCode, payload: envelope.payload, raw });
        }
      },
    });
  }

  const server = app.getHttpServer();
  return {
    app,
    clock,
    scheduler: app.get(DeadlineScheduler),
    units,
    unitA,
    unitB,
    events,
    token: (claims) => issueDevToken(claims, TEST_SECRET),
    async gql<T>(token: string | null, query: string, variables?: Record<string, unknown>) {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      if (res.status >= 500) throw new Error(`GraphQL HTTP ${res.status}: ${res.text}`);
      return res.body as GqlResult<T>;
    },
    async waitForEvents(predicate, timeoutMs = 20_000) {
      await waitUntil('the events', async () => predicate(events), timeoutMs).catch(() => {
        throw new Error(`events not seen in time; got ${events.map((e) => `${e.type}@${e.aggregateId}`).join(', ')}`);
      });
      return events;
    },
    async close() {
      await consumer?.disconnect().catch(() => undefined);
      await app.close();
      await database.drop();
    },
  };
}

export const citizen = (sub: string, idNumber: string): DevTokenClaims => ({ role: Role.CITIZEN, sub, idNumber, name: 'Công dân' });
export const officer = (unitCode: string, sub = `officer-${unitCode}`): DevTokenClaims => ({ role: Role.OFFICER, sub, unitCode });

export const DOSSIER_FIELDS = `
  code status channel receivingUnitCode competentUnitCode processingUnitCode
  receivedAt dueAt originalDueAt completedAt returnedAt overdue paused version
  procedure { code name processingDays }
  applicant { fullName idNumber phone }
  apology { reason newDueAt issuedAt }
  supplementRequests { reason items requestedAt providedAt }
  attachments { name mediaType size sha256 }
  history { action fromStatus toStatus actorRole actorUnit note at }
`;

export const SUBMIT = `mutation Submit($input: SubmitDossierInput!) { submitDossier(input: $input) { ${DOSSIER_FIELDS} } }`;

export { submitInput } from './dossier-factory';
