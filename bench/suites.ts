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
  { name: 'evaluation', script: 'bench/evaluation/run.ts', what: 'dossier.resolved on Kafka → indicatorValues latency, and rankings of 3,321 communes, vs bare kafkajs + SQL' },
];
