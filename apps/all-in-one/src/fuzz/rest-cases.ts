import { type FuzzFixtures, hostileForSchema, validByName } from './values';

// OpenAPI documents are untyped JSON here, read defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface RestCase {
  /** `graphql-http`: the GraphQL endpoint's own HTTP handling (bodies, content types, methods). */
  surface: 'rest' | 'graphql-http';
  /** `POST /api/v1/dossiers/{code}/complete` */
  operation: string;
  path: string;
  hostile: string;
  method: string;
  url: string;
  /** Raw body and its content type (undefined: no body). */
  body?: string;
  contentType?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(schema: Json | undefined, document: Json, depth = 0): Json {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolve(document.components?.schemas?.[String(schema.$ref).split('/').pop() as string], document, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Json) => resolve(s, document, depth + 1)));
  return schema;
}

function validFromSchema(schema: Json, name: string, route: string, fixtures: FuzzFixtures, document: Json, depth = 0): unknown {
  const s = resolve(schema, document);
  const known = validByName(name, route, fixtures);
  if (known !== undefined && s.type !== 'object' && s.type !== 'array') return known;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required: string[] = s.required ?? [];
      for (const [key, property] of Object.entries<Json>(s.properties ?? {})) {
        if (depth < 3 && (required.includes(key) || validByName(key, route, fixtures) !== undefined)) {
          out[key] = validFromSchema(property, key, route, fixtures, document, depth + 1);
        }
      }
      return out;
    }
    case 'array':
      return [validFromSchema(s.items ?? {}, name, route, fixtures, document, depth + 1)];
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return false;
    default:
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'date-time') return '2026-03-20T10:00:00Z';
      return 'Nội dung kiểm thử';
  }
}

/** Body property leaves: [path, schema]. */
function bodyLeaves(schema: Json, document: Json, path: string[] = [], depth = 0): { path: string[]; schema: Json }[] {
  const s = resolve(schema, document);
  if (s.type === 'object' && s.properties && depth < 3) {
    return Object.entries<Json>(s.properties).flatMap(([key, property]) => bodyLeaves(property, document, [...path, key], depth + 1));
  }
  if (s.type === 'array' && depth < 3) return bodyLeaves(s.items ?? {}, document, [...path, '0'], depth + 1);
  return path.length ? [{ path, schema: s }] : [];
}

function setAt(target: unknown, path: string[], value: unknown): Json {
  const root = structuredClone((target ?? {}) as Json);
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = /^\d+$/.test(path[i]) ? Number(path[i]) : path[i];
    node[key] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
    node = node[key];
  }
  node[/^\d+$/.test(path[path.length - 1]) ? Number(path[path.length - 1]) : path[path.length - 1]] = value;
  return root;
}

/**
 * For every operation of the OpenAPI document: one valid call, one call per path parameter,
 * query parameter and body property with each hostile value of its schema, and, for operations
 * that take a body, malformed JSON and a non-JSON content type.
 */
export function restCases(document: Json, fixtures: FuzzFixtures): RestCase[] {
  const cases: RestCase[] = [];
  for (const [route, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of METHODS) {
      const op: Json | undefined = item[method];
      if (!op) continue;
      const operation = `${method.toUpperCase()} ${route}`;
      const parameters: Json[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p) => p.in === 'path' || p.in === 'query');
      const validParams: Record<string, unknown> = {};
      for (const p of parameters) {
        if (p.in === 'path' || p.required || validByName(p.name, route, fixtures) !== undefined) {
          validParams[p.name] = validFromSchema(p.schema ?? {}, p.name, route, fixtures, document);
        }
      }
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const validBody = bodySchema ? validFromSchema(bodySchema, 'body', route, fixtures, document) : undefined;
      const build = (params: Record<string, unknown>, body: unknown, path: string, hostile: string, raw?: { body: string; contentType: string }): RestCase => {
        let url = route;
        const query = new URLSearchParams();
        for (const p of parameters) {
          if (!(p.name in params)) continue;
          const value = params[p.name];
          if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
          else if (Array.isArray(value)) for (const item of value) query.append(p.name, String(item));
          else query.set(p.name, String(value));
        }
        const search = query.toString();
        return {
          surface: 'rest',
          operation,
          path,
          hostile,
          method: method.toUpperCase(),
          url: `${url}${search ? `?${search}` : ''}`,
          ...(raw ?? (body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' })),
        };
      };
      cases.push(build(validParams, validBody, '(valid)', 'none'));
      for (const p of parameters) {
        for (const hostile of hostileForSchema(resolve(p.schema ?? {}, document), p.name)) {
          cases.push(build({ ...validParams, [p.name]: hostile.value }, validBody, `${p.in}.${p.name}`, hostile.label));
        }
        // `?x=1&x=2`: Express hands the handler an array where it expects a string.
        if (p.in === 'query') cases.push(build({ ...validParams, [p.name]: ['1', '2'] }, validBody, `query.${p.name}`, 'repeated'));
      }
      if (bodySchema) {
        for (const leaf of bodyLeaves(bodySchema, document)) {
          for (const hostile of hostileForSchema(leaf.schema, leaf.path[leaf.path.length - 1])) {
            cases.push(build(validParams, setAt(validBody, leaf.path, hostile.value), `body.${leaf.path.join('.')}`, hostile.label));
          }
        }
      }
      if (method !== 'get') {
        cases.push(build(validParams, undefined, 'body', 'malformed-json', { body: '{"reason": "x",', contentType: 'application/json' }));
        if (bodySchema) {
          cases.push(build(validParams, undefined, 'body', 'json-array', { body: '[1,2,3]', contentType: 'application/json' }));
          cases.push(build(validParams, undefined, 'body', 'json-null', { body: 'null', contentType: 'application/json' }));
        }
        cases.push(build(validParams, undefined, 'body', 'text-plain', { body: JSON.stringify(validBody ?? { reason: 'x' }), contentType: 'text/plain' }));
        cases.push(build(validParams, undefined, 'body', 'too-large', { body: JSON.stringify({ reason: 'r'.repeat(150_000) }), contentType: 'application/json' }));
        cases.push(build(validParams, undefined, 'body', 'form-urlencoded', { body: 'reason=x&note=y', contentType: 'application/x-www-form-urlencoded' }));
        cases.push(build(validParams, undefined, 'body', 'NUL-in-raw-json', { body: '{"reason": "a\\u0000b", "note": "a\\u0000b", "resultNote": "a\\u0000b"}', contentType: 'application/json' }));
      }
    }
  }
  return cases;
}

/** The `/graphql` endpoint fed what is not a GraphQL request: each must be a coded 4xx. */
export function graphqlTransportCases(): RestCase[] {
  const post = (hostile: string, body: string, contentType: string): RestCase => ({
    surface: 'graphql-http', operation: 'POST /graphql', path: 'body', hostile, method: 'POST', url: '/graphql', body, contentType,
  });
  return [
    post('malformed-json', '{"query": "{ __typename ', 'application/json'),
    post('json-array', '[1, 2]', 'application/json'),
    post('json-null', 'null', 'application/json'),
    post('query-not-string', '{"query": 5}', 'application/json'),
    post('variables-not-object', '{"query": "query($a: String) { __typename }", "variables": "x"}', 'application/json'),
    post('no-query', '{}', 'application/json'),
    post('NUL-in-raw-json', '{"query": "{ administrativeUnit(code: \\"0\\u00004\\") { name } }"}', 'application/json'),
    post('too-large', JSON.stringify({ query: `{ __typename }${' '.repeat(150_000)}` }), 'application/json'),
    post('text-plain', '{"query": "{ __typename }"}', 'text/plain'),
    post('form-urlencoded', 'query=%7B__typename%7D', 'application/x-www-form-urlencoded'),
    { surface: 'graphql-http', operation: 'GET /graphql', path: 'query', hostile: 'get-without-preflight', method: 'GET', url: '/graphql?query=%7B__typename%7D' },
  ];
}
