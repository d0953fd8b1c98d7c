import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createServiceApp, type ListenOptions, serviceOpenApiDocument, startService } from '@xaso/service';
import type { DossierAppOptions } from './app.module';
import { dossierService } from './dossier.service-definition';

export { ManualClock, type Clock } from './common/clock';
export { DeadlineScheduler } from './dossiers/application/deadline-scheduler';
export { CalendarService } from './calendar/calendar.service';
export { UnitReplica } from '@xaso/unit-replica';
export { dossierService } from './dossier.service-definition';

export type StartDossierServiceOptions = DossierAppOptions & ListenOptions;

/** Nest application of dossier-service, initialised but not listening (tests use it with supertest). */
export const createDossierApp = (options: DossierAppOptions = {}): Promise<INestApplication> => createServiceApp(dossierService, options);

/** Creates dossier-service and listens on `options.port ?? PORT ?? 4002`. */
export const startDossierService = (options: StartDossierServiceOptions = {}): Promise<INestApplication> => startService(dossierService, options);

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export const dossierOpenApiDocument = (app: INestApplication): OpenAPIObject => serviceOpenApiDocument(dossierService, app);
