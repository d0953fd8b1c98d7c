/**
 * `node dist/libs/service/src/cli/migrate.js <service>` (the Kubernetes migration Job; from the
 * sources: `node -r @swc-node/register libs/service/src/cli/migrate.ts <service>`): brings one
 * service's database up to date and exits. It builds the service's module graph, which creates the
 * database if missing and runs the migrations under the advisory lock (PersistenceModule), and
 * closes again without `init()`: no HTTP server, no Kafka consumer, no outbox relay, no import.
 * Replicas starting at the same time still migrate safely under the same lock.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadServiceDefinition, SERVICE_CATALOGUE } from '../lib/service-catalogue';

async function main(): Promise<void> {
  const name = process.argv[2] ?? process.env.SERVICE_NAME;
  const entry = SERVICE_CATALOGUE.find((service) => service.name === name || `${service.name}-service` === name);
  if (!entry) {
    throw new Error(`usage: migrate <service> (one of ${SERVICE_CATALOGUE.map((s) => s.name).join(', ')}), got "${name ?? ''}"`);
  }
  const started = Date.now();
  const definition = loadServiceDefinition(entry.definitionPath, entry.name);
  const app = await NestFactory.create(definition.module({ logger: false, observability: false, importIfEmpty: false } as never), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  await app.close();
  console.log(`[migrate] ${entry.name}: schema up to date in ${Date.now() - started} ms`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
