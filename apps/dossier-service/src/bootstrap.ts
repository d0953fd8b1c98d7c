import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { documentIdempotencyKey } from '@xaso/api';
import { Logger as PinoLogger } from 'nestjs-pino';
import { correlationMiddleware } from '@xaso/observability';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type DossierAppOptions } from './app.module';

export { ManualClock, type Clock } from './common/clock';
export { DeadlineScheduler } from './dossiers/application/deadline-scheduler';
export { CalendarService } from './calendar/calendar.service';
export { UnitReplica } from '@xaso/unit-replica';

export interface StartDossierServiceOptions extends Omit<DossierAppOptions, 'databaseUrl'> {
  /** Default: PORT, else 4002. Use 0 for a free port. */
  port?: number;
  /** Interface to listen on (default `HOST`, else all interfaces). */
  host?: string;
  /** Default: DOSSIER_DATABASE_URL, else DATABASE_URL. */
  databaseUrl?: string;
  /** Nest's logger (default true). */
  logger?: boolean;
  /** Accepted for the all-in-one launcher's uniform call; the dossier service seeds its catalogue itself. */
  importIfEmpty?: boolean;
}

/** The service's OpenAPI document (the gateway merges it from `/openapi.json`). */
export function dossierOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Xã Số — dossiers (dossier-service)')
    .setDescription(
      'One-stop-shop administrative dossiers for agencies. Errors are RFC 9457 problem+json; Every POST accepts an Idempotency-Key header.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/** Nest application of dossier-service, initialised but not listening (tests use it with supertest). */
export async function createDossierApp(opts: Omit<StartDossierServiceOptions, 'port'> = {}): Promise<INestApplication> {
  const { logger, importIfEmpty: _ignored, ...appOptions } = opts;
  const app = await NestFactory.create(AppModule.forRoot(appOptions), {
    logger: logger === false ? false : undefined,
    bufferLogs: logger !== false && opts.observability !== false,
  });
  if (logger !== false && opts.observability !== false) app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  // The request's x-correlation-id (the gateway forwards it) becomes the correlationId of the
  // dossier.* events it causes; idempotent when ObservabilityModule applied it already.
  app.use(correlationMiddleware);
  const document = dossierOpenApiDocument(app);
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  await app.init();
  return app;
}

/** Creates dossier-service and listens on `opts.port ?? PORT ?? 4002`. */
export async function startDossierService(opts: StartDossierServiceOptions = {}): Promise<INestApplication> {
  const app = await createDossierApp(opts);
  await app.listen(opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 4002), opts.host ?? process.env.HOST ?? '0.0.0.0');
  return app;
}
