import { join, resolve } from 'node:path';
import { isServiceDefinition, type ServiceDefinition } from './service-definition';

/** The repository root (this file is libs/service/src/lib/service-catalogue.ts). */
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
/** `.ts` from the sources, `.js` from the compiled tree (`npm run build`: dist/ mirrors the layout). */
const EXT = __filename.endsWith('.ts') ? '.ts' : '.js';

/** A service of the monorepo: its name and the file that exports its `defineService(...)`. */
export interface ServiceCatalogueEntry {
  readonly name: string;
  /** Absolute path of `apps/<name>-service/src/<name>.service-definition.ts` (`.js` when compiled). */
  readonly definitionPath: string;
}

const entry = (name: string): ServiceCatalogueEntry => ({
  name,
  definitionPath: join(REPO_ROOT, 'apps', `${name}-service`, 'src', `${name}.service-definition${EXT}`),
});

/**
 * Every service, sorted by name (the all-in-one launcher's internal ports follow this order).
 * Launchers load them by path at run time (`loadServiceDefinition`): an app never imports
 * another app's code (module boundaries). A new service adds its line here.
 */
export const SERVICE_CATALOGUE: readonly ServiceCatalogueEntry[] = Object.freeze([entry('dossier'), entry('evaluation'), entry('merger'), entry('petition'), entry('voting')]);

/**
 * Loads the definition a file exports (the one export made by `defineService`), in this thread's
 * module registry; `expectedName` guards against a file exporting another service.
 */
export function loadServiceDefinition(definitionPath: string, expectedName?: string): ServiceDefinition {
  const exported = Object.values(require(definitionPath) as Record<string, unknown>).filter(isServiceDefinition);
  if (exported.length !== 1) {
    throw new Error(`${definitionPath} must export exactly one defineService(...) definition (found ${exported.length})`);
  }
  const [definition] = exported;
  if (expectedName !== undefined && definition.name !== expectedName) {
    throw new Error(`${definitionPath} defines service "${definition.name}", expected "${expectedName}"`);
  }
  return definition;
}
