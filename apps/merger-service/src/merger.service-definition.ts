import type { INestApplication } from '@nestjs/common';
import { defineService } from '@xaso/service';
import { AppModule, MERGER_SERVICE, type MergerAppOptions } from './app.module';
import { LEGACY_ADDRESS_BATCH_PATH } from './legacy-addresses/api/rest/legacy-addresses.controller';
import { ImportAdministrativeUnits, type ImportSummary } from './units/application/import-administrative-units.use-case';
import { UnitRepository } from './units/application/unit.repository.port';
import { adminUnitsDir, readAdminUnitFiles } from './units/infrastructure/csv-source';

/** Runs the import of `data/admin-units` (or ADMIN_UNITS_DIR) through the app's use case. */
export async function importUnits(app: INestApplication, dir: string = adminUnitsDir()): Promise<ImportSummary> {
  return app.get(ImportAdministrativeUnits).execute({ ...readAdminUnitFiles(dir), dataset: dir });
}

/** Imports the real units when the registry is empty; returns the summary, or null when it was not empty. */
export async function importUnitsIfEmpty(app: INestApplication, dir?: string): Promise<ImportSummary | null> {
  if (!(await app.get(UnitRepository).isEmpty())) return null;
  return importUnits(app, dir);
}

/** merger-service as the shared builder and the all-in-one launcher start it. */
export const mergerService = defineService<MergerAppOptions>({
  name: MERGER_SERVICE,
  defaultPort: 4001,
  openApi: {
    title: 'Xã Số — administrative units (merger-service)',
    description: 'Time-versioned Vietnamese administrative units: every lookup takes asOf (default today).',
  },
  module: (options) => AppModule.forRoot(options),
  // 1,000 addresses per call can pass 100 kB.
  bulkJsonPaths: [LEGACY_ADDRESS_BATCH_PATH],
  // Load the real units when the registry is empty (default: true unless MERGER_IMPORT_ON_START=false).
  afterInit: async (app, options) => {
    if (options.importIfEmpty ?? process.env.MERGER_IMPORT_ON_START !== 'false') await importUnitsIfEmpty(app);
  },
  seedIfEmpty: (app) => importUnitsIfEmpty(app),
});
