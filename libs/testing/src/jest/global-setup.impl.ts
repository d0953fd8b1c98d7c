import { startKafka } from '../lib/kafka';
import { startPostgres } from '../lib/postgres';

/**
 * Once per `jest` run: one PostgreSQL server and one Kafka broker (or cluster) shared by all test
 * files (each file still creates its own database and its own topics). Workers inherit the
 * addresses through the environment.
 */
export default async function globalSetup(): Promise<void> {
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
  (globalThis as Record<string, unknown>).__XASO_TEST_INFRA__ = { postgres, kafka };
  if (!process.env.CI_QUIET) {
    process.stdout.write(`\n[xaso tests] PostgreSQL: ${postgres.how}; Kafka: ${kafka.how}${kafka.description ? ` = ${kafka.description}` : ''} (${kafka.brokers.length} brokers, ready in ${kafka.seconds.toFixed(1)} s)\n`);
  }
}
