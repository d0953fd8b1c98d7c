import { defineService } from '@xaso/service';
import { AppModule, type DossierAppOptions } from './app.module';
import { DOSSIER_SERVICE } from './common/dossier-core.module';
import { LEGACY_IMPORT_PATH } from './legacy-handover/api/rest/legacy-imports.controller';

/** dossier-service as the shared builder and the all-in-one launcher start it. */
export const dossierService = defineService<DossierAppOptions>({
  name: DOSSIER_SERVICE,
  defaultPort: 4002,
  openApi: {
    title: 'Xã Số — dossiers (dossier-service)',
    description: 'One-stop-shop administrative dossiers for agencies. Errors are RFC 9457 problem+json; every POST accepts an Idempotency-Key header.',
  },
  bulkJsonPaths: [LEGACY_IMPORT_PATH],
  module: (options) => AppModule.forRoot(options),
});
