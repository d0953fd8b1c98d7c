import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SERVICE_CATALOGUE, type ServiceCatalogueEntry } from '@xaso/service';
import { promisify } from 'node:util';
import type { SubgraphSdl } from '../graphql/supergraph';

/** One service of the monorepo that serves a Federation subgraph (an entry of @xaso/service's catalogue). */
export type ServiceEntry = ServiceCatalogueEntry;

const appsDir = resolve(__dirname, '..', '..', '..');
const repoRoot = resolve(appsDir, '..');
const printer = join(__dirname, '..', 'test', 'print-subgraph-sdl.ts');

/** Every service, sorted by name (the gateway never imports their code: the printer loads each definition by path). */
export function discoverServices(): ServiceEntry[] {
  return [...SERVICE_CATALOGUE];
}

/**
 * Boots one real service against `databaseUrl` and returns its `_service { sdl }`. Each service
 * runs in its own Node process: @nestjs/graphql keeps code-first type metadata process-wide, so
 * two services booted in one process leak types into each other's SDL. The in-process event bus
 * is enough to print a schema, so Kafka and the PostgreSQL bus are left out.
 */
export async function serviceSubgraphSdl(service: ServiceEntry, databaseUrl: string): Promise<SubgraphSdl> {
  const env: NodeJS.ProcessEnv = { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), LOG_LEVEL: 'warn' };
  delete env.KAFKA_BROKERS;
  delete env.EVENT_BUS_DATABASE_URL;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', printer, service.definitionPath, service.name, databaseUrl],
    { cwd: repoRoot, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: Error & { stderr?: string }) => {
    throw new Error(`${service.name}-service did not boot: ${(error.stderr ?? error.message).split('\n').slice(0, 3).join(' | ')}`);
  });
  const marker = stdout.lastIndexOf('@@SDL@@');
  if (marker < 0) throw new Error(`${service.name}-service printed no SDL`);
  const { sdl } = JSON.parse(stdout.slice(marker + 7).trim().split('\n')[0]) as { sdl: string };
  return { name: service.name, url: `http://${service.name}.invalid/graphql`, sdl };
}

/** Boots every service in turn, each on a database of its own (made and dropped by `database`). */
export async function collectServiceSubgraphs(
  database: (service: ServiceEntry) => Promise<{ url: string; drop(): Promise<void> }>,
  onFailure: (service: ServiceEntry, error: Error) => void,
): Promise<SubgraphSdl[]> {
  const subgraphs: SubgraphSdl[] = [];
  for (const service of discoverServices()) {
    const db = await database(service);
    try {
      subgraphs.push(await serviceSubgraphSdl(service, db.url));
    } catch (error) {
      onFailure(service, error as Error);
    } finally {
      await db.drop();
    }
  }
  return subgraphs;
}
