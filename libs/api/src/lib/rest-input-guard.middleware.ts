import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';
import { findUnsafeString, stringProblem, unsafeInputError } from './input-guard';
import { readTextBody, textBodyRouteOf } from './text-body-routes';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function decodedPath(req: Request): string | undefined {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return undefined; // malformed escapes: the router refuses them with its own 400
  }
}

/**
 * The REST side of the input guard (`/api/...` only; GraphQL arguments have `inputGuardPlugin`):
 * a body of any media type but JSON is 415 UNSUPPORTED_MEDIA_TYPE, not silently an empty object
 * (malformed JSON the body parser refuses: 400), except on the routes of `TEXT_BODY_ROUTES`
 * (a roll as text/csv), whose text is read here within the route's byte limit and becomes
 * `req.body` (a string; its bytes stay in `rawBody` for the gateway's proxy); the path, the
 * query string and the body may hold no control character (NUL…) and no string over the global
 * limit, wherever it sits (a text body: no control character; its length is the route's limit).
 * Runs after the body parser and before any guard, pipe or handler.
 */
@Injectable()
export class RestInputGuardMiddleware implements NestMiddleware {
  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && hasBody(req)) {
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim();
      const textRoute = JSON_MEDIA_TYPE.test(mediaType) ? undefined : textBodyRouteOf(req, mediaType);
      if (textRoute) return this.textBody(req, textRoute.maxBytes, next);
      if (!JSON_MEDIA_TYPE.test(mediaType)) {
        return next(
          new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            `Request bodies must be JSON (Content-Type: application/json), got ${mediaType ? JSON.stringify(mediaType.slice(0, 100)) : 'none'}`,
            'Nội dung yêu cầu phải là JSON (Content-Type: application/json)',
            415,
          ),
        );
      }
    }
    const unsafe = findUnsafeString(decodedPath(req), 'path') ?? findUnsafeString(req.query, 'query') ?? findUnsafeString(req.body, 'body');
    next(unsafe ? unsafeInputError(unsafe) : undefined);
  }

  private async textBody(req: Request, maxBytes: number, next: NextFunction): Promise<void> {
    try {
      const text = req.readableEnded && typeof req.body === 'string' ? req.body : await readTextBody(req, maxBytes);
      req.body = text;
      const unsafe = findUnsafeString(decodedPath(req), 'path') ?? findUnsafeString(req.query, 'query') ?? (stringProblem(text, Number.MAX_SAFE_INTEGER) ? { field: 'body', problem: 'CONTROL_CHARACTER' as const } : undefined);
      next(unsafe ? unsafeInputError(unsafe) : undefined);
    } catch (error) {
      next(error);
    }
  }
}
