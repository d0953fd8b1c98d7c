import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allEventDefinitions, deadLetterTopic, topicFor } from '@xaso/contracts';
import { REPO_ROOT } from './render';

/**
 * What the deployment files must agree with, read from the code itself (not restated here):
 * the apps and their ports, the HTTP routes they serve, the topics, the variables they need.
 */
export interface DeployableApp {
  /** Deployment, Service and compose service name, e.g. `merger-service` or `gateway`. */
  app: string;
  /** Catalogue name (`merger`), undefined for the gateway. */
  service?: string;
  port: number;
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

/** The gateway (default port in its main.ts) and every service of @xaso/service's SERVICE_CATALOGUE (its defineService defaultPort). */
export function deployableApps(): DeployableApp[] {
  const gatewayPort = Number(/process\.env\.PORT \?\? (\d+)/.exec(read('apps/gateway/src/main.ts'))?.[1]);
  const catalogue = read('libs/service/src/lib/service-catalogue.ts');
  const block = /SERVICE_CATALOGUE[^=]*=([^;]+);/.exec(catalogue)?.[1] ?? '';
  const services = [...block.matchAll(/entry\('([a-z-]+)'\)/g)].map((m) => m[1]);
  const apps: DeployableApp[] = [{ app: 'gateway', port: gatewayPort }];
  for (const service of services) {
    const definition = read(`apps/${service}-service/src/${service}.service-definition.ts`);
    apps.push({ app: `${service}-service`, service, port: Number(/defaultPort:\s*(\d+)/.exec(definition)?.[1]) });
  }
  return apps;
}

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['test', 'spec', 'fuzz', 'fixtures'].includes(entry.name)) yield* sourceFiles(full);
    } else if (entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name)) yield full;
  }
}

/** GET routes of the Nest controllers (`@Controller('health')` + `@Get('ready')` → `/health/ready`) in apps/ and libs/. */
export function servedGetRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const group of ['apps', 'libs']) {
    for (const project of readdirSync(join(REPO_ROOT, group))) {
      for (const file of sourceFiles(join(REPO_ROOT, group, project, 'src'))) {
        const text = readFileSync(file, 'utf8');
        for (const controller of text.matchAll(/@Controller\((?:'([^']*)')?\)([\s\S]*?)(?=@Controller\(|$)/g)) {
          const prefix = controller[1] ?? '';
          for (const get of controller[2].matchAll(/@Get\((?:'([^']*)')?\)/g)) {
            routes.add(`/${[prefix, get[1] ?? ''].filter(Boolean).join('/')}`);
          }
        }
      }
    }
  }
  return routes;
}

/** Every topic the platform uses: each event source's topic, and each consumer group's dead letters of it. */
export function platformTopics(): { events: string[]; deadLetters: string[] } {
  const sources = [...new Set(allEventDefinitions.map((d) => d.source))].sort();
  const groups = deployableApps().filter((a) => a.service).map((a) => `${a.service}-service`);
  const events = sources.map((s) => topicFor(s));
  return { events, deadLetters: events.flatMap((topic) => groups.map((group) => deadLetterTopic(topic, group))) };
}

/**
 * Variables an app cannot run without in production, each with the code that makes it so (the
 * spec checks that text is still in the code, so the list cannot outlive the reason).
 */
export const REQUIRED_ENV: ReadonlyArray<{
  apps: 'services' | 'gateway' | string;
  name: string;
  evidence: { file: string; text: string };
  /** Needed to build the module graph at all (so the migration Job needs it too). */
  toBuild?: boolean;
}> = [
  { apps: 'services', name: 'DATABASE_URL', toBuild: true, evidence: { file: 'libs/persistence/src/lib/persistence.module.ts', text: 'set ${serviceDatabaseEnvName(options.service)} or DATABASE_URL' } },
  // Without brokers a service falls back to an in-process bus: its events would never leave the pod.
  { apps: 'services', name: 'KAFKA_BROKERS', evidence: { file: 'libs/messaging/src/lib/messaging.module.ts', text: 'KafkaTransport.fromEnv(' } },
  { apps: 'petition-service', name: 'PETITION_IDENTITY_KEYS', toBuild: true, evidence: { file: 'apps/petition-service/src/petitions/application/petition.config.ts', text: "PETITION_IDENTITY_KEYS must be set in production" } },
  { apps: 'voting-service', name: 'VOTING_BALLOT_KEYS', toBuild: true, evidence: { file: 'apps/voting-service/src/polls/infrastructure/ballot-seal.ts', text: 'VOTING_BALLOT_KEYS must be set in production' } },
  { apps: 'gateway', name: 'SUBGRAPHS', evidence: { file: 'apps/gateway/src/config.ts', text: 'parseSubgraphs(env.SUBGRAPHS)' } },
  // Production refuses HS256 dev tokens: without a JWKS URL every call is unauthenticated.
  { apps: 'gateway', name: 'AUTH_JWKS_URL', evidence: { file: 'libs/auth/src/lib/token-verifier.ts', text: 'every token will be rejected' } },
  { apps: 'services', name: 'AUTH_JWKS_URL', evidence: { file: 'libs/auth/src/lib/token-verifier.ts', text: 'every token will be rejected' } },
];

export function requiredEnvFor(app: DeployableApp, only: 'all' | 'toBuild' = 'all'): string[] {
  return REQUIRED_ENV.filter((r) => r.apps === app.app || (r.apps === 'services' ? !!app.service : r.apps === 'gateway' && !app.service))
    .filter((r) => only === 'all' || r.toBuild)
    .map((r) => r.name);
}

export function readRepoFile(path: string): string {
  return read(path);
}
