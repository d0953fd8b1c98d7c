import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TransactionRunner } from '@xaso/persistence';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { AppError, ValidationFailedError } from '../app-error';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { IDEMPOTENCY_KEY_SYNTAX, requestFingerprint } from './request-fingerprint';
import { IDEMPOTENCY_SECRET_FIELDS, withoutSecretFields } from './secret-fields';

interface HttpRequest {
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { sub?: string };
}

interface HttpResponse {
  statusCode: number;
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request', 'Idempotency-Key này đã được dùng cho một yêu cầu khác', 422);
  }
}

/**
 * `Idempotency-Key` on every REST POST of a service, per principal (the token's `sub`): the key
 * row is written in the same transaction as the handler's work (use cases join it through
 * `TransactionRunner`), so a response is stored iff the change committed. A retry with the same
 * key and request (method, path, body) replays the stored status and body with
 * `Idempotent-Replayed: true`; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED;
 * a concurrent duplicate waits for the first and then replays. Failed requests store nothing.
 * Anonymous POSTs are not deduplicated (a key must not let one caller read another's response).
 * Fields marked `@IdempotencySecretFields(...)` on the handler are never stored (a replay has them null).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly store: IdempotencyKeyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header.join(', ') : header;
    if (!IDEMPOTENCY_KEY_SYNTAX.test(key)) {
      throw new ValidationFailedError(
        'Idempotency-Key must be 1–255 printable ASCII characters',
        'Idempotency-Key phải gồm 1–255 ký tự ASCII in được',
        { field: IDEMPOTENCY_KEY_HEADER },
      );
    }
    const principal = req.user?.sub;
    if (!principal) return next.handle();
    const res = http.getResponse<HttpResponse>();
    const path = req.originalUrl ?? req.url;
    const request = { principal, key, method: req.method, path, requestHash: requestFingerprint(req.method, path, req.body) };
    return from(
      this.transactions.run(async () => {
        if (!(await this.store.claim(request))) {
          const stored = await this.store.stored(principal, key);
          if (stored.requestHash !== request.requestHash) throw new IdempotencyKeyReusedError();
          res.status(stored.statusCode);
          res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return stored.body;
        }
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const secretFields = this.reflector.get<string[] | undefined>(IDEMPOTENCY_SECRET_FIELDS, context.getHandler());
        await this.store.complete(principal, key, res.statusCode, body === undefined ? null : withoutSecretFields(body, secretFields));
        return body;
      }),
    );
  }
}
