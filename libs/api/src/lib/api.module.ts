import { Global, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RestInputGuardMiddleware } from './rest-input-guard.middleware';
import { ApiValidationPipe } from './validation.pipe';

/**
 * The input rules of every service and the gateway, in one place: the REST input guard (JSON-only
 * bodies; no control characters or over-long strings in path, query or body), the bilingual
 * class-validator pipe, and the problem+json filter. GraphQL arguments get the same string rule
 * from `inputGuardPlugin` (in `subgraphGraphQLOptions` and the gateway's options).
 */
@Global()
@Module({
  providers: [
    { provide: APP_PIPE, useClass: ApiValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RestInputGuardMiddleware).forRoutes({ path: 'api/*path', method: RequestMethod.ALL });
  }
}
