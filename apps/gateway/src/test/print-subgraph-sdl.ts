/**
 * Boots one service (by its definition's path, through the shared builder) against the given database on a free port, prints
 * its `_service { sdl }` as JSON on stdout and exits. Run in a child process per service:
 * @nestjs/graphql keeps code-first type metadata process-wide, so services booted in one
 * process leak types into each other's schemas (nestjs/graphql#721).
 */
import type { AddressInfo } from 'node:net';
import { loadServiceDefinition, startService } from '@xaso/service';
import { fetchSubgraphSdl } from '../graphql/supergraph';

async function main(): Promise<void> {
  const [definitionPath, name, databaseUrl] = process.argv.slice(2);
  const app = await startService(loadServiceDefinition(definitionPath, name), { port: 0, databaseUrl, logger: false, importIfEmpty: false });
  try {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const sdl = await fetchSubgraphSdl(`http://127.0.0.1:${port}/graphql`);
    process.stdout.write(`\n@@SDL@@${JSON.stringify({ sdl })}\n`);
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
