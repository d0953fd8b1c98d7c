import type { INestApplication } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is apps/all-in-one/src/services.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** A service found under apps/<name>-service with a `src/bootstrap.ts`. */
export interface DiscoveredService {
  /** `merger` for apps/merger-service. */
  name: string;
  bootstrapPath: string;
}

export interface ServiceStartOptions {
  port: number;
  databaseUrl: string;
  logger?: boolean;
  importIfEmpty?: boolean;
}

/** What the launcher needs from a service's bootstrap module, found by naming convention. */
export interface ServiceBootstrap {
  start(options: ServiceStartOptions): Promise<INestApplication>;
  /** `import…IfEmpty(app)` when the service seeds reference data (merger: the admin units). */
  seedIfEmpty?: (app: INestApplication) => Promise<unknown>;
}

/** Every `apps/<name>-service/src/bootstrap.ts`, sorted by name (so internal ports are stable). */
export function discoverServices(appsDir = join(REPO_ROOT, 'apps')): DiscoveredService[] {
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.endsWith('-service'))
    .map((entry) => ({ name: entry.name.replace(/-service$/, ''), bootstrapPath: join(appsDir, entry.name, 'src', 'bootstrap.ts') }))
    .filter((service) => existsSync(service.bootstrapPath))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const pascal = (name: string) => name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * Loads a service's bootstrap module by path at run time. The launcher never imports another
 * app's code statically (module boundaries); it relies on the convention every service follows:
 * `start<Name>Service({ port, databaseUrl, logger })`, and optionally `import…IfEmpty(app)`.
 */
export function loadServiceBootstrap(service: DiscoveredService): ServiceBootstrap {
  const loaded = require(service.bootstrapPath) as Record<string, unknown>;
  const startName = `start${pascal(service.name)}Service`;
  const start = loaded[startName];
  if (typeof start !== 'function') {
    throw new Error(`${service.bootstrapPath} does not export ${startName}()`);
  }
  const seedName = Object.keys(loaded).find((key) => /^import\w*IfEmpty$/.test(key) && typeof loaded[key] === 'function');
  return {
    start: start as ServiceBootstrap['start'],
    seedIfEmpty: seedName ? (loaded[seedName] as ServiceBootstrap['seedIfEmpty']) : undefined,
  };
}
