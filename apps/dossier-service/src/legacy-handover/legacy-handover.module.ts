import { Module } from '@nestjs/common';
import { UnitReplicaModule, unitScopeProviders } from '@xaso/unit-replica';
import { DossiersModule } from '../dossiers/dossiers.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { LegacyImportsController } from './api/rest/legacy-imports.controller';
import { ImportLegacyDossiers } from './application/import-legacy-dossiers.use-case';
import { LegacyDossierStore } from './application/legacy-dossier.store.port';
import { PgLegacyDossierStore } from './infrastructure/pg-legacy-dossier.store';
import { LegacyDossierCodes1765000000000 } from './infrastructure/migrations/1765000000000-legacy-dossier-codes';

/** After the dossier tables. */
export const LEGACY_HANDOVER_MIGRATIONS = [LegacyDossierCodes1765000000000];

/**
 * Hand-over of dossiers from the old district and commune systems (issue 12): stored under the
 * legacy unit, tracked by their original code, moved to the successor by the rearrangement saga.
 */
@Module({
  imports: [DossiersModule, ProceduresModule, UnitReplicaModule],
  controllers: [LegacyImportsController],
  providers: [{ provide: LegacyDossierStore, useClass: PgLegacyDossierStore }, ...unitScopeProviders(), ImportLegacyDossiers],
})
export class LegacyHandoverModule {}
