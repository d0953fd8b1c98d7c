import 'reflect-metadata';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type PetitionAppOptions } from './app.module';
import { ScanDeadlines } from './petitions/application/scan-deadlines.use-case';

export interface StartPetitionServiceOptions extends Omit<PetitionAppOptions, 'logLevel'> {
  /** Default: PORT, else 4003. Use 0 for a free port. */
  port?: number;
  /** Interface to listen on (default `HOST`, else all interfaces). */
  host?: string;
  /** Logging (default true); false silences Nest's and the request logs. */
  logger?: boolean;
  logLevel?: string;
  /** Deadline scan interval (due-soon notices, escalation; ms); default PETITION_ESCALATION_INTERVAL_MS, else 15 min; 0 disables. */
  escalationIntervalMs?: number;
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
  const every = opts.escalationIntervalMs ?? Number(process.env.PETITION_ESCALATION_INTERVAL_MS ?? 15 * 60_000);
  if (every > 0) {
    const scan = app.get(ScanDeadlines);
    const log = new NestLogger('DeadlineScheduler');
    const timer = setInterval(
      () =>
        void scan
          .execute()
          .then((r) => r.dueSoon.length + r.escalated.length && log.log(`due soon: ${r.dueSoon.length}, escalated: ${r.escalated.length}`))
          .catch((error: Error) => log.warn(`deadline scan failed: ${error.message}`)),
      every,
    );
    timer.unref();
    const close = app.close.bind(app);
    app.close = async () => {
      clearInterval(timer);
      await close();
    };
  }
  return app;
}

export function petitionOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Xã Số — petitions (petition-service)')
    .setDescription('Complaints, denunciations, recommendations and feedback: intake from agencies (1022 model), tracking, statistics.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Creates petition-service and listens on `opts.port ?? PORT ?? 4003`. */
export async function startPetitionService(opts: StartPetitionServiceOptions = {}): Promise<INestApplication> {
  const app = await createPetitionApp(opts);
  await app.listen(opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 4003), opts.host ?? process.env.HOST ?? '0.0.0.0');
  return app;
}
