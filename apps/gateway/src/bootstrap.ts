import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { json } from 'express';
import { BULK_JSON_LIMIT, BULK_JSON_PATHS, gatewayConfig, type GatewayConfigInput } from './config';
import { GatewayModule } from './gateway.module';

export interface StartGatewayOptions extends GatewayConfigInput {
  port: number;
  /** Interface to listen on (default all interfaces). */
  host?: string;
  logger?: LoggerService | false;
}

/**
 * Starts the public gateway: federated `/graphql`, REST facade `/api/v1/...`, merged OpenAPI at
 * `/api/v1/openapi.json` with Swagger UI at `/api/docs`. Subgraphs and REST targets come from the
 * arguments, else from SUBGRAPHS / REST_TARGETS / REST_ROUTES.
 */
export async function startGateway(options: StartGatewayOptions): Promise<INestApplication> {
  const config = gatewayConfig(options);
  const quiet = options.logger === false;
  const app = await NestFactory.create(GatewayModule.forRoot(config), {
    rawBody: true, // the REST facade forwards request bodies byte for byte
    logger: quiet ? false : options.logger,
    bufferLogs: !quiet && !options.logger,
  });
  if (!quiet && !options.logger) app.useLogger(app.get(Logger));
  // No weak ETag (a SHA-1 of every body) on /graphql answers and the gateway's own routes; the REST
  // facade passes the services' own ETag through untouched.
  (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('etag', false);
  app.enableShutdownHooks();
  // Bulk endpoints take JSON bodies beyond the default 100 kB (kept byte for byte for the proxy).
  // Wrapped under another name: Nest skips its own parser when it sees a layer named `jsonParser`.
  const bulkJson = json({ limit: BULK_JSON_LIMIT, verify: (req, _res, buf) => void ((req as typeof req & { rawBody?: Buffer }).rawBody = buf) });
  for (const path of BULK_JSON_PATHS) app.use(path, function bulkJsonParser(req: never, res: never, next: never) { bulkJson(req, res, next); });
  SwaggerModule.setup('api/docs', app, () => ({}) as OpenAPIObject, {
    raw: false,
    swaggerUrl: '/api/v1/openapi.json',
    customSiteTitle: 'Xã Số API',
  });
  await app.listen(options.port, options.host ?? '0.0.0.0');
  return app;
}
