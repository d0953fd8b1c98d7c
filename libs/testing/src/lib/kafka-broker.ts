import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

/** The Apache Kafka release the tests run on (the default of libs/testing/kafka/pom.xml too). */
export const KAFKA_BROKER_VERSION = '4.1.1';

const KAFKA_DIR = resolve(__dirname, '../../kafka');
const COMPLETE_MARKER = '.complete';

export interface ApacheKafkaBroker {
  brokers: string[];
  version: string;
  /** The broker's temporary folder (server.properties, broker.log, data). */
  dir: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Folder holding the broker's jars: `XASO_KAFKA_CACHE` or `~/.cache/xaso-kafka/<version>/libs`. */
export function kafkaBrokerLibsDir(version = KAFKA_BROKER_VERSION, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XASO_KAFKA_CACHE ?? join(homedir(), '.cache', 'xaso-kafka'), version, 'libs');
}

/** True when `java` (17+) can run the broker and its jars are cached or `mvn` can fetch them. */
export function canRunApacheKafka(version = KAFKA_BROKER_VERSION): boolean {
  if (spawnSync('java', ['-version']).status !== 0) return false;
  return existsSync(join(kafkaBrokerLibsDir(version), COMPLETE_MARKER)) || spawnSync('mvn', ['-v']).status === 0;
}

/**
 * Fetches `org.apache.kafka:kafka_2.13:<version>` and its runtime dependencies with Maven into
 * the cache folder (once; later calls reuse it). Returns the folder.
 */
export function prepareApacheKafka(version = KAFKA_BROKER_VERSION): string {
  const libs = kafkaBrokerLibsDir(version);
  if (existsSync(join(libs, COMPLETE_MARKER))) return libs;
  // Download next to the target, then rename: a parallel run never sees half a folder.
  const partial = `${libs}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(partial, { recursive: true });
  const mvn = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(KAFKA_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-Dkafka.version=${version}`,
      `-DoutputDirectory=${partial}`,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (mvn.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`Maven could not fetch Apache Kafka ${version}: ${(mvn.stdout + mvn.stderr).trim().slice(-2_000) || mvn.error?.message}`);
  }
  writeFileSync(join(partial, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  try {
    renameSync(partial, libs);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(libs, COMPLETE_MARKER))) throw error; // else a parallel run won the race
  }
  return libs;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Single-node KRaft settings for tests: replication 1, no initial rebalance delay, 4 partitions. */
function serverProperties(options: { port: number; controllerPort: number; dataDir: string }): string {
  const { port, controllerPort, dataDir } = options;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `log.dirs=${dataDir}`,
    'num.partitions=4',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'min.insync.replicas=1',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Consumer groups join at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms=0',
    'log.flush.interval.messages=9223372036854775807',
    'num.network.threads=2',
    'num.io.threads=4',
    '',
  ].join('\n');
}

/**
 * Runs the broker ("$@") under a watchdog shell, in a process group of its own: it stops the JVM
 * on SIGTERM/SIGINT (the group is signalled by `stop()`), and also when the Node process that
 * started it is gone (a Jest killed without its teardown): no orphaned JVM either way.
 */
const WATCHDOG = `
parent=$1; dir=$2; shift 2
"$@" &
broker=$!
trap 'kill -TERM $broker 2>/dev/null; wait $broker; exit 0' TERM INT
while kill -0 "$parent" 2>/dev/null && kill -0 "$broker" 2>/dev/null; do sleep 1 & wait $!; done
if kill -0 "$broker" 2>/dev/null; then kill -TERM $broker; wait $broker; rm -rf "$dir"; fi
`;

const JVM_OPTIONS = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

/**
 * Starts a real single-node Apache Kafka broker (KRaft, combined broker + controller) with the
 * machine's Java on free ports of 127.0.0.1 and a temporary data folder; resolves once a kafkajs
 * admin client sees the cluster and a consumer-group coordinator answers. `stop()` ends the JVM
 * and removes the folder.
 */
export async function startApacheKafka(options: { version?: string; startTimeoutMs?: number } = {}): Promise<ApacheKafkaBroker> {
  const version = options.version ?? KAFKA_BROKER_VERSION;
  const libs = prepareApacheKafka(version);
  const dir = mkdtempSync(join(tmpdir(), 'xaso-apache-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const propertiesFile = join(dir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties({ port, controllerPort, dataDir: join(dir, 'data') }));
  const classpath = `${libs}/*`;
  const log4j = `-Dlog4j2.configurationFile=${join(KAFKA_DIR, 'log4j2.properties')}`;

  // An id starting with '-' would be read as an option by kafka-storage's argument parser.
  let clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync('java', ['-Xmx256m', log4j, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile], {
    encoding: 'utf8',
  });
  if (format.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`kafka-storage format failed: ${(format.stdout + format.stderr).trim() || format.error?.message}`);
  }

  const logFile = join(dir, 'broker.log');
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    'sh',
    ['-c', WATCHDOG, 'xaso-kafka-watchdog', String(process.pid), dir, 'java', ...JVM_OPTIONS, log4j, '-cp', classpath, 'kafka.Kafka', propertiesFile],
    { stdio: ['ignore', fd, fd], detached: true },
  );
  closeSync(fd);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const killed = await Promise.race([exited.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), 15_000)))]);
        clearTimeout(timer);
        if (!killed) {
          signalGroup('SIGKILL');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  const brokers = [`127.0.0.1:${port}`];
  try {
    await waitUntilAnswering(brokers, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3_000) : '';
    await stop();
    throw new Error(`Apache Kafka ${version} did not start: ${(error as Error).message}\n${tail}`);
  }
  return { brokers, version, dir, stop };
}

async function waitUntilAnswering(brokers: string[], child: ChildProcess, timeoutMs: number): Promise<void> {
  const kafka = new Kafka({ clientId: 'xaso-test-broker-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the JVM exited (${child.exitCode ?? child.signalCode})`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length) {
        // Creates __consumer_offsets now rather than in the first test's group join.
        await admin.fetchOffsets({ groupId: 'xaso-test-broker-probe', topics: [] });
        return;
      }
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(200);
  }
  throw new Error(`no answer within ${timeoutMs} ms (${(lastError as Error)?.message ?? 'no error'})`);
}
