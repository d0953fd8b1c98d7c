/**
 * Re-publishes a consumer group's dead letters to their original topics so the group consumes
 * them again (after the handler or the data was fixed).
 *
 *   npm run replay-dead-letters -- --database-url postgres://… --group evaluation-service [id …]
 *
 * DATABASE_URL may replace --database-url. Uses Kafka when KAFKA_BROKERS is set, else the
 * PostgreSQL bus when EVENT_BUS_DATABASE_URL is set (embedded mode); without either the
 * in-process bus is used, which only makes sense inside a running all-in-one process (the command
 * then only marks the rows and prints a warning).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@xaso/persistence';
import { messagingEntities } from '../lib/entities';
import { replayDeadLetters } from '../lib/dead-letters';
import { InProcessTransport } from '../lib/in-process.transport';
import { KafkaTransport } from '../lib/kafka.transport';
import { PostgresTransport } from '../lib/postgres.transport';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  let databaseUrl = env.DATABASE_URL;
  let group: string | undefined;
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--database-url') databaseUrl = value();
    else if (flag === '--group') group = value();
    else if (flag === '--id' || flag === '--ids') ids.push(...value().split(','));
    else if (flag === '--help' || flag === '-h') return { help: true as const };
    else if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
    else ids.push(arg);
  }
  if (!databaseUrl) throw new Error('set --database-url or DATABASE_URL');
  if (!group) throw new Error('--group is required');
  return { help: false as const, databaseUrl, group, ids: ids.filter(Boolean) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write('usage: replay-dead-letters --database-url URL --group GROUP [id ...]\n');
    return;
  }
  const transport =
    KafkaTransport.fromEnv('xaso-replay-dead-letters') ?? PostgresTransport.fromEnv('xaso-replay-dead-letters') ?? new InProcessTransport();
  if (transport.kind === 'in-process') {
    process.stderr.write('warning: neither KAFKA_BROKERS nor EVENT_BUS_DATABASE_URL is set; replaying onto a private in-process bus (nobody will see it)\n');
  }
  // The service's own migrations created the tables; this tool never migrates.
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: args.databaseUrl,
      entities: messagingEntities,
      migrations: [],
      applicationName: 'xaso-replay-dead-letters',
    }),
  );
  await dataSource.initialize();
  try {
    await transport.start();
    const replayed = await replayDeadLetters(dataSource, transport, { group: args.group, ids: args.ids.length ? args.ids : undefined });
    process.stdout.write(`replayed ${replayed.length} dead letter(s) for ${args.group}${replayed.length ? `: ${replayed.join(', ')}` : ''}\n`);
  } finally {
    await transport.stop();
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
