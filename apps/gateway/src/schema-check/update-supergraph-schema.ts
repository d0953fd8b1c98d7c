/**
 * `npm run schema:update`: boots every service (each on a throw-away database of a real
 * PostgreSQL: TEST_DATABASE_URL, the machine's server on 127.0.0.1:5432 or an embedded one),
 * composes the supergraph and rewrites schema/supergraph.graphql with its API schema, listing
 * what changed. Writes nothing when a service does not boot (the file would lose its types).
 */
import { createTestDatabase, startPostgres } from '@xaso/testing';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { COMMITTED_SCHEMA_PATH, committedSchemaFile, printApiSchema } from './api-schema';
import { formatSchemaChange, schemaChanges } from './schema-changes';
import { collectServiceSubgraphs } from './service-subgraphs';

async function main(): Promise<number> {
  const postgres = await startPostgres();
  try {
    const failures: string[] = [];
    const subgraphs = await collectServiceSubgraphs(
      (service) => createTestDatabase(`schema_${service.name}`, postgres.url),
      (service, error) => failures.push(`${service.name}: ${error.message}`),
    );
    if (failures.length) {
      process.stderr.write(`Not written: some services did not boot\n  ${failures.join('\n  ')}\n`);
      return 1;
    }
    const composed = printApiSchema(subgraphs);
    const file = committedSchemaFile();
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (previous === composed) {
      process.stdout.write(`${COMMITTED_SCHEMA_PATH} is up to date (${subgraphs.map((s) => s.name).join(', ')})\n`);
      return 0;
    }
    if (previous) {
      const changes = await schemaChanges(previous, composed);
      process.stdout.write(`${changes.length} change(s) to the client schema:\n${changes.map(formatSchemaChange).join('\n')}\n`);
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, composed);
    process.stdout.write(`wrote ${COMMITTED_SCHEMA_PATH} from ${subgraphs.map((s) => s.name).join(', ')}\n`);
    return 0;
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
