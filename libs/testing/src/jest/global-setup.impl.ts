import { startKafka } from '../lib/kafka';
import { startPostgres } from '../lib/postgres';

/**
 * Once per `jest` run: one PostgreSQL server and one Kafka-protocol cluster shared by all test
 * files (each file still creates its own database and its own topics). Workers inherit the
 * addresses through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const [postgres, kafka] = await Promise.all([startPostgres(), startKafka()]);
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');
  (globalThis as Record<string, unknown>).__XASO_TEST_INFRA__ = { postgres, kafka };
  if (!process.env.CI_QUIET) {
    process.stdout.write(`\n[xaso tests] PostgreSQL: ${postgres.how}; Kafka: ${kafka.how} (${kafka.brokers.length} brokers)\n`);
  }
}
