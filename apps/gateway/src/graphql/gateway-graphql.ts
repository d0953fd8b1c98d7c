import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { formatGraphQLError, inputGuardPlugin, sharedScalarsPlugin } from '@xaso/api';
import { type AuthUser, TokenVerifier } from '@xaso/auth';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '@xaso/observability';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from '../config';
import { ApiSchemaHolder } from './api-schema.holder';
import { complexityLimitPlugin } from './complexity';
import { pooledSubgraphFetcher } from './subgraph-fetcher';
import { SubgraphComposer } from './supergraph';

export interface GatewayContext {
  req?: Request;
  user?: AuthUser;
}

/** Request headers every subgraph call carries on (each subgraph verifies the token again). */
export const FORWARDED_HEADERS = ['authorization', 'x-correlation-id', 'accept-language', 'traceparent', 'tracestate'];

/**
 * The error for the fields of a subgraph that cannot be reached (its service is down, restarting
 * or not yet started): coded and bilingual, so the caller knows to try again, while the fields of
 * the other subgraphs are still answered.
 */
export function subgraphUnavailableError(subgraph: string, reason?: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} service cannot be reached right now; try again in a few seconds`, {
    extensions: {
      code: 'SUBGRAPH_UNAVAILABLE',
      messageEn: `The ${subgraph} service cannot be reached right now; try again in a few seconds`,
      messageVi: `Dịch vụ ${subgraph} tạm thời không kết nối được; vui lòng thử lại sau vài giây`,
      details: { subgraph, ...(reason ? { reason } : {}) },
    },
  });
}

/** The caller's headers a service call carries on (FORWARDED_HEADERS), with the request's settled correlation id. */
export function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string' && value !== '') headers[name] = value;
  }
  // The id the observability middleware settled on (the caller's, or a new one).
  const correlationId = correlationIdFrom(req);
  if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
  return headers;
}

type SubgraphRequest = GraphQLDataSourceProcessOptions<GatewayContext>['request'];
type SubgraphAnswer = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type FetcherResponse = NonNullable<Parameters<RemoteGraphQLDataSource['didEncounterError']>[2]>;

/** A proxy or load balancer in front of a subgraph answering for it while it is away. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

type SubgraphHeaders = NonNullable<SubgraphRequest['http']>['headers'];

/**
 * The headers of a subgraph call as a plain record. Apollo's are node-fetch `Headers`, whose
 * iterator sorts the names again for every entry (7 µs a call, 1 % of a tracking request at the
 * gateway); `raw()` hands over the map it keeps.
 */
export function headerRecord(headers: SubgraphHeaders): Record<string, string> {
  const raw = (headers as SubgraphHeaders & { raw?: () => Record<string, string[]> }).raw?.();
  if (!raw) return Object.fromEntries(headers);
  const record: Record<string, string> = {};
  for (const name in raw) record[name] = raw[name].join(', ');
  return record;
}

/** Sends the caller's Authorization, correlation id and language on to the subgraphs. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly subgraphName = 'subgraph',
  ) {
    super(options);
    // Apollo's own sendRequest (a private method) builds a node-fetch Request per subgraph call
    // only to hand it to the error hooks, which do not read it: 4% of the gateway's CPU for a
    // tracking request. Same steps without it.
    Object.defineProperty(this, 'sendRequest', { value: this.send.bind(this) });
  }

  private async send(request: SubgraphRequest, context: GatewayContext): Promise<SubgraphAnswer> {
    const { http, ...operation } = request;
    if (!http) throw new Error("Internal error: Only 'http' requests are supported.");
    const init = { method: http.method, headers: headerRecord(http.headers), body: JSON.stringify(operation) };
    let response: FetcherResponse | undefined;
    try {
      response = await this.fetcher(http.url, init);
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, undefined, context);
      if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
      return { ...body, http: response } as SubgraphAnswer;
    } catch (error) {
      this.didEncounterError(error as Error, undefined, response);
      throw error;
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const req = (context as GatewayContext | undefined)?.req;
    if (!req || !request.http) return;
    const forwarded = forwardedHeaders(req);
    for (const name in forwarded) request.http.headers.set(name, forwarded[name]);
  }

  /**
   * A subgraph that refuses a request outright (HTTP 4xx: bad variables, a failed validation)
   * explains why in a GraphQL body: pass its code and messages on instead of Apollo's
   * code-less "400: Bad Request", which the caller would see as INTERNAL_SERVER_ERROR.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined)?.errors?.[0];
    const code = first?.extensions?.code;
    if (UNAVAILABLE_STATUSES.has(response.status) && typeof code !== 'string') {
      return subgraphUnavailableError(this.subgraphName, `HTTP ${response.status}`);
    }
    if (response.status >= 500 || typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') return fallback;
    const { code: _code, ...extensions } = first?.extensions ?? {};
    return new GraphQLError(typeof first?.message === 'string' ? first.message : fallback.message, {
      extensions: { ...extensions, code, http: { status: response.status } },
    });
  }

  /**
   * No response at all (connection refused or reset: the service is down or restarting) reached
   * Apollo as a bare `fetch failed`, shown as INTERNAL_SERVER_ERROR; it is the subgraph being away.
   * The next request tries the subgraph again, so nothing needs a restart when it is back.
   */
  override didEncounterError(error: Error, fetchRequest: unknown, fetchResponse?: unknown): void {
    if (fetchResponse === undefined && !(error instanceof GraphQLError)) {
      // fetch wraps the socket error in `cause`; undici's request rejects with it directly.
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
      throw subgraphUnavailableError(this.subgraphName, typeof code === 'string' ? code : error.message);
    }
    throw error;
  }
}

function unauthenticatedGraphQLError(): GraphQLError {
  const messageEn = 'Sign-in required or token invalid';
  return new GraphQLError(messageEn, {
    extensions: {
      code: 'UNAUTHENTICATED',
      messageEn,
      messageVi: 'Chưa đăng nhập hoặc mã thông báo không hợp lệ',
      http: { status: 401 },
    },
  });
}

/**
 * The gateway's GraphQL settings: a supergraph composed from the subgraphs' own SDL, JWT
 * checked once here (a bad token stops the request; no token goes through and the subgraphs
 * decide), depth and cost limits, CSRF prevention, bilingual error codes, introspection off
 * in production.
 */
export function gatewayGraphQLOptions(config: GatewayConfig, verifier: TokenVerifier, apiSchema = new ApiSchemaHolder()): ApolloGatewayDriverConfig {
  const subgraphCalls = pooledSubgraphFetcher();
  return {
    server: {
      path: '/graphql',
      playground: false,
      introspection: config.introspection,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      formatError: formatGraphQLError,
      plugins: [
        sharedScalarsPlugin(),
        apiSchema.plugin(),
        inputGuardPlugin(),
        complexityLimitPlugin({ maxDepth: config.maxDepth, maxCost: config.maxCost, defaultListSize: config.defaultListSize }),
      ],
      context: async ({ req }: { req: Request }): Promise<GatewayContext> => {
        let user: AuthUser | undefined;
        try {
          user = await verifier.verifyAuthorizationHeader(req.headers.authorization);
        } catch {
          throw unauthenticatedGraphQLError();
        }
        return { req, user };
      },
    },
    gateway: {
      supergraphSdl: new SubgraphComposer(config.subgraphs, {
        startupTimeoutMs: config.startupTimeoutMs,
        pollIntervalMs: config.pollIntervalMs,
      }),
      // undici (one keep-alive pool, `request` rather than WHATWG fetch: see subgraph-fetcher.ts)
      // honours the subgraphs' `Keep-Alive: timeout=5` and drops idle sockets before the server
      // does; Apollo's default (make-fetch-happen, no retries) keeps them longer and, under load,
      // now and then writes to one the server just closed: ECONNRESET, which the caller saw as
      // INTERNAL_SERVER_ERROR (found by the fuzz suite).
      buildService: ({ name, url }) =>
        new ForwardingDataSource({ url, fetcher: subgraphCalls.fetcher as unknown as ForwardingDataSource['fetcher'] }, name),
    },
  };
}
