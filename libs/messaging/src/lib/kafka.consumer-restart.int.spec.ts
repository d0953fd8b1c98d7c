import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type ISocketFactory, logLevel } from 'kafkajs';
import { KafkaTransport } from './kafka.transport';
import type { IncomingMessage } from './transport';

const brokers = process.env.KAFKA_BROKERS?.split(',');
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests through the root jest config');

const FIND_COORDINATOR_API_KEY = 10;

/**
 * Sockets to the real broker that, while `cut` is set, lose their connection instead of sending a
 * FindCoordinator request: what a consumer meets when the broker restarts or is too loaded to
 * answer while the consumer joins its group. kafkajs answers it with `KafkaJSGroupCoordinatorNotFound`,
 * a crash it does not restart from.
 */
function coordinatorCut() {
  const state = { cut: false, cutRequests: 0 };
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (state.cut && Buffer.isBuffer(chunk) && chunk.length >= 6 && chunk.readInt16BE(4) === FIND_COORDINATOR_API_KEY) {
        state.cutRequests++;
        setImmediate(() => socket.destroy(new Error('connection cut before FindCoordinator')));
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof socket.write;
    return socket;
  };
  return { state, socketFactory };
}

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
};

jest.setTimeout(120_000);

describe('KafkaTransport: a consumer kafkajs gave up on is started again', () => {
  const topic = `xaso.consumer-restart-${randomUUID().slice(0, 8)}.v1`;
  const group = `consumer-restart-${randomUUID().slice(0, 8)}`;
  const network = coordinatorCut();
  const consumerSide = new KafkaTransport({
    brokers: brokers!,
    clientId: 'consumer-restart-spec',
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
    sessionTimeout: 6_000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 50,
    consumerRestartDelayMs: 100,
    socketFactory: network.socketFactory,
  });
  const producerSide = new KafkaTransport({ brokers: brokers!, clientId: 'consumer-restart-spec-producer', logLevel: logLevel.NOTHING });

  afterAll(async () => {
    await consumerSide.stop();
    await producerSide.stop();
  });

  it('after a crash without kafkajs restart (group coordinator not found) it consumes again, and readiness says so meanwhile', async () => {
    await consumerSide.start();
    await consumerSide.ensureTopics([topic]);
    const received: IncomingMessage[] = [];
    network.state.cut = true;
    await consumerSide.subscribe(group, [topic], async (message) => void received.push(message));
    expect(network.state.cutRequests).toBeGreaterThan(0);
    await expect(consumerSide.isHealthy()).rejects.toThrow(/consumer crashed.*coordinator/i);

    await producerSide.send(topic, [{ key: 'k', value: 'after the crash', headers: {} }]);
    network.state.cut = false;

    expect(await waitFor(() => received.length === 1, 60_000)).toBe(true);
    expect(received[0].value).toBe('after the crash');
    expect(consumerSide.consumerRestarts).toBeGreaterThan(0);
    expect(await waitFor(() => consumerSide.isHealthy().catch(() => false), 10_000)).toBe(true);
  });
});
