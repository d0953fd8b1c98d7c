/**
 * `npm run chaos` (issue 15): the whole chaos suite, bounded, on local processes and addresses only
 * (a private PostgreSQL server and Kafka broker on free ports, the services as OS processes).
 * Prints a table and writes bench/results/<YYYY-MM-DD>-chaos.json.
 *
 *   npm run chaos            # full: 100 SIGKILLs, Kafka away 60 s, 1,000 poisoned events
 *   npm run chaos -- --short # the shortened rounds of the e2e test
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/processes';
import { formatTable, FULL_SETTINGS, reportRows, runChaos, SHORT_SETTINGS } from './lib/run-chaos';

// Ctrl+C / SIGTERM: exit through process.exit so the exit hooks stop the processes, broker and server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const settings = { ...(short ? SHORT_SETTINGS : FULL_SETTINGS) };
  const kills = process.argv.find((a) => a.startsWith('--kills='));
  if (kills) settings.kills = Number(kills.split('=')[1]);
  const log = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const report = await runChaos(settings, log);
  const table = formatTable(reportRows(report));
  process.stdout.write(`\n${table}\n`);
  const findings = [...report.accounting.examples, ...report.ballots.examples];
  if (findings.length) process.stdout.write(`\nfindings:\n${findings.map((e) => `- ${e}`).join('\n')}\n`);
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.slice(0, 10)}-chaos${short ? '-short' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ command: `npm run chaos${short ? ' -- --short' : ''}`, ...report }, null, 2)}\n`);
  process.stdout.write(`\nwritten ${file}\n`);
  const a = report.accounting;
  const failed = a.lost || a.appliedTwice || a.requestMismatches || a.changesWithoutOneEvent || a.orderViolations || report.answers.uncoded5xx || report.answers.internalErrors || report.poison.appliedTwice || report.ballots.mismatches || report.ballots.votersTwice || report.ballots.ballots !== report.ballots.participations || report.ballots.resent.participationsAdded;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
