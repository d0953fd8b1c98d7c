/**
 * Fetches the test broker's jars into the cache folder (CI runs it before the tests, so the first
 * test run does not pay for the download). Prints the folder; exits 1 when Java or Maven is missing
 * or Maven Central refuses (the tests then fall back to the mock cluster).
 */
import { canRunApacheKafka, KAFKA_BROKER_VERSION, prepareApacheKafka } from '../lib/kafka-broker';

if (!canRunApacheKafka()) {
  console.error(`[kafka] java or mvn is missing: the tests will use the kcat mock cluster`);
  process.exit(1);
}
try {
  const started = Date.now();
  const libs = prepareApacheKafka();
  console.log(`[kafka] Apache Kafka ${KAFKA_BROKER_VERSION} jars in ${libs} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.error(`[kafka] ${(error as Error).message}`);
  process.exit(1);
}
