/**
 * The suites `npm run bench` runs, in this order; `BENCH_SUITES=dossier,voting` picks some.
 * Each suite is its own script (run in a child process, so one failing does not stop the others)
 * that writes bench/results/<YYYY-MM-DD>-<name>.json beside its bare baseline of the same run.
 */
export interface BenchSuite {
  name: string;
  /** Script path from the repository root, run with `node -r @swc-node/register`. */
  script: string;
  what: string;
}

export const BENCH_SUITES: BenchSuite[] = [
  { name: 'dossier', script: 'bench/run.ts', what: 'submitDossier and trackDossier through the gateway vs bare Fastify + pg' },
  { name: 'voting', script: 'bench/voting/run.ts', what: 'castBallot through the gateway by 10,000 distinct voters vs bare Fastify + pg; 20,000-row CSV roll import; tally + board root of 100,000 ballots' },
  {
    name: 'legacy-addresses',
    script: 'bench/legacy-addresses/run.ts',
    what: 'pre-2025 addresses per second through the REST batch endpoint (merger-service and the gateway) vs the pure resolver in process',
  },
  { name: 'evaluation', script: 'bench/evaluation/run.ts', what: 'dossier.resolved on Kafka → indicatorValues latency, and rankings of 3,321 communes, vs bare kafkajs + SQL' },
  {
    name: 'rearrangement',
    script: 'bench/rearrangement/run.ts',
    what: '1,000,000 dossiers and petitions moved through the real 2025 plan by the participants (their consumers, chunks as merger sends them) vs a raw UPDATE … FROM mapping on a copy of the same rows',
  },
];
