import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import { TokenVerifier } from '@xaso/auth';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '@xaso/observability';
import type { NextFunction, Request, Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig, type RestRoute } from '../config';
import { sendProblem } from './problem';

/** Retry-After of the gateway's own 503 for a service that does not answer (as the services' own 503). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Headers that describe one hop and are never forwarded (RFC 9110 §7.6.1), plus ones fetch sets itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

/** Response headers not copied back: the body we send is already decoded and re-measured. */
const DROP_FROM_RESPONSE = new Set([...HOP_BY_HOP, 'content-encoding']);

export function findRoute(routes: RestRoute[], path: string): RestRoute | undefined {
  let best: RestRoute | undefined;
  for (const route of routes) {
    const prefix = route.prefix.replace(/\/+$/, '');
    if ((path === prefix || path.startsWith(`${prefix}/`)) && (!best || prefix.length > best.prefix.length)) best = route;
  }
  return best;
}

async function readBody(req: Request & { rawBody?: Buffer }): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (req.rawBody) return req.rawBody; // JSON (Nest's parser) or a text body of TEXT_BODY_ROUTES (the input guard), byte for byte
  if (req.readableEnded) {
    if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
    // Parsed by a body parser without rawBody: re-encode as JSON.
    return req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/**
 * REST facade: `/api/v1/<prefix>...` is forwarded as-is to the service that owns the prefix.
 * Request headers (Authorization, Idempotency-Key, x-correlation-id, conditional headers, ...)
 * go through; status, headers and body come back unchanged (problem+json included).
 * A present-but-invalid bearer token is refused here with 401; no token is let through.
 */
@Injectable()
export class RestProxyMiddleware implements NestMiddleware {
  private readonly logger = new Logger('RestProxy');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = req.originalUrl.split('?')[0];
    const route = findRoute(this.config.restRoutes, path);
    if (!route) return next();
    const target = this.config.restTargets[route.service];
    if (!target) {
      return sendProblem(res, 503, 'SERVICE_UNAVAILABLE', `The ${route.service} service is not running`, `Dịch vụ ${route.service} chưa hoạt động`, req.originalUrl);
    }
    try {
      await this.verifier.verifyAuthorizationHeader(req.headers.authorization);
    } catch {
      return sendProblem(res, 401, 'UNAUTHENTICATED', 'Sign-in required or token invalid', 'Chưa đăng nhập hoặc mã thông báo không hợp lệ', req.originalUrl);
    }

    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const correlationId = correlationIdFrom(req);
    if (correlationId) headers.set(CORRELATION_ID_HEADER, correlationId);
    headers.set('x-forwarded-for', [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '));
    headers.set('x-forwarded-proto', req.protocol);
    if (req.headers.host) headers.set('x-forwarded-host', req.headers.host);

    let upstream: globalThis.Response;
    try {
      const body = await readBody(req);
      upstream = await fetch(`${target}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: body && body.length ? new Uint8Array(body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      this.logger.warn(`${req.method} ${req.originalUrl} → ${route.service} failed: ${(error as Error).message}`);
      // A service that is down or restarting is a "try again", as in GraphQL (SUBGRAPH_UNAVAILABLE).
      const reason = ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name) || 'unknown';
      return sendProblem(
        res,
        503,
        'SUBGRAPH_UNAVAILABLE',
        `The ${route.service} service cannot be reached right now; try again in a few seconds`,
        `Dịch vụ ${route.service} tạm thời không truy cập được; vui lòng thử lại sau vài giây`,
        req.originalUrl,
        { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS, details: { service: route.service, reason } },
      );
    }

    res.status(upstream.status);
    upstream.headers.forEach((value, name) => {
      if (!DROP_FROM_RESPONSE.has(name) && name !== 'set-cookie') res.setHeader(name, value);
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length) res.setHeader('set-cookie', cookies);
    const payload = Buffer.from(await upstream.arrayBuffer());
    res.end(req.method === 'HEAD' ? undefined : payload);
  }
}
