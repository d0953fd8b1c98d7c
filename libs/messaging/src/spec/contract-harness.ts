/**
 * The messaging contract's harness: one test database with the outbox/inbox tables and a
 * `side_effect` table, one transport, and per test a fresh service (so a fresh topic), group,
 * registry and clean tables; relays and consumers started by a test are stopped after it.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineEvent, EventRegistry, type EventEnvelope } from '@xaso/contracts';
import { openServiceDataSource } from '@xaso/persistence';
import { createTestDatabase, waitUntil } from '@xaso/testing';
import {
  EventConsumer,
  messagingEntities,
  messagingMigrations,
  Outbox,
  OutboxRelay,
  type EventConsumerOptions,
  type EventTransport,
} from '../index';

export const waitFor = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => waitUntil(what, check, timeoutMs);

export const counted = z.object({ n: z.number().int() });
/** The type drafts are written against; each fixture registers `test.counted` under its own source. */
export const countedDefinition = defineEvent({ type: 'test.counted', version: 1, source: 'test', schema: counted });

/** Registers the suite's hooks; call inside a `describe`. */
export function useContractHarness(name: string, makeTransport: () => EventTransport) {
  const run = randomBytes(4).toString('hex');
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let transport: EventTransport;
  const cleanups: (() => Promise<unknown>)[] = [];
  let testNo = 0;

  beforeAll(async () => {
    db = await createTestDatabase(`messaging_${name.replace(/\W/g, '_')}`);
    dataSource = await openServiceDataSource({ url: db.url, entities: messagingEntities, migrations: messagingMigrations, poolSize: 20 });
    await dataSource.query(
      `CREATE TABLE side_effect (id bigserial PRIMARY KEY, consumer_group text NOT NULL, event_id uuid NOT NULL, aggregate_id text NOT NULL, n int NOT NULL)`,
    );
    transport = makeTransport();
    await transport.start();
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });

  afterAll(async () => {
    await transport?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A fresh service name (so a fresh topic), its event type and registry, a clean outbox. */
  async function fixture() {
    testNo += 1;
    const service = `t${run}-${testNo}`;
    const event = defineEvent({ type: 'test.counted', version: 1, source: service, schema: counted });
    const registry = new EventRegistry([event]);
    const outbox = new Outbox({ dataSource, service, registry });
    await dataSource.query('TRUNCATE outbox, inbox, dead_letter, side_effect');
    const group = `g${run}-${testNo}`;
    return { service, event, registry, outbox, group, topic: outbox.topic };
  }

  function relay(outbox: Outbox, extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) {
    const r = new OutboxRelay({ dataSource, transport, outbox, pollIntervalMs: 50, backoff: { initialMs: 50, maxMs: 500 }, ...extra });
    cleanups.push(() => r.stop());
    return r;
  }

  function consumer(
    f: { registry: EventRegistry; group: string },
    extra: Partial<EventConsumerOptions> = {},
    handler?: (event: EventEnvelope<{ n: number }>) => void | Promise<void>,
  ) {
    const c = new EventConsumer({
      dataSource,
      transport,
      group: f.group,
      registry: f.registry,
      retry: { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 50 },
      ...extra,
    });
    c.on<{ n: number }>('test.counted', async (event, { manager }) => {
      await handler?.(event);
      await manager.query(`INSERT INTO side_effect (consumer_group, event_id, aggregate_id, n) VALUES ($1, $2, $3, $4)`, [
        f.group,
        event.id,
        event.aggregateId,
        event.payload.n,
      ]);
    });
    cleanups.push(() => c.stop());
    return c;
  }

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await dataSource.query(`SELECT count(*)::int AS c FROM (${sql}) q`, params))[0].c);

  const newEvent = (aggregateId: string, n: number) => ({ definition: countedDefinition, aggregateType: 'Counter', aggregateId, payload: { n } });

  return {
    get dataSource(): DataSource {
      return dataSource;
    },
    get transport(): EventTransport {
      return transport;
    },
    cleanups,
    fixture,
    relay,
    consumer,
    count,
    newEvent,
  };
}

export type ContractHarness = ReturnType<typeof useContractHarness>;
