/**
 * `npm run load-2025-plan`: loads the real 2025 rearrangement (data/admin-units, or ADMIN_UNITS_DIR)
 * as a plan into merger-service's database (MERGER_DATABASE_URL or DATABASE_URL) and validates it
 * against the registry as of 2025-06-30. Idempotent: a second run prints the plan loaded first.
 */
import 'reflect-metadata';
import { Role } from '@xaso/auth';
import { createMergerApp } from '../bootstrap';
import { Load2025Plan } from '../rearrangements/application/load-2025-plan.use-case';

async function main(): Promise<void> {
  const app = await createMergerApp({ logger: false, importIfEmpty: true });
  const log = (line: string) => console.log(`[load-2025-plan] ${line}`);
  try {
    const started = performance.now();
    const { plan, report, created } = await app.get(Load2025Plan).fromRepositoryData({ sub: 'cli:load-2025-plan', roles: [Role.ADMIN] });
    log(`${created ? 'loaded' : 'already loaded'}: plan ${plan.id} (${plan.legalBasis.resolutionNumber}, effective ${plan.effectiveDate})`);
    log(`status ${plan.status}${plan.imported ? ' (imported history: the registry already held its effect)' : ''}, ${plan.entryCount} entries`);
    if (report) {
      log(`ends ${report.endedUnits} versions ${JSON.stringify(report.endedByLevel)}, creates ${report.createdUnits} ${JSON.stringify(report.createdByLevel)}, ${report.links} links`);
      log(`records move for ${report.moves} units, ${report.dividedMoves} of them divided`);
    }
    log(`done in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
