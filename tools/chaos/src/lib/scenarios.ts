import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defineEvent, EventRegistry, topicFor } from '@xaso/contracts';
import { EventConsumer, KafkaTransport, messagingEntities, messagingMigrations } from '@xaso/messaging';
import { openServiceDataSource } from '@xaso/persistence';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ChaosPoll } from './ballots';
import { LoadGenerator } from './load';
import { CHAOS_UNIT, type ChaosPlatform } from './platform';
import { REPO_ROOT, type ServiceProcess } from './processes';
import { consumerLag, describeLag, outboxBacklog } from './verify';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number> {
  const began = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - began > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - began;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

export function newLoad(platform: ChaosPlatform, ratePerSecond: number, ballots?: ChaosPoll): LoadGenerator {
  return new LoadGenerator({ gatewayUrl: platform.gateway.url, officerToken: platform.officerToken, unitCode: CHAOS_UNIT, ratePerSecond, maxInFlight: 24, ballots });
}

/** `xaso_outbox_backlog{service="…"}` from a service's /metrics (undefined when it does not answer). */
export async function scrapeBacklog(service: ServiceProcess): Promise<number | undefined> {
  const text = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(5_000) })
    .then((r) => r.text())
    .catch(() => undefined);
  const match = text && /^xaso_outbox_backlog\{[^}]*\}\s+(\d+(?:\.\d+)?)/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

async function readiness(service: ServiceProcess): Promise<{ status: number; details: Record<string, { status: string; message?: string }> }> {
  const response = await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(3_000) });
  const body = (await response.json().catch(() => ({}))) as { details?: Record<string, { status: string; message?: string }> };
  return { status: response.status, details: body.details ?? {} };
}

// ---------------------------------------------------------------------------------------------

export interface SigkillResult {
  kills: number;
  killsByProcess: Record<string, number>;
  /** Kills that hit a process still starting (loading, migrating, joining its consumer group). */
  killedWhileStarting: number;
  /** Spawn → answering, for the restarts that were not killed again first. */
  restartMs: { n: number; median: number; p95: number; max: number };
  durationMs: number;
}

/**
 * Item 1: under load, every ~`intervalMs` one random process (a service with its relay and
 * consumer, or the test consumer) gets SIGKILL, at whatever it is doing, starting included, and
 * is started again at once. At the end every process is brought back and answering.
 */
export async function sigkillRounds(platform: ChaosPlatform, load: LoadGenerator, options: { kills: number; intervalMs: number; log: (line: string) => void }): Promise<SigkillResult> {
  const victims = ['dossier', 'petition', 'evaluation', 'voting', 'counter'].map((name) => platform.processes[name]);
  const restartMs: number[] = [];
  const killsByProcess: Record<string, number> = {};
  const starting = new Map<ServiceProcess, Promise<void>>();
  let killedWhileStarting = 0;
  const restart = (victim: ServiceProcess) => {
    const started = victim.start().then(
      (ms) => void restartMs.push(ms),
      () => undefined, // killed again while starting: the next restart is already under way
    );
    const tracked = started.finally(() => {
      if (starting.get(victim) === tracked) starting.delete(victim);
    });
    starting.set(victim, tracked);
  };
  const began = Date.now();
  load.start();
  let kills = 0;
  while (kills < options.kills) {
    await sleep(options.intervalMs * (0.5 + Math.random()));
    const alive = victims.filter((p) => p.running);
    if (!alive.length) continue;
    const victim = alive[Math.floor(Math.random() * alive.length)];
    if (starting.has(victim)) killedWhileStarting++;
    await victim.kill();
    kills++;
    killsByProcess[victim.name] = (killsByProcess[victim.name] ?? 0) + 1;
    if (kills % 10 === 0) options.log(`  ${kills}/${options.kills} kills (${killedWhileStarting} while starting; ${load.ops.length} requests so far)`);
    restart(victim);
  }
  while (starting.size) await Promise.all([...starting.values()]);
  for (const victim of victims) if (!victim.running) await victim.start();
  await load.stop();
  return { kills, killsByProcess, killedWhileStarting, restartMs: stats(restartMs), durationMs: Date.now() - began };
}

// ---------------------------------------------------------------------------------------------

export interface KafkaAwayResult {
  downMs: number;
  committedWhileDown: number;
  backlogBefore: number;
  /** Peak of the metric scraped from dossier-service's /metrics while the broker was away. */
  backlogPeak: number;
  /** Peak of the unsent outbox rows of dossier and petition, read from their databases. */
  backlogPeakInDatabase: number;
  /** Metric scrapes that did not answer while the broker was away. */
  failedScrapes: number;
  readinessWhileDown: string;
  servedWhileDown: boolean;
  brokerRestartMs: number;
  /** Broker answering again → every outbox row sent. */
  backlogDrainMs: number;
  /** Broker answering again → both consumer groups at lag 0. */
  lagZeroMs: number;
}

/** Item 2: the broker stopped for `downMs` under load; writes commit, the outbox grows, then drains. */
export async function kafkaAway(platform: ChaosPlatform, load: LoadGenerator, options: { downMs: number; log: (line: string) => void }): Promise<KafkaAwayResult> {
  const dossier = platform.processes.dossier;
  load.start();
  await sleep(2_000);
  const backlogBefore = (await scrapeBacklog(dossier)) ?? -1;
  await platform.kafka.halt();
  const downAt = Date.now();
  const okBefore = load.successes.length;
  let backlogPeak = 0;
  let backlogPeakInDatabase = 0;
  let failedScrapes = 0;
  let readinessWhileDown = 'not seen';
  while (Date.now() - downAt < options.downMs) {
    await sleep(1_000);
    const scraped = await scrapeBacklog(dossier);
    if (scraped === undefined) failedScrapes++;
    backlogPeak = Math.max(backlogPeak, scraped ?? 0);
    backlogPeakInDatabase = Math.max(backlogPeakInDatabase, await outboxBacklog(platform).catch(() => 0));
    const ready = await readiness(dossier).catch(() => undefined);
    if (ready && ready.details.transport?.status === 'down') readinessWhileDown = `HTTP ${ready.status}, transport down`;
  }
  const committedWhileDown = load.successes.filter((s) => s.at >= downAt).length;
  options.log(`  broker away ${Date.now() - downAt} ms: ${committedWhileDown} requests committed meanwhile, dossier outbox backlog peak ${backlogPeak}`);
  const resumeAt = Date.now();
  await platform.kafka.resume();
  const back = Date.now();
  await sleep(2_000);
  await load.stop();
  await waitFor('the outbox backlog to drain', async () => (await outboxBacklog(platform)) === 0, 300_000, 200);
  const backlogDrainMs = Date.now() - back;
  let lastReport = Date.now();
  await waitFor(
    'consumer lag 0',
    async () => {
      if ((await consumerLag(platform.brokers)) === 0) return true;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        options.log(`  ${((lastReport - back) / 1000).toFixed(0)} s after the broker returned: ${await describeLag(platform.brokers).catch((e: Error) => e.message)}`);
      }
      return false;
    },
    300_000,
    250,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}: ${await describeLag(platform.brokers).catch((e: Error) => e.message)}`);
  });
  const lagZeroMs = Date.now() - back;
  return {
    downMs: resumeAt - downAt,
    committedWhileDown,
    backlogBefore,
    backlogPeak,
    backlogPeakInDatabase,
    failedScrapes,
    readinessWhileDown,
    servedWhileDown: committedWhileDown > 0 && load.successes.length > okBefore,
    brokerRestartMs: back - resumeAt,
    backlogDrainMs,
    lagZeroMs,
  };
}

// ---------------------------------------------------------------------------------------------

export interface PostgresAwayResult {
  downMs: number;
  answersWhileDown: Record<string, number>;
  uncoded5xx: number;
  unavailableWithoutRetryAfter: number;
  readinessWhileDown: string;
  serverRestartMs: number;
  /** Server accepting again → first successful request of each kind through the gateway. */
  firstSuccessMs: Record<string, number>;
  processRestarts: number;
}

/** Item 3: the PostgreSQL server stopped and started again under load; coded answers, pools reconnect. */
export async function postgresAway(platform: ChaosPlatform, load: LoadGenerator, options: { downMs: number; log: (line: string) => void }): Promise<PostgresAwayResult> {
  const starts = () => Object.values(platform.processes).reduce((sum, p) => sum + p.starts, 0);
  const startsBefore = starts();
  const uncodedBefore = load.stats.uncoded5xx;
  const noRetryAfterBefore = load.stats.unavailableWithoutRetryAfter;
  load.start();
  await sleep(2_000);
  const stopAt = Date.now();
  await platform.stopPostgres();
  const downAt = Date.now();
  let readinessWhileDown = 'not seen';
  while (Date.now() - downAt < options.downMs) {
    await sleep(500);
    const ready = await readiness(platform.processes.dossier).catch(() => undefined);
    if (ready && ready.details.database?.status === 'down') readinessWhileDown = `HTTP ${ready.status}, database down`;
  }
  const restartAt = Date.now();
  await platform.startPostgres();
  const accepting = Date.now();
  const firstSuccessMs: Record<string, number> = {};
  await waitFor(
    'a success of each kind after the restart',
    async () => {
      for (const kind of ['submit-dossier', 'submit-petition'] as const) {
        const first = load.successes.find((s) => s.kind === kind && s.at >= accepting);
        if (first) firstSuccessMs[kind] = first.at - accepting;
      }
      return Object.keys(firstSuccessMs).length === 2;
    },
    120_000,
  );
  await sleep(2_000);
  await load.stop();
  const answersWhileDown: Record<string, number> = {};
  for (const a of load.answers) {
    if (a.at < stopAt || a.at > accepting) continue;
    const label = a.status === 0 ? 'no answer' : `${a.status}${a.code ? ` ${a.code}` : ''}`;
    answersWhileDown[label] = (answersWhileDown[label] ?? 0) + 1;
  }
  options.log(`  PostgreSQL away ${accepting - stopAt} ms; answers meanwhile ${JSON.stringify(answersWhileDown)}`);
  return {
    downMs: accepting - stopAt,
    answersWhileDown,
    uncoded5xx: load.stats.uncoded5xx - uncodedBefore,
    unavailableWithoutRetryAfter: load.stats.unavailableWithoutRetryAfter - noRetryAfterBefore,
    readinessWhileDown,
    serverRestartMs: accepting - restartAt,
    firstSuccessMs,
    processRestarts: starts() - startsBefore,
  };
}

// ---------------------------------------------------------------------------------------------

export interface SubgraphAwayResult {
  partialAnswer: boolean;
  missingFieldCode: string | undefined;
  restStatus: number;
  restCode: string | undefined;
  restRetryAfter: string | null;
  readinessNamesIt: boolean;
  /** The gateway's readiness checks while dossier was away. */
  readinessWhileAway: string;
  serviceRestartMs: number;
  /** Service answering again → first full answer through the gateway. */
  gatewayRecoveryMs: number;
}

/** Item 4: dossier-service killed; the gateway answers petition's fields and a coded error for dossier's. */
export async function subgraphAway(platform: ChaosPlatform, petitionCode: string): Promise<SubgraphAwayResult> {
  const dossier = platform.processes.dossier;
  const query = `{ dossier(code: "NO-SUCH-DOSSIER") { code } petition(code: "${petitionCode}") { code } }`;
  const gql = async () => {
    const response = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.officerToken}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: { petition?: { code: string } | null } | null; errors?: { extensions?: { code?: string } }[] };
  };
  await dossier.kill();
  const away = await gql();
  const rest = await fetch(`${platform.gateway.url}/api/v1/dossiers/NO-SUCH-DOSSIER`, { headers: { authorization: `Bearer ${platform.officerToken}` } });
  const restBody = (await rest.json().catch(() => ({}))) as { code?: string };
  const ready = await fetch(`${platform.gateway.url}/health/ready`).then((r) => r.json() as Promise<{ details?: Record<string, { status: string }> }>);
  const readyStatus = await fetch(`${platform.gateway.url}/health/ready`).then((r) => r.status);
  const serviceRestartMs = await dossier.start();
  const back = Date.now();
  await waitFor('the gateway to answer dossier again', async () => !(await gql()).errors, 60_000);
  return {
    partialAnswer: away.data?.petition?.code === petitionCode,
    missingFieldCode: away.errors?.[0]?.extensions?.code,
    restStatus: rest.status,
    restCode: restBody.code,
    restRetryAfter: rest.headers.get('retry-after'),
    readinessNamesIt: readyStatus === 503 && ready.details?.['subgraph:dossier']?.status === 'down',
    readinessWhileAway: Object.entries(ready.details ?? {}).map(([name, d]) => `${name} ${d.status}${d.status === 'up' ? '' : ` (${(d as { message?: string }).message ?? ''})`}`).join(', '),
    serviceRestartMs,
    gatewayRecoveryMs: Date.now() - back,
  };
}

// ---------------------------------------------------------------------------------------------

const poisonEvent = defineEvent({ type: 'chaos.poisoned', version: 1, source: 'chaos', schema: z.object({ n: z.number().int() }) });
const healthyEvent = defineEvent({ type: 'chaos.healthy', version: 1, source: 'chaos', schema: z.object({ n: z.number().int() }) });

export interface PoisonResult {
  poisoned: number;
  healthy: number;
  /** Published → every healthy event applied (while the poisoned ones fail). */
  healthyAppliedMs: number;
  /** Published → every poisoned event in the dead-letter table. */
  deadLetteredMs: number;
  deadLetters: number;
  dltMessages: number;
  replayMs: number;
  appliedAfterReplay: number;
  appliedTwice: number;
}

/**
 * Item 5: a handler that fails for one event type, `count` of them in a row among as many healthy
 * ones: each poisoned event goes to the DLT after its tries, the healthy ones keep flowing; after
 * the fix, `npm run replay-dead-letters` (the CLI, as an operator runs it) applies each once.
 */
export async function poisonStorm(platform: ChaosPlatform, options: { count: number }): Promise<PoisonResult> {
  const group = 'chaos-poison';
  const dataSource = await openServiceDataSource({
    url: platform.databases.poison,
    entities: messagingEntities,
    migrations: messagingMigrations,
    applicationName: 'chaos-poison',
  });
  await dataSource.query('CREATE TABLE IF NOT EXISTS poison_applied (event_id uuid NOT NULL, type text NOT NULL)');
  const transport = new KafkaTransport({ brokers: platform.brokers, clientId: 'chaos-poison' });
  const registry = new EventRegistry([poisonEvent, healthyEvent]);
  let fixed = false;
  const consumer = new EventConsumer({ dataSource, transport, group, registry, retry: { attempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 } });
  const record = async (event: { id: string; type: string }, manager: { query(sql: string, params: unknown[]): Promise<unknown> }) =>
    manager.query('INSERT INTO poison_applied (event_id, type) VALUES ($1, $2)', [event.id, event.type]);
  consumer.on(poisonEvent, async (event, { manager }) => {
    if (!fixed) throw new Error('poisoned: this handler cannot apply chaos.poisoned yet');
    await record(event, manager);
  });
  consumer.on(healthyEvent, async (event, { manager }) => {
    await record(event, manager);
  });
  try {
    await consumer.start();
    const envelope = (definition: typeof poisonEvent | typeof healthyEvent, n: number) =>
      registry.assertValid({
        id: uuidv7(), type: definition.type, version: 1, occurredAt: new Date().toISOString(), source: 'chaos',
        aggregateType: 'ChaosThing', aggregateId: `thing-${n % 40}`, unitCode: null, correlationId: uuidv7(), causationId: null, payload: { n },
      });
    const messages = [];
    for (let n = 0; n < options.count; n++) {
      for (const definition of [poisonEvent, healthyEvent]) {
        const e = envelope(definition, n);
        messages.push({ key: e.aggregateId, value: JSON.stringify(e), headers: { type: e.type, version: '1' } });
      }
    }
    const published = Date.now();
    for (let i = 0; i < messages.length; i += 500) await transport.send(topicFor('chaos'), messages.slice(i, i + 500));
    const count = (type: string) => dataSource.query(`SELECT count(*)::int AS n FROM poison_applied WHERE type = $1`, [type]).then((r: { n: number }[]) => r[0].n);
    const healthyAppliedMs = await waitFor('the healthy events', async () => (await count(healthyEvent.type)) === options.count, 300_000, 100).then(() => Date.now() - published);
    const deadLetterCount = () => dataSource.query(`SELECT count(*)::int AS n FROM dead_letter WHERE consumer_group = $1`, [group]).then((r: { n: number }[]) => r[0].n);
    await waitFor('the dead letters', async () => (await deadLetterCount()) === options.count, 300_000, 100);
    const deadLetteredMs = Date.now() - published;
    const dltReader = new KafkaTransport({ brokers: platform.brokers, clientId: 'chaos-dlt' });
    // A group that never read the DLT lags by exactly the messages on it.
    const dltMessages = await dltReader.lag('chaos-dlt-reader', `${topicFor('chaos')}.${group}.dlt`).finally(() => dltReader.stop());

    fixed = true;
    const replayStarted = Date.now();
    await runReplayCli(platform, group);
    await waitFor('the replayed events', async () => (await count(poisonEvent.type)) === options.count, 300_000, 100);
    const replayMs = Date.now() - replayStarted;
    await runReplayCli(platform, group); // a second replay finds nothing left to replay
    await sleep(2_000);
    const twice: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM (SELECT event_id FROM poison_applied GROUP BY 1 HAVING count(*) > 1) t`);
    return {
      poisoned: options.count,
      healthy: options.count,
      healthyAppliedMs,
      deadLetteredMs,
      deadLetters: await deadLetterCount(),
      dltMessages,
      replayMs,
      appliedAfterReplay: await count(poisonEvent.type),
      appliedTwice: twice[0].n,
    };
  } finally {
    await consumer.stop();
    await transport.stop();
    await dataSource.destroy();
  }
}

function runReplayCli(platform: ChaosPlatform, group: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(REPO_ROOT, 'libs/messaging/src/cli/replay-dead-letters.ts'), '--database-url', platform.databases.poison, '--group', group],
      { cwd: REPO_ROOT, env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'), KAFKA_BROKERS: platform.brokers.join(',') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`replay-dead-letters exited ${code}: ${output.slice(-1_000)}`))));
  });
}
