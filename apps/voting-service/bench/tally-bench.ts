/**
 * Tally and board root of 100,000 online ballots (issue 10: under 1 s). Not a unit test: timings
 * depend on the machine. Run: node -r @swc-node/register apps/voting-service/bench/tally-bench.ts [ballots]
 */
import { performance } from 'node:perf_hooks';
import { BallotBoard, type BoardEntry } from '../src/polls/domain/ballot-board';
import { passRuleOf } from '../src/polls/domain/pass-rule';
import { pollOptionsOf } from '../src/polls/domain/poll-options';
import { tally } from '../src/polls/domain/tally';
import { newTracker } from '../src/polls/domain/tracker';

const BALLOTS = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;
const CHOICES = ['YES', 'NO', 'ABSTAIN'];

// Trackers are made when each ballot is cast, so they are prepared outside the timing.
const ballots: BoardEntry[] = Array.from({ length: BALLOTS }, (_, i) => {
  const choice = CHOICES[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2];
  return { tracker: newTracker(choice).tracker, choice };
});
const options = pollOptionsOf({ kind: 'YES_NO_ABSTAIN' });
const rule = passRuleOf({ passBasis: 'ROLL', quorumPercent: 50 });

function once(): { ms: number; root: string; passed: boolean } {
  const start = performance.now();
  const board = new BallotBoard(ballots);
  const result = tally({
    rollSize: BALLOTS + 20_000,
    electorate: 'HOUSEHOLDS',
    options,
    rule,
    onlineChoices: board.entries.map((entry) => entry.choice),
    paper: { totals: { YES: 9_000, NO: 1_000 }, spoiled: 500 },
    participation: { online: board.treeSize, paper: 12_000 },
  });
  const root = board.root;
  return { ms: performance.now() - start, root, passed: result.passed };
}

const runs = Array.from({ length: ROUNDS }, once);
const times = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(`voting tally + board root, ${BALLOTS} online ballots (+ paper box), node ${process.version}`);
console.log(`  runs (ms): ${runs.map((r) => r.ms.toFixed(0)).join(', ')}`);
console.log(`  min ${times[0].toFixed(0)} ms, median ${times[Math.floor(ROUNDS / 2)].toFixed(0)} ms, max ${times[ROUNDS - 1].toFixed(0)} ms (target < 1000 ms)`);
console.log(`  root ${runs[0].root}, passed ${runs[0].passed}`);
if (new Set(runs.map((r) => r.root)).size !== 1) throw new Error('the root changed between runs');
