import { topicFor } from '@xaso/contracts';
import { KafkaTransport } from '@xaso/messaging';
import { Kafka, logLevel } from 'kafkajs';
import type { LoadGenerator } from './load';
import type { ChaosPlatform } from './platform';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const CHAOS_TOPICS = [topicFor('dossier'), topicFor('petition'), topicFor('voting')];
export const CONSUMER_GROUPS = ['chaos-counter', 'evaluation-service'];

export interface Accounting {
  requests: number;
  succeeded: number;
  rejectedWithCode: number;
  gaveUp: number;
  /** Requests whose database state does not match their answer (must be 0). */
  requestMismatches: number;
  committedDossiers: number;
  committedPetitions: number;
  committedTransitions: number;
  /** Outbox rows of dossier, petition and voting (= committed state changes announced). */
  events: number;
  /** Of them poll.* events of voting-service (the chaos poll's poll.opened). */
  pollEvents: number;
  /** Committed state changes (history entries) without exactly one outbox event (must be 0). */
  changesWithoutOneEvent: number;
  /** Messages on the topics (≥ events: a relay killed between send and mark sends again). */
  messagesOnTopics: number;
  resentByRelay: number;
  /** Redeliveries the test consumer's inbox turned into no-ops. */
  duplicatesSuppressed: number;
  lost: number;
  appliedTwice: number;
  orderViolations: number;
  /** evaluation-service's facts vs the rows: dossier.received and dossier.resolved sums. */
  evaluationReceived: { facts: number; rows: number };
  evaluationResolved: { facts: number; rows: number };
  deadLetters: number;
  /** From the end of the load until every outbox row was sent and every group's lag was 0. */
  drainMs: number;
  examples: string[];
}

/** Total consumer lag of the chaos groups on the chaos topics, from the broker's admin API. */
export async function consumerLag(brokers: string[]): Promise<number> {
  const transport = new KafkaTransport({ brokers, clientId: 'chaos-lag', logLevel: logLevel.NOTHING, retry: { retries: 1 } });
  try {
    let sum = 0;
    for (const group of CONSUMER_GROUPS) for (const topic of CHAOS_TOPICS) sum += await transport.lag(group, topic);
    return sum;
  } finally {
    await transport.stop();
  }
}

/** Where the lag is: per group and topic the lagging partitions (committed → high) and the group's state and members. */
export async function describeLag(brokers: string[]): Promise<string> {
  const admin = new Kafka({ clientId: 'chaos-lag-detail', brokers, logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  await admin.connect();
  try {
    const parts: string[] = [];
    const { groups } = await admin.describeGroups(CONSUMER_GROUPS);
    for (const group of groups) {
      const lagging: string[] = [];
      for (const topic of CHAOS_TOPICS) {
        const ends = await admin.fetchTopicOffsets(topic).catch(() => []);
        const [committed] = await admin.fetchOffsets({ groupId: group.groupId, topics: [topic] });
        const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const { partition, high, low } of ends) {
          const from = at.get(partition) ?? -1;
          const position = from < 0 ? Number(low) : from;
          if (Number(high) > position) lagging.push(`${topic}[${partition}] ${from}→${high}`);
        }
      }
      const members = group.members.map((m) => `${m.clientId}/${m.clientHost}`).join(' ');
      parts.push(`${group.groupId} ${group.state} (${group.members.length} members: ${members || '-'}) lagging ${lagging.join(', ') || 'none'}`);
    }
    return parts.join('; ');
  } finally {
    await admin.disconnect();
  }
}

async function messagesOnTopics(brokers: string[]): Promise<number> {
  const admin = new Kafka({ clientId: 'chaos-offsets', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let sum = 0;
    for (const topic of CHAOS_TOPICS) for (const p of await admin.fetchTopicOffsets(topic)) sum += Number(p.high) - Number(p.low);
    return sum;
  } finally {
    await admin.disconnect();
  }
}

export async function outboxBacklog(platform: ChaosPlatform): Promise<number> {
  let sum = 0;
  for (const db of ['dossier', 'petition', 'voting']) sum += await platform.count(db, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL');
  return sum;
}

/** Waits until every outbox row is sent and both consumer groups have no lag; returns the ms it took. */
export async function waitForDrain(platform: ChaosPlatform, timeoutMs: number): Promise<number> {
  const began = Date.now();
  for (;;) {
    const backlog = await outboxBacklog(platform).catch(() => -1);
    const lag = backlog === 0 ? await consumerLag(platform.brokers).catch(() => -1) : -1;
    if (backlog === 0 && lag === 0) return Date.now() - began;
    if (Date.now() - began > timeoutMs) {
      const where = await describeLag(platform.brokers).catch((e: Error) => `lag detail unavailable: ${e.message}`);
      throw new Error(`not drained after ${timeoutMs} ms (outbox backlog ${backlog}, lag ${lag}): ${where}`);
    }
    await sleep(250);
  }
}

/**
 * The end-of-run accounting: every client request against the databases, every committed change
 * against its outbox event, every event against what the test consumer applied (lost, twice,
 * order per aggregate) and against evaluation-service's facts.
 */
export async function verify(platform: ChaosPlatform, load: LoadGenerator, drainTimeoutMs = 300_000): Promise<Accounting> {
  const drainMs = await waitForDrain(platform, drainTimeoutMs);
  const examples: string[] = [];
  const problem = (text: string) => {
    if (examples.length < 20) examples.push(text);
  };

  // 1. Requests: ok ⇔ in the database (once); rejected or given up ⇔ not there.
  const dossierRows = await platform.query<{ request_id: string; code: string; n: string }>(
    'dossier',
    `SELECT form_data->>'requestId' AS request_id, min(code) AS code, count(*)::text AS n FROM dossier GROUP BY 1`,
  );
  const dossiersByRequest = new Map(dossierRows.map((r) => [r.request_id, r]));
  const petitionRows = await platform.query<{ request_id: string; n: string }>(
    'petition',
    `SELECT substring(state::text from 'chaos ([0-9a-f-]{36})') AS request_id, count(*)::text AS n FROM petition GROUP BY 1`,
  );
  const petitionsByRequest = new Map(petitionRows.map((r) => [r.request_id, Number(r.n)]));
  const historyRows = await platform.query<{ code: string; action: string; n: string }>(
    'dossier',
    `SELECT d.code, h.action, count(*)::text AS n FROM dossier_history h JOIN dossier d ON d.id = h.dossier_id GROUP BY 1, 2`,
  );
  const actions = new Map(historyRows.map((r) => [`${r.code}/${r.action}`, Number(r.n)]));
  const okTransitions = new Map<string, number>();
  for (const op of load.ops) {
    if (op.kind === 'start-processing' || op.kind === 'complete') {
      const action = op.kind === 'complete' ? 'COMPLETE' : 'START_PROCESSING';
      if (op.outcome === 'ok') okTransitions.set(`${op.code}/${action}`, (okTransitions.get(`${op.code}/${action}`) ?? 0) + 1);
    }
  }
  let mismatches = 0;
  for (const op of load.ops) {
    const ok = op.outcome === 'ok';
    if (op.kind === 'submit-dossier') {
      const row = dossiersByRequest.get(op.requestId);
      const n = row ? Number(row.n) : 0;
      if (ok ? n !== 1 || row?.code !== op.code : n !== 0) {
        mismatches++;
        problem(`dossier request ${op.requestId}: ${op.outcome}${op.errorCode ? ` ${op.errorCode}` : ''}, ${n} rows`);
      }
    } else if (op.kind === 'submit-petition') {
      const n = petitionsByRequest.get(op.requestId) ?? 0;
      if (ok ? n !== 1 : n !== 0) {
        mismatches++;
        problem(`petition request ${op.requestId}: ${op.outcome}${op.errorCode ? ` ${op.errorCode}` : ''}, ${n} rows`);
      }
    }
  }
  for (const code of new Set(load.ops.filter((o) => o.kind === 'start-processing' || o.kind === 'complete').map((o) => o.code!))) {
    for (const action of ['START_PROCESSING', 'COMPLETE']) {
      const inDb = actions.get(`${code}/${action}`) ?? 0;
      const answeredOk = okTransitions.get(`${code}/${action}`) ?? 0;
      if (inDb !== answeredOk) {
        mismatches++;
        problem(`${code} ${action}: ${answeredOk} ok answers, ${inDb} history rows`);
      }
    }
  }

  // 2. Every committed change (a history entry) has exactly one outbox event.
  let changesWithoutOneEvent = 0;
  const perAggregate = async (db: string, historySql: string) => {
    const history = await platform.query<{ key: string; n: string }>(db, historySql);
    const outbox = await platform.query<{ key: string; n: string }>(db, `SELECT key, count(*)::text AS n FROM outbox GROUP BY key`);
    const events = new Map(outbox.map((r) => [r.key, Number(r.n)]));
    for (const h of history) {
      if (events.get(h.key) !== Number(h.n)) {
        changesWithoutOneEvent++;
        problem(`${db} ${h.key}: ${h.n} changes, ${events.get(h.key) ?? 0} events`);
      }
    }
    return history.reduce((sum, h) => sum + Number(h.n), 0);
  };
  const dossierChanges = await perAggregate('dossier', `SELECT d.code AS key, count(*)::text AS n FROM dossier_history h JOIN dossier d ON d.id = h.dossier_id GROUP BY 1`);
  await perAggregate('petition', `SELECT petition_code AS key, count(*)::text AS n FROM petition_history GROUP BY 1`);

  // 3. Every event applied once by the test consumer, in per-aggregate order.
  // Keys are per source: a petition and a dossier may have the same code (on their own topics).
  const outbox: { id: string; key: string; describe: string }[] = [];
  // voting's events are poll.* (poll.opened of the chaos poll): the consumer keys them by type.
  for (const db of ['dossier', 'petition', 'voting']) {
    outbox.push(
      ...(await platform.query<{ id: string; key: string; describe: string }>(
        db,
        `SELECT envelope->>'id' AS id, replace(envelope->>'source', 'voting', 'poll') || '/' || key AS key, concat_ws(' ', envelope->>'type', 'seq', seq, 'created', to_char(created_at, 'HH24:MI:SS.MS'), 'sent', to_char(sent_at, 'HH24:MI:SS.MS')) AS describe FROM outbox ORDER BY seq`,
      )),
    );
  }
  const seen = await platform.query<{ event_id: string; aggregate_id: string; describe: string }>(
    'counter',
    `SELECT event_id, split_part(type, '.', 1) || '/' || aggregate_id AS aggregate_id, concat_ws(' ', type, 'n', n, 'at', to_char(seen_at, 'HH24:MI:SS.MS')) AS describe FROM chaos_seen ORDER BY n`,
  );
  const seenCount = new Map<string, number>();
  for (const s of seen) seenCount.set(s.event_id, (seenCount.get(s.event_id) ?? 0) + 1);
  const lost = outbox.filter((e) => !seenCount.has(e.id));
  const appliedTwice = [...seenCount.values()].filter((n) => n > 1).length;
  for (const e of lost.slice(0, 5)) problem(`event ${e.id} of ${e.key} never applied`);
  const byKey = (rows: { id: string; key: string }[]) => {
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.key, [...(map.get(r.key) ?? []), r.id]);
    return map;
  };
  const expectedOrder = byKey(outbox);
  const seenOrder = byKey(seen.map((s) => ({ id: s.event_id, key: s.aggregate_id })));
  let orderViolations = 0;
  for (const [key, ids] of expectedOrder) {
    const got = (seenOrder.get(key) ?? []).filter((id, i, all) => all.indexOf(id) === i);
    if (got.length === ids.length && got.some((id, i) => id !== ids[i])) {
      orderViolations++;
      if (orderViolations <= 3) {
        const how = (id: string) => `${id.slice(0, 13)} ${outbox.find((e) => e.id === id)?.describe} / applied ${seen.find((e) => e.event_id === id)?.describe}`;
        problem(`order of ${key}: applied ${got.map(how).join('; ')} — outbox order ${ids.map((id) => id.slice(0, 13)).join(', ')}`);
      }
    }
  }

  // 4. evaluation-service's facts: one per received / resolved dossier.
  const fact = (metric: string) => platform.count('evaluation', `SELECT coalesce(sum(value), 0) FROM daily_fact WHERE metric = $1`, [metric]);
  const evaluationReceived = { facts: await fact('dossier.received'), rows: await platform.count('dossier', 'SELECT count(*) FROM dossier') };
  const evaluationResolved = { facts: await fact('dossier.resolved'), rows: await platform.count('dossier', `SELECT count(*) FROM dossier_history WHERE action = 'COMPLETE'`) };
  if (evaluationReceived.facts !== evaluationReceived.rows) problem(`evaluation dossier.received ${evaluationReceived.facts} ≠ ${evaluationReceived.rows} dossiers`);
  if (evaluationResolved.facts !== evaluationResolved.rows) problem(`evaluation dossier.resolved ${evaluationResolved.facts} ≠ ${evaluationResolved.rows} completions`);

  const messages = await messagesOnTopics(platform.brokers);
  const deadLetters = (await platform.count('counter', 'SELECT count(*) FROM dead_letter')) + (await platform.count('evaluation', 'SELECT count(*) FROM dead_letter'));
  const summary = load.summary();
  return {
    requests: summary.requests,
    succeeded: summary.ok,
    rejectedWithCode: summary.rejected,
    gaveUp: summary.gaveUp,
    requestMismatches: mismatches,
    committedDossiers: dossierRows.filter((r) => r.request_id).length,
    committedPetitions: petitionRows.filter((r) => r.request_id).length,
    committedTransitions: dossierChanges - dossierRows.length,
    events: outbox.length,
    pollEvents: outbox.filter((e) => e.key.startsWith('poll/')).length,
    changesWithoutOneEvent,
    messagesOnTopics: messages,
    resentByRelay: messages - outbox.length,
    duplicatesSuppressed: await platform.count('counter', 'SELECT count(*) FROM chaos_duplicate'),
    lost: lost.length,
    appliedTwice,
    orderViolations,
    evaluationReceived,
    evaluationResolved,
    deadLetters,
    drainMs,
    examples,
  };
}
