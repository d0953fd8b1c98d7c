/**
 * `npm run import-units [-- <dir>]`: loads the administrative units into merger-service's
 * database (MERGER_DATABASE_URL or DATABASE_URL). Idempotent; prints counts and elapsed time.
 */
import 'reflect-metadata';
import { createMergerApp, importUnits } from '../bootstrap';
import { adminUnitsDir } from '../units/infrastructure/csv-source';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? adminUnitsDir();
  const app = await createMergerApp({ logger: false, importIfEmpty: false });
  try {
    const summary = await importUnits(app, dir);
    // Nest's logger is off for this app (it would silence Logger too): plain stdout.
    const log = { log: (line: string) => console.log(`[import-units] ${line}`) };
    log.log(`from ${dir}`);
    log.log(`units: ${summary.units.total} (created ${summary.units.created}, updated ${summary.units.updated}, unchanged ${summary.units.unchanged})`);
    log.log(`links: ${summary.links.total} incl. ${summary.links.derived} derived province links (created ${summary.links.created}, updated ${summary.links.updated})`);
    for (const [key, count] of Object.entries(summary.countsByLevel)) log.log(`  ${key}: ${count}`);
    log.log(`done in ${summary.elapsedMs} ms`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
