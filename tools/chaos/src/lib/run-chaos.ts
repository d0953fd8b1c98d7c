import { type BallotAccounting, openChaosPoll, verifyBallots } from './ballots';
import { ChaosPlatform } from './platform';
import {
  kafkaAway,
  type KafkaAwayResult,
  newLoad,
  poisonStorm,
  type PoisonResult,
  postgresAway,
  type PostgresAwayResult,
  sigkillRounds,
  type SigkillResult,
  subgraphAway,
  type SubgraphAwayResult,
} from './scenarios';
import { type Accounting, verify } from './verify';

export interface ChaosSettings {
  /** SIGKILLs in the rounds (full 100). */
  kills: number;
  /** Mean pause between kills (ms). */
  killIntervalMs: number;
  /** New client requests per second. */
  ratePerSecond: number;
  /** How long the broker is away (full 60 s). */
  kafkaDownMs: number;
  /** How long the PostgreSQL server stays stopped before it is started again. */
  postgresDownMs: number;
  /** Poisoned events in a row (full 1,000). */
  poisonCount: number;
  /** Citizens on the roll of the chaos poll (one ballot request each, until used up). */
  rollSize: number;
}

export const FULL_SETTINGS: ChaosSettings = { kills: 100, killIntervalMs: 4_000, ratePerSecond: 8, kafkaDownMs: 60_000, postgresDownMs: 5_000, poisonCount: 1_000, rollSize: 600 };
export const SHORT_SETTINGS: ChaosSettings = { kills: 10, killIntervalMs: 2_000, ratePerSecond: 6, kafkaDownMs: 10_000, postgresDownMs: 3_000, poisonCount: 100, rollSize: 300 };

export interface ChaosReport {
  settings: ChaosSettings;
  startedAt: string;
  durationMs: number;
  platformStartMs: number;
  sigkill: SigkillResult;
  kafkaAway: KafkaAwayResult;
  postgresAway: PostgresAwayResult;
  subgraphAway: SubgraphAwayResult;
  accounting: Accounting;
  ballots: BallotAccounting;
  poison: PoisonResult;
  /** Client answers over the whole run. */
  answers: { attempts: number; byStatus: Record<string, number>; byCode: Record<string, number>; uncoded5xx: number; unavailableWithoutRetryAfter: number; networkErrors: number; internalErrors: number };
}

/** Runs the five rounds on one private platform and returns what was measured. */
export async function runChaos(settings: ChaosSettings, log: (line: string) => void = () => undefined): Promise<ChaosReport> {
  const startedAt = new Date();
  const began = Date.now();
  log('starting PostgreSQL, Kafka, services, test consumer and gateway (all local, free ports)');
  const platform = await ChaosPlatform.start(log);
  const platformStartMs = Date.now() - began;
  try {
    const poll = await openChaosPoll(platform, settings.rollSize);
    log(`poll ${poll.pollId} opened with a roll of ${settings.rollSize} citizens (one ballot request each in the load)`);
    const load = newLoad(platform, settings.ratePerSecond, poll);
    log(`1. SIGKILL rounds: ${settings.kills} kills, one every ~${settings.killIntervalMs} ms, ${settings.ratePerSecond} requests/s`);
    const sigkill = await sigkillRounds(platform, load, { kills: settings.kills, intervalMs: settings.killIntervalMs, log });
    log(`2. Kafka away for ${settings.kafkaDownMs} ms under load`);
    const kafka = await kafkaAway(platform, load, { downMs: settings.kafkaDownMs, log });
    log(`3. PostgreSQL stopped for ${settings.postgresDownMs} ms under load`);
    const postgres = await postgresAway(platform, load, { downMs: settings.postgresDownMs, log });
    log('4. a subgraph away (dossier-service killed)');
    const petitionCode = load.ops.find((o) => o.kind === 'submit-petition' && o.outcome === 'ok')?.code ?? 'NONE';
    const subgraph = await subgraphAway(platform, petitionCode);
    log('accounting: every request, change and event');
    const accounting = await verify(platform, load);
    const ballots = await verifyBallots(platform, load, poll);
    log(`5. poison storm: ${settings.poisonCount} poisoned events among as many healthy ones`);
    const poison = await poisonStorm(platform, { count: settings.poisonCount });
    return {
      settings,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - began,
      platformStartMs,
      sigkill,
      kafkaAway: kafka,
      postgresAway: postgres,
      subgraphAway: subgraph,
      accounting,
      ballots,
      poison,
      answers: { ...load.stats },
    };
  } finally {
    await platform.close();
  }
}

/** The report as a table of rows (what, value, must be). */
export function reportRows(r: ChaosReport): [string, string, string][] {
  const a = r.accounting;
  const b = r.ballots;
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  return [
    ['SIGKILLs (dossier/petition/evaluation/voting/test consumer)', `${r.sigkill.kills} (${Object.entries(r.sigkill.killsByProcess).map(([k, v]) => `${k} ${v}`).join(', ')})`, `≥ ${r.settings.kills}`],
    ['  of them while the process was still starting', String(r.sigkill.killedWhileStarting), ''],
    ['  SIGKILL rounds took', s(r.sigkill.durationMs), ''],
    ['process restart (spawn → answering), median / max', `${s(r.sigkill.restartMs.median)} / ${s(r.sigkill.restartMs.max)}`, ''],
    ['client requests (one Idempotency-Key each)', String(a.requests), ''],
    ['  succeeded / rejected with a code / given up', `${a.succeeded} / ${a.rejectedWithCode} / ${a.gaveUp}`, ''],
    ['  answer ≠ database', String(a.requestMismatches), '0'],
    ['HTTP attempts; 500s; 5xx without a code; 503 without Retry-After', `${r.answers.attempts}; ${r.answers.internalErrors}; ${r.answers.uncoded5xx}; ${r.answers.unavailableWithoutRetryAfter}`, '-; 0; 0; 0'],
    ['committed: dossiers / transitions / petitions', `${a.committedDossiers} / ${a.committedTransitions} / ${a.committedPetitions}`, ''],
    ['events (outbox rows; of them poll.*); changes without exactly one event', `${a.events} (${a.pollEvents}); ${a.changesWithoutOneEvent}`, '-; 0'],
    ['messages on the topics (relay re-sends)', `${a.messagesOnTopics} (${a.resentByRelay})`, ''],
    ['duplicates suppressed by the inbox (test consumer)', String(a.duplicatesSuppressed), ''],
    ['lost', String(a.lost), '0'],
    ['applied twice', String(a.appliedTwice), '0'],
    ['per-aggregate order violations', String(a.orderViolations), '0'],
    ['ballots (own citizen token each): requests', String(b.requests), `≤ ${r.settings.rollSize}`],
    ['  tracker / ALREADY_VOTED on a retry after a commit / refused / given up', `${b.succeeded} / ${b.replayedAsAlreadyVoted} / ${b.refused} / ${b.gaveUp}`, ''],
    ['  participations; ballots in the box; voters twice', `${b.participations}; ${b.ballots}; ${b.votersTwice}`, `${b.succeeded + b.replayedAsAlreadyVoted}; = participations; 0`],
    ['  answer ≠ participation table', String(b.mismatches), '0'],
    ['  answered ballots sent again (same key): answers; participations added', `${b.resent.sent}: ${Object.entries(b.resent.answers).map(([k, v]) => `${k} ${v}`).join(', ')}; ${b.resent.participationsAdded}`, '200 ALREADY_VOTED; 0'],
    ['evaluation facts dossier.received / rows', `${a.evaluationReceived.facts} / ${a.evaluationReceived.rows}`, 'equal'],
    ['evaluation facts dossier.resolved / completions', `${a.evaluationResolved.facts} / ${a.evaluationResolved.rows}`, 'equal'],
    ['dead letters of the real consumers', String(a.deadLetters), '0'],
    ['end of load → outbox empty and lag 0', s(a.drainMs), ''],
    ['Kafka away: down; committed meanwhile', `${s(r.kafkaAway.downMs)}; ${r.kafkaAway.committedWhileDown}`, '> 0'],
    ['  xaso_outbox_backlog before → peak (unsent rows in the databases)', `${r.kafkaAway.backlogBefore} → ${r.kafkaAway.backlogPeak} (${r.kafkaAway.backlogPeakInDatabase}); ${r.kafkaAway.failedScrapes} scrapes unanswered`, 'rises'],
    ['  readiness while down', r.kafkaAway.readinessWhileDown, 'transport down'],
    ['  broker restart; back → backlog 0; back → lag 0', `${s(r.kafkaAway.brokerRestartMs)}; ${s(r.kafkaAway.backlogDrainMs)}; ${s(r.kafkaAway.lagZeroMs)}`, ''],
    ['PostgreSQL away: stopped → accepting again', s(r.postgresAway.downMs), ''],
    ['  answers meanwhile', Object.entries(r.postgresAway.answersWhileDown).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none', 'coded only'],
    ['  5xx without code; 503 without Retry-After; process restarts', `${r.postgresAway.uncoded5xx}; ${r.postgresAway.unavailableWithoutRetryAfter}; ${r.postgresAway.processRestarts}`, '0; 0; 0'],
    ['  readiness while down', r.postgresAway.readinessWhileDown, 'database down'],
    ['  server restart; accepting → first dossier / petition success', `${s(r.postgresAway.serverRestartMs)}; ${Object.values(r.postgresAway.firstSuccessMs).map(s).join(' / ')}`, ''],
    ['subgraph away: partial answer; missing field code', `${r.subgraphAway.partialAnswer}; ${r.subgraphAway.missingFieldCode}`, 'true; SUBGRAPH_UNAVAILABLE'],
    ['  REST facade', `${r.subgraphAway.restStatus} ${r.subgraphAway.restCode} Retry-After: ${r.subgraphAway.restRetryAfter}`, '503 coded, Retry-After'],
    ['  gateway readiness while away', r.subgraphAway.readinessWhileAway, 'subgraph:dossier down'],
    ['  readiness names it; restart; listening → gateway answers', `${r.subgraphAway.readinessNamesIt}; ${s(r.subgraphAway.serviceRestartMs)}; ${s(r.subgraphAway.gatewayRecoveryMs)}`, 'true'],
    ['poison storm: poisoned / healthy', `${r.poison.poisoned} / ${r.poison.healthy}`, ''],
    ['  published → healthy all applied; → all dead-lettered', `${s(r.poison.healthyAppliedMs)}; ${s(r.poison.deadLetteredMs)}`, ''],
    ['  dead letters (table / DLT topic)', `${r.poison.deadLetters} / ${r.poison.dltMessages}`, `${r.poison.poisoned} / ${r.poison.poisoned}`],
    ['  replay (CLI) → applied; applied twice', `${s(r.poison.replayMs)} → ${r.poison.appliedAfterReplay}; ${r.poison.appliedTwice}`, `${r.poison.poisoned}; 0`],
    ['whole run', s(r.durationMs), ''],
  ];
}

export function formatTable(rows: [string, string, string][]): string {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['what', 'measured', 'must be'][i].length));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(['what', 'measured', 'must be']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
