import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker';
import { canRunApacheKafka, startApacheKafka } from './kafka-broker';
import { inUnitTier, noEngineMessage } from './tiers';

export interface TestKafka {
  brokers: string[];
  how: 'environment' | 'testcontainers' | 'apache-kafka' | 'kcat-mock-cluster';
  /** What ran, for the test output (e.g. `Apache Kafka 4.1.1 (KRaft, 1 broker)`). */
  description?: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Kafka broker for tests: `KAFKA_BROKERS`; a testcontainers Kafka when a Docker engine answers;
 * a real Apache Kafka broker (KRaft, jars fetched by Maven, run by the machine's Java) when
 * `java` and `mvn` (or the cached jars) are there; else librdkafka's mock cluster (3 brokers)
 * through `kcat`. `XASO_TEST_KAFKA=mock` forces the mock, `=apache` the real broker (no fallback).
 */
export async function startKafka(options: { brokers?: number } = {}): Promise<TestKafka> {
  if (inUnitTier()) throw new Error(noEngineMessage('startKafka', 'KAFKA_BROKERS'));
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) return { brokers: fromEnv.split(','), how: 'environment', stop: async () => undefined };
  const forced = process.env.XASO_TEST_KAFKA;
  if (forced === 'mock') return startMockCluster(options.brokers ?? 3);
  if (forced === 'apache') return startRealBroker();

  if (await dockerEngineAnswers()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('confluentinc/cp-kafka:7.6.1').withKraft().start();
    return {
      brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
      how: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  }
  if (canRunApacheKafka()) {
    try {
      return await startRealBroker();
    } catch (error) {
      process.stderr.write(`[xaso tests] the Apache Kafka broker did not start, falling back to the mock cluster: ${(error as Error).message}\n`);
    }
  }
  return startMockCluster(options.brokers ?? 3);
}

async function startRealBroker(): Promise<TestKafka> {
  const broker = await startApacheKafka();
  return {
    brokers: broker.brokers,
    how: 'apache-kafka',
    description: `Apache Kafka ${broker.version} (KRaft, 1 broker)`,
    stop: broker.stop,
  };
}

export async function startMockCluster(brokerCount = 3): Promise<TestKafka> {
  if (spawnSync('kcat', ['-V']).status !== 0) {
    throw new Error('kcat is not installed (apt-get install kcat): it provides the Kafka mock cluster for tests');
  }
  const logFile = join(mkdtempSync(join(tmpdir(), 'xaso-kafka-')), 'kcat.log');
  // stderr goes to a file, not a pipe: the mock's debug log is large and a full pipe would stall it.
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    'kcat',
    ['-b', '127.0.0.1:1', '-X', `test.mock.num.brokers=${brokerCount}`, '-X', 'debug=mock', '-C', '-t', '_probe'],
    { stdio: ['ignore', 'ignore', fd], detached: false },
  );
  closeSync(fd);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const match = /bootstrap\.servers=([0-9.:,]+)/.exec(readFileSync(logFile, 'utf8'));
    if (match) {
      return {
        brokers: match[1].split(','),
        how: 'kcat-mock-cluster',
        stop: async () => {
          child.kill('SIGTERM');
        },
      };
    }
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`the kcat mock cluster did not start; see ${logFile}`);
}
