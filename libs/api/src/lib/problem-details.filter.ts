import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorView } from './error-mapping';

/**
 * GraphQL treats what a resolver's filter returns as an error only when it is `instanceof Error`;
 * an error object of another realm (Node's socket errors under Jest's vm) would become the field's
 * value. Such a one is wrapped, as its `cause`, so the formatter still sees and maps it.
 */
function asLocalError(exception: unknown): unknown {
  if (exception instanceof Error || typeof exception !== 'object' || exception === null) return exception;
  const message = (exception as { message?: unknown }).message;
  return new Error(typeof message === 'string' ? message : 'error', { cause: exception });
}

/**
 * REST errors as RFC 9457 problem+json. `type` is a stable URN per code, `title`/`detail` in
 * English with `detail_vi`/`title_vi` in Vietnamese (extension members), plus `code`.
 * GraphQL requests are left to the GraphQL formatter.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return asLocalError(exception);
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const view = toErrorView(exception);
    if (view.retryAfterSeconds !== undefined) {
      // A "try again" answer (the database restarting): expected during a failover, no stack.
      this.logger.warn(`${view.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
      response.setHeader('Retry-After', String(view.retryAfterSeconds));
    } else if (view.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    response
      .status(view.status)
      .type('application/problem+json')
      .json({
        type: `urn:xaso:problem:${view.code.toLowerCase().replace(/_/g, '-')}`,
        title: view.messageEn,
        status: view.status,
        detail: view.messageEn,
        detail_vi: view.messageVi,
        code: view.code,
        instance: request?.originalUrl,
        ...(view.details ? { details: view.details } : {}),
      });
    return undefined;
  }
}
