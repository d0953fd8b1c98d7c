import type { INestApplication } from '@nestjs/common';
import { resolve } from 'node:path';
import { loadServiceDefinition, SERVICE_CATALOGUE, type ServiceCatalogueEntry, startService } from '@xaso/service';

/** The repository root (this file is apps/all-in-one/src/services.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The services the launcher starts: the typed catalogue of @xaso/service (sorted by name, so internal ports are stable). */
export const SERVICES: readonly ServiceCatalogueEntry[] = SERVICE_CATALOGUE;

export type { ServiceCatalogueEntry } from '@xaso/service';

export interface ServiceStartOptions {
  port: number;
  databaseUrl: string;
  logger?: boolean;
}

export interface StartedService {
  app: INestApplication;
  /** The definition's `seedIfEmpty(app)` when the service seeds reference data (merger: the admin units). */
  seedIfEmpty?: () => Promise<unknown>;
}

/**
 * Loads a service's definition by path in this thread (the launcher never imports another app's
 * code statically: module boundaries) and starts it through the shared builder.
 */
export async function startCatalogueService(entry: ServiceCatalogueEntry, options: ServiceStartOptions): Promise<StartedService> {
  const definition = loadServiceDefinition(entry.definitionPath, entry.name);
  const app = await startService(definition, { ...options, importIfEmpty: false });
  const seed = definition.seedIfEmpty;
  return { app, seedIfEmpty: seed && (() => seed(app)) };
}
