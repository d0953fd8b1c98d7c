import { Inject, Injectable, Logger, type NestMiddleware, type OnModuleDestroy } from '@nestjs/common';
import { TokenVerifier } from '@xaso/auth';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '@xaso/observability';
import type { NextFunction, Request, Response } from 'express';
import { Agent, type Dispatcher, request } from 'undici';
import { GATEWAY_CONFIG, type GatewayConfig, type RestRoute } from '../config';
import { sendProblem } from './problem';

/** Retry-After of the gateway's own 503 for a service that does not answer (as the services' own 503). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Headers that describe one hop and are never forwarded (RFC 9110 §7.6.1), plus ones the client sets itself. */
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

/** Response headers not copied back: the body we send is re-measured (and passed through undecoded). */
const DROP_FROM_RESPONSE = HOP_BY_HOP;

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
export class RestProxyMiddleware implements NestMiddleware, OnModuleDestroy {
  private readonly logger = new Logger('RestProxy');

  /**
   * undici's `request` over one keep-alive pool rather than WHATWG `fetch` (Request, Headers and
   * Response objects and web streams per call: a third of the gateway's CPU for a REST submission).
   * No redirect is followed; the body comes back as the service sent it.
   */
  private readonly pool = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: 30_000, bodyTimeout: 30_000 });

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

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

    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = value;
    }
    const correlationId = correlationIdFrom(req);
    if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    headers['x-forwarded-proto'] = req.protocol;
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;

    let upstream: Dispatcher.ResponseData;
    let payload: Buffer;
    try {
      const body = await readBody(req);
      upstream = await request(`${target}${req.originalUrl}`, {
        method: req.method as Dispatcher.HttpMethod,
        headers,
        body: body && body.length ? body : undefined,
        dispatcher: this.pool,
      });
      payload = Buffer.from(await upstream.body.arrayBuffer());
    } catch (error) {
      this.logger.warn(`${req.method} ${req.originalUrl} → ${route.service} failed: ${(error as Error).message}`);
      // A service that is down or restarting is a "try again", as in GraphQL (SUBGRAPH_UNAVAILABLE).
      const failure = error as { code?: string; cause?: { code?: string }; name?: string };
      const reason = (failure.code ?? failure.cause?.code ?? failure.name) || 'unknown';
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

    res.status(upstream.statusCode);
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !DROP_FROM_RESPONSE.has(name)) res.setHeader(name, value);
    }
    res.end(req.method === 'HEAD' ? undefined : payload);
  }
}
