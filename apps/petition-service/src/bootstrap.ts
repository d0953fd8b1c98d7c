import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createServiceApp, type ListenOptions, serviceOpenApiDocument, startService } from '@xaso/service';
import type { PetitionAppOptions } from './app.module';
import { petitionService } from './petition.service-definition';

export { petitionService } from './petition.service-definition';

export type StartPetitionServiceOptions = PetitionAppOptions & ListenOptions;

/** Nest application of petition-service, not yet listening (tests use it with supertest). */
export const createPetitionApp = (options: PetitionAppOptions = {}): Promise<INestApplication> => createServiceApp(petitionService, options);

/** Creates petition-service and listens on `options.port ?? PORT ?? 4003`. */
export const startPetitionService = (options: StartPetitionServiceOptions = {}): Promise<INestApplication> => startService(petitionService, options);

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export const petitionOpenApiDocument = (app: INestApplication): OpenAPIObject => serviceOpenApiDocument(petitionService, app);
