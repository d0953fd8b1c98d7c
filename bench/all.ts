/**
 * `npm run bench`: every suite of bench/suites.ts (or those named in BENCH_SUITES), one child
 * process each. Exits non-zero when any suite failed, after running the rest.
 */
import { spawnSync } from 'node:child_process';
import { BENCH_SUITES } from './suites';

const wanted = (process.env.BENCH_SUITES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted.filter((name) => !BENCH_SUITES.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(`[bench] unknown suite(s): ${unknown.join(', ')}; known: ${BENCH_SUITES.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const suites = wanted.length > 0 ? BENCH_SUITES.filter((s) => wanted.includes(s.name)) : BENCH_SUITES;
const failed: string[] = [];
for (const suite of suites) {
  process.stderr.write(`[bench] suite ${suite.name}: ${suite.what}\n`);
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', suite.script], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) failed.push(suite.name);
}
if (failed.length > 0) {
  process.stderr.write(`[bench] failed suite(s): ${failed.join(', ')}\n`);
  process.exit(1);
}
