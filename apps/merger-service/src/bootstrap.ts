import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createServiceApp, type ListenOptions, serviceOpenApiDocument, startService } from '@xaso/service';
import type { MergerAppOptions } from './app.module';
import { mergerService } from './merger.service-definition';

export type { ImportSummary } from './units/application/import-administrative-units';
export { importUnits, importUnitsIfEmpty, mergerService } from './merger.service-definition';

export type StartMergerServiceOptions = MergerAppOptions & ListenOptions;

/** Nest application of merger-service, not yet listening (tests use it with supertest). */
export const createMergerApp = (options: MergerAppOptions = {}): Promise<INestApplication> => createServiceApp(mergerService, options);

/** Creates merger-service and listens on `options.port ?? PORT ?? 4001`. */
export const startMergerService = (options: StartMergerServiceOptions = {}): Promise<INestApplication> => startService(mergerService, options);

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export const mergerOpenApiDocument = (app: INestApplication): OpenAPIObject => serviceOpenApiDocument(mergerService, app);
