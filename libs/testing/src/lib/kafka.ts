import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker';

export interface TestKafka {
  brokers: string[];
  how: 'environment' | 'testcontainers' | 'kcat-mock-cluster';
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A real Kafka-protocol broker for tests: `KAFKA_BROKERS`; a testcontainers Kafka when a Docker
 * engine answers; else librdkafka's mock cluster (3 brokers) started through `kcat`.
 */
export async function startKafka(options: { brokers?: number } = {}): Promise<TestKafka> {
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) return { brokers: fromEnv.split(','), how: 'environment', stop: async () => undefined };

  if (await dockerEngineAnswers()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('confluentinc/cp-kafka:7.6.1').withKraft().start();
    return {
      brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
      how: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  }
  return startMockCluster(options.brokers ?? 3);
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
