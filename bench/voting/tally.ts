import { performance } from 'node:perf_hooks';
import { BallotBoard, type BoardEntry } from '../../apps/voting-service/src/polls/domain/ballot-board';
import { passRuleOf } from '../../apps/voting-service/src/polls/domain/pass-rule';
import { pollOptionsOf } from '../../apps/voting-service/src/polls/domain/poll-options';
import { tally } from '../../apps/voting-service/src/polls/domain/tally';
import { newTracker } from '../../apps/voting-service/src/polls/domain/tracker';
import { BallotSeal } from '../../apps/voting-service/src/polls/infrastructure/ballot-seal';

export interface TallyMeasurement {
  ballots: number;
  rounds: number;
  /** Each round: sort the board by tracker, RFC 6962 root over the RFC 8785 leaves, the tally with its passing rule. */
  ms: { min: number; median: number; max: number; runs: number[] };
  /** CPU time (user + system) of this process per round: what the work costs, apart from waiting for a core on a busy machine. */
  cpuMs: { min: number; median: number; runs: number[] };
  root: string;
  passed: boolean;
  /** Before the tally, ClosePoll opens the poll's sealed pending ballots (AES-256-GCM each): median of the rounds, wall ms. */
  openSealedMs: number;
}

const CHOICES = ['YES', 'NO', 'ABSTAIN'];
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * What closing a poll computes from its ballots, as ClosePoll does (the domain's own code, not a
 * copy): the board in tracker order, its Merkle root and the tally of online + paper. Trackers
 * are made when each ballot is cast, so they are prepared outside the timing.
 */
export function measureTally(count: number, rounds = 5): TallyMeasurement {
  const ballots: BoardEntry[] = Array.from({ length: count }, (_, i) => {
    const choice = CHOICES[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2];
    return { tracker: newTracker(choice).tracker, choice };
  });
  const options = pollOptionsOf({ kind: 'YES_NO_ABSTAIN' });
  const rule = passRuleOf({ passBasis: 'ROLL', quorumPercent: 50 });
  const once = () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const board = new BallotBoard(ballots);
    const result = tally({
      rollSize: count + 20_000,
      electorate: 'HOUSEHOLDS',
      options,
      rule,
      onlineChoices: board.entries.map((entry) => entry.choice),
      paper: { totals: { YES: 9_000, NO: 1_000 }, spoiled: 500 },
      participation: { online: board.treeSize, paper: 10_500 },
    });
    const root = board.root;
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, root, passed: result.passed };
  };
  const runs = Array.from({ length: rounds }, once);
  const seal = BallotSeal.fromEnv({});
  const sealed = ballots.map((ballot) => seal.seal('bench-poll', ballot));
  const openRuns = Array.from({ length: rounds }, () => {
    const start = performance.now();
    for (const value of sealed) seal.open('bench-poll', value);
    return performance.now() - start;
  }).sort((a, b) => a - b);
  if (new Set(runs.map((r) => r.root)).size !== 1) throw new Error('the board root changed between runs');
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  const cpuSorted = runs.map((r) => r.cpuMs).sort((a, b) => a - b);
  return {
    ballots: count,
    cpuMs: { min: round2(cpuSorted[0]), median: round2(cpuSorted[Math.floor(rounds / 2)]), runs: runs.map((r) => round2(r.cpuMs)) },
    rounds,
    ms: { min: round2(sorted[0]), median: round2(sorted[Math.floor(rounds / 2)]), max: round2(sorted[rounds - 1]), runs: runs.map((r) => round2(r.ms)) },
    root: runs[0].root,
    passed: runs[0].passed,
    openSealedMs: round2(openRuns[Math.floor(rounds / 2)]),
  };
}
