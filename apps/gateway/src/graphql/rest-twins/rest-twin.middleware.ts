import { Inject, Injectable, type NestMiddleware, type OnModuleDestroy } from '@nestjs/common';
import { findUnsafeGraphQLInput } from '@xaso/api';
import { TokenVerifier } from '@xaso/auth';
import type { NextFunction, Request, Response } from 'express';
import { getArgumentValues, getVariableValues, type GraphQLSchema } from 'graphql';
import { Agent, request } from 'undici';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { ApiSchemaHolder } from '../api-schema.holder';
import { forwardedHeaders } from '../gateway-graphql';
import { NOT_ANSWERED, projectRestBody } from './rest-twin-projection';
import { planRestTwin, type RestTwinPlan } from './rest-twin-plan';
import { REST_TWINS } from './rest-twins';

/** Apollo's answer types for a single result, in its order of preference (ApolloServer's chooseContentTypeForSingleResultResponse). */
const ANSWER_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0'];
const ANSWERED_TYPES = new Set(ANSWER_TYPES.slice(0, 2));
/** Longer query texts are not twins' and not remembered. */
const MAX_QUERY_LENGTH = 4_096;
/** Query texts whose plan (or its absence) is remembered; the memory starts again when full. */
const MAX_PLANS = 1_000;
const UNCACHEABLE = 'no-store';
const REQUEST_KEYS = new Set(['query', 'variables', 'operationName']);

interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** A POST body as Apollo takes it, with nothing Apollo would treat specially (extensions, persisted queries, batches). */
function plainGraphQLRequest(body: unknown): GraphQLRequestBody | undefined {
  if (!isPlainObject(body) || typeof body.query !== 'string' || body.query.length > MAX_QUERY_LENGTH) return undefined;
  for (const key in body) if (!REQUEST_KEYS.has(key)) return undefined;
  if (body.variables !== undefined && body.variables !== null && !isPlainObject(body.variables)) return undefined;
  if (body.operationName !== undefined && body.operationName !== null && typeof body.operationName !== 'string') return undefined;
  return body as unknown as GraphQLRequestBody;
}

/** The content type of Apollo's answer, negotiated as Apollo does; the common `Accept`s without the negotiation. */
function answerType(req: Request): string | false {
  const accept = req.headers.accept;
  if (accept === undefined || accept === '*/*' || accept === 'application/json') return ANSWER_TYPES[0];
  return req.accepts(ANSWER_TYPES);
}

/**
 * `POST /graphql`, ahead of Apollo: a public query of one field that its service also serves as
 * REST (REST_TWINS) is answered from that REST resource, one HTTP call and a projection of its
 * JSON onto the selection, instead of Apollo's request pipeline, query plan, subgraph execution
 * and result merge: the answer's bytes are Apollo's (apps/dossier-service/src/dossiers/api/
 * tracking-rest-twin.e2e.spec.ts compares them). Whatever is not plainly such a query, and every
 * answer that is not a 200 with a body fitting the selection (a wrong last 4 digits, bad input,
 * an invalid token, the service away), goes on to Apollo, which answers it as always: the
 * shortcut never writes an error of its own.
 */
@Injectable()
export class RestTwinMiddleware implements NestMiddleware, OnModuleDestroy {
  private readonly pool = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  private plans = new Map<string, RestTwinPlan | null>();
  private plannedFor: GraphQLSchema | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly schemas: ApiSchemaHolder,
    private readonly verifier: TokenVerifier,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    let answer: string | undefined;
    let type: string | false = false;
    try {
      const body = plainGraphQLRequest(req.body);
      const plan = body && this.planFor(body);
      type = plan ? answerType(req) : false;
      if (plan && type && ANSWERED_TYPES.has(type)) answer = await this.answer(req, plan, body);
    } catch {
      answer = undefined; // anything unexpected is Apollo's to answer, with its own error if it is one
    }
    if (answer === undefined || !type) return next();
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('cache-control', UNCACHEABLE); // what Apollo's cache-control plugin says of an answer without cache hints
    const bytes = Buffer.from(answer); // encoded once, not measured and then encoded again
    res.setHeader('content-length', bytes.length);
    res.end(bytes);
  }

  private planFor(body: GraphQLRequestBody): RestTwinPlan | undefined {
    const schema = this.schemas.schema;
    if (!schema || !REST_TWINS.some((twin) => body.query.includes(twin.field))) return undefined;
    if (schema !== this.plannedFor) {
      this.plans = new Map();
      this.plannedFor = schema;
    }
    const key = `${body.operationName ?? ''}\n${body.query}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = planRestTwin(schema, REST_TWINS, body.query, body.operationName ?? undefined, this.config) ?? null;
      if (this.plans.size >= MAX_PLANS) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan ?? undefined;
  }

  /** The answer's JSON text, or undefined when Apollo must answer. */
  private async answer(req: Request, plan: RestTwinPlan, body: GraphQLRequestBody): Promise<string | undefined> {
    const schema = this.plannedFor as GraphQLSchema;
    const inputs = body.variables ?? {};
    const variables = getVariableValues(schema, plan.operation.variableDefinitions ?? [], inputs);
    if (variables.errors || findUnsafeGraphQLInput(schema, plan.document, plan.operation, inputs)) return undefined;
    const path = plan.twin.path(getArgumentValues(plan.field, plan.fieldNode, variables.coerced));
    const target = this.config.restTargets[plan.twin.service];
    if (!path || !target) return undefined;
    // As Apollo's context does: a present token must be valid (the service verifies it again).
    await this.verifier.verifyAuthorizationHeader(req.headers.authorization);

    const headers = { ...forwardedHeaders(req), accept: 'application/json' };
    const upstream = await request(`${target}${path}`, { method: 'GET', headers, dispatcher: this.pool });
    if (upstream.statusCode !== 200) {
      await upstream.body.dump();
      return undefined;
    }
    const projected = projectRestBody(plan.root, await upstream.body.json());
    if (projected === NOT_ANSWERED) return undefined;
    return `${JSON.stringify({ data: { [plan.root.responseKey]: projected } })}\n`;
  }
}
