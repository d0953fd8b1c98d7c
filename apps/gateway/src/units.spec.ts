import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_REST_ROUTES, gatewayConfig, parseSubgraphs } from './config';
import { operationCost } from './graphql/complexity';
import { mergeOpenApiDocuments } from './rest/openapi';
import { findRoute } from './rest/rest-proxy.middleware';

const schema = buildSchema(`
  type Query { unit: Unit units(first: Int): UnitConnection! list: [Unit!]! }
  type Unit { code: String! name: String! children(first: Int): UnitConnection! tags: [String!]! parent: Unit }
  type UnitConnection { edges: [Edge!]! totalCount: Int! }
  type Edge { node: Unit! cursor: String! }
`);

const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode, variables, 20);
};

describe('operationCost', () => {
  it('counts one per field', () => {
    expect(cost('{ unit { code name parent { code } } }')).toBe(5);
  });

  it('multiplies the selection under a paginated field by first, without multiplying its edges again', () => {
    // units(1) + 10 × (edges(1) + node(1) + code(1) + cursor(1)) + totalCount(1)
    expect(cost('{ units(first: 10) { edges { node { code } cursor } totalCount } }')).toBe(1 + 10 * 5);
    expect(cost('query($n: Int) { units(first: $n) { totalCount } }', { n: 7 })).toBe(1 + 7);
  });

  it('uses the default size for a paginated field without first and for plain lists', () => {
    expect(cost('{ units { totalCount } }')).toBe(1 + 20);
    expect(cost('{ list { code } }')).toBe(1 + 20);
  });

  it('follows fragments and ignores introspection', () => {
    expect(cost('{ unit { ...F } __typename } fragment F on Unit { code ... on Unit { name } }')).toBe(3);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('mergeOpenApiDocuments', () => {
  it('merges paths and components, renaming a conflicting component and its $refs', () => {
    const merged = mergeOpenApiDocuments([
      {
        service: 'merger',
        document: { openapi: '3.0.0', paths: { '/api/v1/administrative-units': { get: { responses: { 200: { $ref: '#/components/schemas/Page' } } } } }, components: { schemas: { Page: { type: 'object' }, Problem: { type: 'object' } } } },
      },
      {
        service: 'dossier',
        document: { openapi: '3.0.0', paths: { '/api/v1/dossiers': { get: { responses: { 200: { $ref: '#/components/schemas/Page' } } } } }, components: { schemas: { Page: { type: 'array' }, Problem: { type: 'object' } } } },
      },
    ]) as { paths: Record<string, any>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(merged.paths)).toEqual(['/api/v1/administrative-units', '/api/v1/dossiers']);
    expect(Object.keys(merged.components.schemas).sort()).toEqual(['DossierPage', 'Page', 'Problem']);
    expect(merged.paths['/api/v1/dossiers'].get.responses[200].$ref).toBe('#/components/schemas/DossierPage');
    expect(merged.paths['/api/v1/administrative-units'].get.responses[200].$ref).toBe('#/components/schemas/Page');
  });
});

describe('configuration', () => {
  it('reads SUBGRAPHS and derives the REST targets from the subgraph origins', () => {
    const config = gatewayConfig({}, { SUBGRAPHS: 'merger=http://127.0.0.1:4001/graphql, dossier=http://10.0.0.2:4002/graphql', REST_TARGETS: 'dossier=http://dossier:8080/' });
    expect(config.subgraphs).toEqual(parseSubgraphs('merger=http://127.0.0.1:4001/graphql,dossier=http://10.0.0.2:4002/graphql'));
    expect(config.restTargets).toEqual({ merger: 'http://127.0.0.1:4001', dossier: 'http://dossier:8080' });
    expect(config.restRoutes).toBe(DEFAULT_REST_ROUTES);
    expect(config).toMatchObject({ maxDepth: 12, maxCost: 5000, defaultListSize: 20, introspection: true });
  });

  it('turns introspection off in production and rejects malformed values', () => {
    expect(gatewayConfig({}, { NODE_ENV: 'production' }).introspection).toBe(false);
    expect(() => gatewayConfig({}, { SUBGRAPHS: 'merger' })).toThrow(/name=value/);
    expect(() => gatewayConfig({}, { GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH/);
  });

  it('routes by the longest matching prefix, on path-segment boundaries', () => {
    const routes = [{ prefix: '/api/v1/dossiers', service: 'dossier' }, { prefix: '/api/v1/dossiers/stats', service: 'stats' }];
    expect(findRoute(routes, '/api/v1/dossiers')?.service).toBe('dossier');
    expect(findRoute(routes, '/api/v1/dossiers/X-1')?.service).toBe('dossier');
    expect(findRoute(routes, '/api/v1/dossiers/stats/2025')?.service).toBe('stats');
    expect(findRoute(routes, '/api/v1/dossiersX')).toBeUndefined();
  });

  it('routes every REST controller of the services (apps/*-service) to its owner by default', () => {
    // Read as text (the gateway never imports service code): `@Controller('api/v1/<prefix>')`.
    const appsDir = join(__dirname, '..', '..');
    const controllers: { service: string; path: string }[] = [];
    const walk = (dir: string, service: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full, service);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
          for (const match of readFileSync(full, 'utf8').matchAll(/@Controller\(\s*['"`]\/?(api\/v1\/[^'"`]+)['"`]/g)) {
            controllers.push({ service, path: `/${match[1]}` });
          }
        }
      }
    };
    for (const dir of readdirSync(appsDir).filter((d) => d.endsWith('-service') && existsSync(join(appsDir, d, 'src')))) {
      walk(join(appsDir, dir, 'src'), dir.replace(/-service$/, ''));
    }
    expect(controllers.map((c) => c.path)).toEqual(expect.arrayContaining(['/api/v1/administrative-units', '/api/v1/dossiers', '/api/v1/procedures', '/api/v1/petitions']));
    for (const controller of controllers) {
      expect({ path: controller.path, service: findRoute(DEFAULT_REST_ROUTES, controller.path)?.service }).toEqual({ path: controller.path, service: controller.service });
    }
  });
});
