import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentIdempotencyKey } from '@xaso/api';
import { correlationMiddleware } from '@xaso/observability';
import { Logger as PinoLogger } from 'nestjs-pino';
import { json } from 'express';
import { BULK_JSON_LIMIT, type ServiceDefinition } from './service-definition';
import type { ListenOptions, ServiceOptions } from './service-options';

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export function serviceOpenApiDocument(definition: ServiceDefinition<never>, app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(definition.openApi.title)
    .setDescription(definition.openApi.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/**
 * The Nest application of a service, initialised but not listening (tests use it with
 * supertest): pino logger, shutdown hooks, correlation ids, `/openapi.json`, then `afterInit`.
 */
export async function createServiceApp<O extends ServiceOptions>(definition: ServiceDefinition<O>, options: O = {} as O): Promise<INestApplication> {
  const pino = options.logger !== false && options.observability !== false;
  const app = await NestFactory.create(definition.module(options), { logger: options.logger === false ? false : undefined, bufferLogs: pino });
  if (pino) app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  // The request's x-correlation-id (the gateway forwards it) becomes the correlationId of the
  // events it causes, also without ObservabilityModule (which applies it too: idempotent).
  app.use(correlationMiddleware);
  // Registered before init, so before Nest's own JSON parser (which then finds the body parsed).
  // Wrapped under another name: Nest skips its own parser when it sees a layer named `jsonParser`.
  const bulkJson = json({ limit: BULK_JSON_LIMIT });
  for (const path of definition.bulkJsonPaths ?? []) app.use(path, function bulkJsonParser(req: never, res: never, next: never) { bulkJson(req, res, next); });
  const document = serviceOpenApiDocument(definition as ServiceDefinition<never>, app);
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  await app.init();
  await definition.afterInit?.(app, options);
  return app;
}

/** Creates the service and listens on `options.port ?? PORT ?? definition.defaultPort`. */
export async function startService<O extends ServiceOptions>(definition: ServiceDefinition<O>, options: O & ListenOptions = {} as O & ListenOptions): Promise<INestApplication> {
  const { port, host, ...appOptions } = options;
  const app = await createServiceApp(definition, appOptions as unknown as O);
  await app.listen(port ?? (process.env.PORT ? Number(process.env.PORT) : definition.defaultPort), host ?? process.env.HOST ?? '0.0.0.0');
  return app;
}

/** `main.ts` of a service: starts it from the environment, exits 1 when it cannot start. */
export function runService(definition: ServiceDefinition<never>): void {
  startService(definition as ServiceDefinition).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
