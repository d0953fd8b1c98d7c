import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * REST bodies are JSON: a body of any other media type is 415 UNSUPPORTED_MEDIA_TYPE (problem+json),
 * not silently an empty object. (Malformed JSON is refused by the body parser: 400 problem+json.)
 */
@Injectable()
export class RestBodyGuardMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !hasBody(req)) return next();
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (JSON_MEDIA_TYPE.test(mediaType)) return next();
    next(
      new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Request bodies must be JSON (Content-Type: application/json), got ${mediaType ? JSON.stringify(mediaType.slice(0, 100)) : 'none'}`,
        'Nội dung yêu cầu phải là JSON (Content-Type: application/json)',
        415,
      ),
    );
  }
}
