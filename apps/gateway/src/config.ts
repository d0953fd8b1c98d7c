/** One federation subgraph: a service name and the URL of its `/graphql` endpoint. */
export interface SubgraphTarget {
  name: string;
  url: string;
}

/** A REST path prefix under `/api/v1` and the service that owns it. */
export interface RestRoute {
  prefix: string;
  service: string;
}

export interface GatewayConfig {
  subgraphs: SubgraphTarget[];
  /** Service name → base URL of its HTTP server (REST and `/openapi.json`), e.g. `http://127.0.0.1:4101`. */
  restTargets: Record<string, string>;
  restRoutes: RestRoute[];
  maxDepth: number;
  maxCost: number;
  defaultListSize: number;
  /** How long the gateway keeps retrying to reach the subgraphs at start-up. */
  startupTimeoutMs: number;
  /** Re-read the subgraph schemas every N ms (0 = never). */
  pollIntervalMs: number;
  introspection: boolean;
  /**
   * Answer the public one-field queries whose service serves the same fields as REST from that REST
   * resource (graphql/rest-twins), ahead of Apollo. `GRAPHQL_REST_TWINS=off` sends every query through Apollo.
   */
  restTwins: boolean;
  /** GraphiQL for browsers at GET /graphql (assets from node_modules, no CDN); never in production. */
  explorer: boolean;
}

/**
 * Which service owns which REST prefix. Static on purpose: a new service adds its line here.
 * Overridable with `REST_ROUTES="/api/v1/dossiers=dossier,/api/v1/foo=bar"`.
 */
export const DEFAULT_REST_ROUTES: RestRoute[] = [
  { prefix: '/api/v1/administrative-units', service: 'merger' },
  { prefix: '/api/v1/rearrangement-plans', service: 'merger' },
  { prefix: '/api/v1/rearrangements', service: 'merger' },
  { prefix: '/api/v1/procedures', service: 'dossier' },
  { prefix: '/api/v1/dossiers', service: 'dossier' },
  { prefix: '/api/v1/calendar', service: 'dossier' },
  { prefix: '/api/v1/petitions', service: 'petition' },
  { prefix: '/api/v1/reception-sessions', service: 'petition' },
  { prefix: '/api/v1/polls', service: 'voting' },
  { prefix: '/api/v1/evaluations', service: 'evaluation' },
  { prefix: '/api/v1/scorecards', service: 'evaluation' },
  { prefix: '/api/v1/evaluation', service: 'evaluation' },
];

/** REST paths whose JSON bodies may pass the default 100 kB (merger's 1,000-address batch, dossier's 1,000-row legacy import), up to BULK_JSON_LIMIT. */
export const BULK_JSON_PATHS: readonly string[] = ['/api/v1/administrative-units/resolve-legacy-addresses', '/api/v1/dossiers/legacy-imports'];
export const BULK_JSON_LIMIT = '2mb';

function pairs(value: string | undefined): [string, string][] {
  if (!value) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const at = item.indexOf('=');
      if (at <= 0) throw new Error(`Expected name=value, got "${item}"`);
      return [item.slice(0, at).trim(), item.slice(at + 1).trim()] as [string, string];
    });
}

/** `SUBGRAPHS="merger=http://127.0.0.1:4001/graphql,dossier=http://..."`. */
export function parseSubgraphs(value: string | undefined): SubgraphTarget[] {
  return pairs(value).map(([name, url]) => ({ name, url: new URL(url).toString() }));
}

/** `REST_TARGETS="merger=http://127.0.0.1:4001"`; services not named there use their subgraph URL's origin. */
export function resolveRestTargets(subgraphs: SubgraphTarget[], overrides: Record<string, string> = {}): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const subgraph of subgraphs) targets[subgraph.name] = new URL(subgraph.url).origin;
  for (const [name, url] of Object.entries(overrides)) targets[name] = url.replace(/\/+$/, '');
  return targets;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function onOffEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new Error(`${name} must be on or off, got "${env[name]}"`);
}

export interface GatewayConfigInput {
  subgraphs?: SubgraphTarget[];
  restTargets?: Record<string, string>;
  restRoutes?: RestRoute[];
  restTwins?: boolean;
}

/** Environment first, programmatic values (the all-in-one launcher, tests) override it. */
export function gatewayConfig(input: GatewayConfigInput = {}, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphs = input.subgraphs ?? parseSubgraphs(env.SUBGRAPHS);
  const envRoutes = pairs(env.REST_ROUTES).map(([prefix, service]) => ({ prefix, service }));
  const restTargets = resolveRestTargets(subgraphs, { ...Object.fromEntries(pairs(env.REST_TARGETS)), ...input.restTargets });
  return {
    subgraphs,
    restTargets,
    restRoutes: input.restRoutes ?? (envRoutes.length ? envRoutes : DEFAULT_REST_ROUTES),
    maxDepth: intEnv(env, 'GRAPHQL_MAX_DEPTH', 12),
    maxCost: intEnv(env, 'GRAPHQL_MAX_COST', 5000),
    defaultListSize: intEnv(env, 'GRAPHQL_DEFAULT_LIST_SIZE', 20),
    startupTimeoutMs: intEnv(env, 'GATEWAY_STARTUP_TIMEOUT_MS', 60_000),
    pollIntervalMs: intEnv(env, 'SUBGRAPH_POLL_INTERVAL_MS', 0),
    introspection: env.NODE_ENV !== 'production',
    explorer: env.NODE_ENV !== 'production',
    restTwins: input.restTwins ?? onOffEnv(env, 'GRAPHQL_REST_TWINS', true),
  };
}

export const GATEWAY_CONFIG = Symbol('XASO_GATEWAY_CONFIG');
