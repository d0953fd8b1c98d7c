import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { documentIdempotencyKey } from '@xaso/api';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { EventTransport } from '@xaso/messaging';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ImportAdministrativeUnits, type ImportSummary } from './units/application/import-administrative-units';
import { UnitRepository } from './units/application/ports';
import { adminUnitsDir, readAdminUnitFiles } from './units/infrastructure/csv-source';

export type { ImportSummary } from './units/application/import-administrative-units';

export interface StartMergerServiceOptions {
  /** Default: PORT, else 4001. Use 0 for a free port. */
  port?: number;
  /** Interface to listen on (default `HOST`, else all interfaces). */
  host?: string;
  /** Default: MERGER_DATABASE_URL, else DATABASE_URL. */
  databaseUrl?: string;
  /** Logging (default true); false silences Nest's and the request logs. */
  logger?: boolean;
  /** Event transport (tests); default Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** Load the real units when the registry is empty (default: true unless MERGER_IMPORT_ON_START=false). */
  importIfEmpty?: boolean;
}

/** Nest application of merger-service, not yet listening (tests use it with supertest). */
export async function createMergerApp(opts: Omit<StartMergerServiceOptions, 'port'> = {}): Promise<INestApplication> {
  const quiet = opts.logger === false;
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: opts.databaseUrl, transport: opts.transport, logLevel: quiet ? 'silent' : undefined }), {
    logger: quiet ? false : undefined,
    bufferLogs: !quiet,
  });
  if (!quiet) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const document = mergerOpenApiDocument(app);
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  await app.init();
  if (opts.importIfEmpty ?? process.env.MERGER_IMPORT_ON_START !== 'false') await importUnitsIfEmpty(app);
  return app;
}

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export function mergerOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Xã Số — administrative units (merger-service)')
    .setDescription('Time-versioned Vietnamese administrative units: every lookup takes asOf (default today).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/** Runs the import of `data/admin-units` (or ADMIN_UNITS_DIR) through the app's use case. */
export async function importUnits(app: INestApplication, dir: string = adminUnitsDir()): Promise<ImportSummary> {
  return app.get(ImportAdministrativeUnits).execute({ ...readAdminUnitFiles(dir), dataset: dir });
}

/** Imports the real units when the registry is empty; returns the summary, or null when it was not empty. */
export async function importUnitsIfEmpty(app: INestApplication, dir?: string): Promise<ImportSummary | null> {
  if (!(await app.get(UnitRepository).isEmpty())) return null;
  return importUnits(app, dir);
}

/** Creates merger-service and listens on `opts.port ?? PORT ?? 4001`. */
export async function startMergerService(opts: StartMergerServiceOptions = {}): Promise<INestApplication> {
  const app = await createMergerApp(opts);
  await app.listen(opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 4001), opts.host ?? process.env.HOST ?? '0.0.0.0');
  return app;
}
