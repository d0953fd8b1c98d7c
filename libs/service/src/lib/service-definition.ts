import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { ServiceOptions } from './service-options';

const SERVICE_DEFINITION = Symbol.for('xaso.service-definition');

/** One service as the shared builder (`createServiceApp`, `startService`) and the all-in-one launcher see it. */
export interface ServiceDefinition<O extends ServiceOptions = ServiceOptions> {
  /** `dossier` for apps/dossier-service: database env name, log field, worker-thread name. */
  readonly name: string;
  /** Port when neither the options nor PORT give one. */
  readonly defaultPort: number;
  /** Title and description of the service's OpenAPI document (`/openapi.json`). */
  readonly openApi: { title: string; description: string };
  /** The root module for these options (its AppModule). */
  module(options: O): DynamicModule;
  /**
   * Paths whose JSON bodies may be larger than the default 100 kB (bulk endpoints, e.g. merger's
   * 1,000-address batch), up to BULK_JSON_LIMIT; every other path keeps the default.
   */
  readonly bulkJsonPaths?: readonly string[];
  /** Runs after `app.init()`, before listening (e.g. merger's import on start). */
  afterInit?(app: INestApplication, options: O): Promise<void>;
  /** Fills an empty database with reference data; the launcher calls it after start (merger: the admin units). */
  seedIfEmpty?(app: INestApplication): Promise<unknown>;
}

/** Declares a service (one per service, in `apps/<name>-service/src/<name>.service-definition.ts`). */
export function defineService<O extends ServiceOptions>(definition: ServiceDefinition<O>): ServiceDefinition<O> {
  return Object.freeze(Object.assign(Object.create(null) as object, definition, { [SERVICE_DEFINITION]: true })) as ServiceDefinition<O>;
}

export function isServiceDefinition(value: unknown): value is ServiceDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SERVICE_DEFINITION] === true;
}

/** The body limit of `bulkJsonPaths` (the service's and the gateway's). */
export const BULK_JSON_LIMIT = '2mb';
