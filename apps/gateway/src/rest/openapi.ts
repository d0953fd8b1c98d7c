import { Controller, Get, Inject, Injectable, Logger } from '@nestjs/common';
import { Public } from '@xaso/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

type Json = Record<string, unknown>;

export interface ServiceDocument {
  service: string;
  document: Json;
}

const COMPONENT_SECTIONS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' && renames.has(item) ? renames.get(item) : rewriteRefs(item, renames);
  }
  return out;
}

const pascal = (name: string) => name.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * One OpenAPI 3 document from the services' own documents: paths and components merged.
 * A component that two services define differently is renamed `<Service><Name>` in the later
 * service's document (with its `$ref`s rewritten); identical ones are shared.
 */
export function mergeOpenApiDocuments(documents: ServiceDocument[], unavailable: string[] = []): Json {
  const paths: Json = {};
  const components: Record<string, Json> = {};
  const tags = new Map<string, Json>();
  let security: unknown;
  let openapi = '3.0.3';
  for (const { service, document: original } of documents) {
    if (typeof original.openapi === 'string' && original.openapi > openapi) openapi = original.openapi;
    const renames = new Map<string, string>();
    const originalComponents = isObject(original.components) ? original.components : {};
    for (const section of COMPONENT_SECTIONS) {
      const entries = originalComponents[section];
      if (!isObject(entries)) continue;
      for (const [name, definition] of Object.entries(entries)) {
        const existing = components[section]?.[name];
        if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(definition)) {
          renames.set(`#/components/${section}/${name}`, `#/components/${section}/${pascal(service)}${name}`);
        }
      }
    }
    const document = renames.size ? (rewriteRefs(original, renames) as Json) : original;
    const documentComponents = isObject(document.components) ? document.components : {};
    for (const section of COMPONENT_SECTIONS) {
      const entries = documentComponents[section];
      if (!isObject(entries)) continue;
      components[section] ??= {};
      for (const [name, definition] of Object.entries(entries)) {
        const finalName = renames.has(`#/components/${section}/${name}`) ? `${pascal(service)}${name}` : name;
        components[section][finalName] = definition;
      }
    }
    if (isObject(document.paths)) {
      for (const [path, item] of Object.entries(document.paths)) {
        if (path in paths) continue; // first owner wins; the routing table makes real overlaps impossible
        paths[path] = item;
      }
    }
    if (Array.isArray(document.tags)) {
      for (const tag of document.tags) if (isObject(tag) && typeof tag.name === 'string' && !tags.has(tag.name)) tags.set(tag.name, tag);
    }
    security ??= document.security;
  }
  return {
    openapi,
    info: {
      title: 'Xã Số REST API',
      version: '1',
      description:
        'REST API of Xã Số for agencies, served through the gateway. Send `Authorization: Bearer <token>`; ' +
        'errors are RFC 9457 problem+json with `code`, `detail` (English) and `detail_vi` (Vietnamese).',
      ...(unavailable.length ? { 'x-unavailable-services': unavailable } : {}),
    },
    servers: [{ url: '/' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
    ...(tags.size ? { tags: [...tags.values()] } : {}),
    ...(security ? { security } : {}),
  };
}

/** Fetches the services' `/openapi.json` and merges them; cached briefly. */
@Injectable()
export class OpenApiAggregator {
  private readonly logger = new Logger('OpenApi');
  private cache?: { at: number; document: Json };

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async document(maxAgeMs = 30_000): Promise<Json> {
    if (this.cache && Date.now() - this.cache.at < maxAgeMs) return this.cache.document;
    const services = [...new Set(this.config.restRoutes.map((r) => r.service))].filter((s) => this.config.restTargets[s]);
    const unavailable: string[] = [];
    const documents: ServiceDocument[] = [];
    await Promise.all(
      services.map(async (service) => {
        try {
          const response = await fetch(`${this.config.restTargets[service]}/openapi.json`, { signal: AbortSignal.timeout(5_000) });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          documents.push({ service, document: (await response.json()) as Json });
        } catch (error) {
          this.logger.warn(`no OpenAPI document from ${service}: ${(error as Error).message}`);
          unavailable.push(service);
        }
      }),
    );
    documents.sort((a, b) => services.indexOf(a.service) - services.indexOf(b.service));
    const document = mergeOpenApiDocuments(documents, unavailable);
    // A partial document is not cached, so a service that comes up later appears on the next request.
    if (!unavailable.length) this.cache = { at: Date.now(), document };
    return document;
  }
}

@Public()
@Controller('api/v1')
export class OpenApiController {
  constructor(private readonly aggregator: OpenApiAggregator) {}

  @Get('openapi.json')
  openapi(): Promise<Json> {
    return this.aggregator.document();
  }
}
