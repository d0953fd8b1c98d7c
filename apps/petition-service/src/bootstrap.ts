import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { documentIdempotencyKey } from '@xaso/api';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type PetitionAppOptions } from './app.module';

export interface StartPetitionServiceOptions extends Omit<PetitionAppOptions, 'logLevel'> {
  /** Default: PORT, else 4003. Use 0 for a free port. */
  port?: number;
  /** Interface to listen on (default `HOST`, else all interfaces). */
  host?: string;
  /** Logging (default true); false silences Nest's and the request logs. */
  logger?: boolean;
  logLevel?: string;
}

/** Nest application of petition-service, not yet listening (tests use it with supertest). */
export async function createPetitionApp(opts: Omit<StartPetitionServiceOptions, 'port'> = {}): Promise<INestApplication> {
  const quiet = opts.logger === false;
  const app = await NestFactory.create(AppModule.forRoot({ ...opts, logLevel: quiet ? 'silent' : opts.logLevel }), {
    logger: quiet ? false : undefined,
    bufferLogs: !quiet,
  });
  if (!quiet) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const document = petitionOpenApiDocument(app);
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  await app.init();
  return app;
}

export function petitionOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Xã Số — petitions (petition-service)')
    .setDescription('Complaints, denunciations, recommendations and feedback: intake from agencies (1022 model), tracking, statistics.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/** Creates petition-service and listens on `opts.port ?? PORT ?? 4003`. */
export async function startPetitionService(opts: StartPetitionServiceOptions = {}): Promise<INestApplication> {
  const app = await createPetitionApp(opts);
  await app.listen(opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 4003), opts.host ?? process.env.HOST ?? '0.0.0.0');
  return app;
}
