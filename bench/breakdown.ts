/**
 * `node -r @swc-node/register bench/breakdown.ts <results.json> <profile dir> [<before results.json> <before profile dir>]`:
 * the per-part CPU table of bench/README.md from a run with BENCH_CPU_PROF (each thread's measured
 * CPU per request, split by its profile's shares), optionally beside an earlier run ("before → after").
 * BREAKDOWN_SCENARIOS=submit,track keeps some scenarios.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './lib/report';
import { summarizeProfile } from './lib/profile-summary';

type Table = Map<string, Map<string, number>>;

function breakdown(resultsFile: string, dir: string): Table {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchReport;
  const table: Table = new Map();
  const only = process.env.BREAKDOWN_SCENARIOS?.split(',').filter(Boolean);
  for (const r of report.results) {
    if (only && !only.includes(r.scenario)) continue;
    const threads = r.target === 'platform' ? ['gateway', 'dossier'] : ['main'];
    for (const thread of threads) {
      const file = join(dir, `${r.scenario}-${r.target}-${thread}.cpuprofile`);
      if (!existsSync(file)) continue;
      const cpu = r.cpuMsPerRequest?.[thread === 'main' ? 'total' : thread];
      const b = summarizeProfile(file, r.requests, cpu);
      const column = `${r.scenario}: ${r.target === 'platform' ? thread : 'baseline'}`;
      const parts = new Map<string, number>([['**thread CPU ms/request**', b.totalMsPerRequest]]);
      for (const row of b.rows) parts.set(row.category, row.msPerRequest);
      table.set(column, parts);
    }
  }
  return table;
}

const [results, dir, beforeResults, beforeDir] = process.argv.slice(2);
if (!results || !dir) {
  process.stderr.write('usage: bench/breakdown.ts <results.json> <profile dir> [<before results.json> <before profile dir>]\n');
  process.exit(2);
}
const after = breakdown(results, dir);
const before = beforeResults && beforeDir ? breakdown(beforeResults, beforeDir) : undefined;
const columns = [...after.keys()];
const rows = new Set<string>();
for (const column of columns) for (const name of after.get(column)?.keys() ?? []) rows.add(name);
for (const column of columns) for (const name of before?.get(column)?.keys() ?? []) rows.add(name);
const total = (name: string) => columns.reduce((sum, c) => sum + (after.get(c)?.get(name) ?? 0) + (before?.get(c)?.get(name) ?? 0), 0);
const ordered = [...rows].sort((a, b) => (a.startsWith('**') ? -1 : b.startsWith('**') ? 1 : total(b) - total(a)));
const cell = (column: string, name: string) => {
  const a = after.get(column)?.get(name);
  const b = before?.get(column)?.get(name);
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));
  return before ? `${f(b)} → ${f(a)}` : f(a);
};
const lines = [`| part (ms CPU per request) | ${columns.join(' | ')} |`, `| --- | ${columns.map(() => '---:').join(' | ')} |`];
for (const name of ordered) lines.push(`| ${name} | ${columns.map((c) => cell(c, name)).join(' | ')} |`);
process.stdout.write(lines.join('\n') + '\n');
