import { startKafka } from '../lib/kafka';
import { startPostgres } from '../lib/postgres';

interface Infra {
  postgres: Awaited<ReturnType<typeof startPostgres>>;
  kafka: Awaited<ReturnType<typeof startKafka>> & { seconds: number };
}
const INFRA = '__XASO_TEST_INFRA__';

/**
 * The integration and e2e projects' globalSetup: Jest calls it only when one of them has tests to
 * run (never for a unit-only run). One PostgreSQL server and one Kafka broker (or cluster) shared by
 * all test files (each file still creates its own database and its own topics); workers inherit the
 * addresses through the environment. Idempotent: a second call in the same run reuses the engines.
 */
export default async function globalSetup(): Promise<void> {
  const global = globalThis as Record<string, unknown>;
  if (global[INFRA]) return;
  const started = Date.now();
  const [postgres, kafka] = await Promise.all([
    startPostgres(),
    startKafka().then((k) => ({ ...k, seconds: (Date.now() - started) / 1000 })),
  ]);
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');
  if (kafka.how === 'kcat-mock-cluster') {
    // librdkafka's mock has no admin API and no idempotent producer: topics are auto-created.
    process.env.KAFKA_MANAGE_TOPICS ??= 'false';
    process.env.KAFKA_IDEMPOTENT ??= 'false';
  }
  global[INFRA] = { postgres, kafka } satisfies Infra;
  if (!process.env.CI_QUIET) {
    process.stdout.write(`\n[xaso tests] PostgreSQL: ${postgres.how}; Kafka: ${kafka.how}${kafka.description ? ` = ${kafka.description}` : ''} (${kafka.brokers.length} brokers, ready in ${kafka.seconds.toFixed(1)} s)\n`);
  }
}
