import { Logger } from '@nestjs/common';
import { startGateway } from './bootstrap';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4000);
  const app = await startGateway({ port });
  new Logger('Gateway').log(`gateway listening on ${await app.getUrl()} (GraphQL /graphql, REST /api/v1, docs /api/docs)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
