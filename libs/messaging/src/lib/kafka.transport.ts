import { Kafka, logLevel as KafkaLogLevel, type Consumer, type IHeaders, type Producer, type RetryOptions } from 'kafkajs';
import { sleep, type EventTransport, type MessageHandler, type OutgoingMessage, type Subscription } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId?: string;
  logLevel?: KafkaLogLevel;
  retry?: RetryOptions;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** Fetch long-poll wait (ms); small values lower latency. */
  maxWaitTimeInMs?: number;
  /** Pause before a message whose handler failed is fetched again (ms). */
  redeliveryDelayMs?: number;
  /** Partitions handled concurrently per consumer (order is kept within a partition). */
  partitionsConsumedConcurrently?: number;
}

function headerString(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Kafka through kafkajs. No admin calls and no idempotent producer (neither works against the
 * librdkafka mock cluster); topics are auto-created on first use. The producer keeps one request
 * in flight so a retried batch cannot overtake the next one (per-key order). Offsets are committed
 * manually, after the handler resolved.
 */
export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers = new Set<{ consumer: Consumer; subscription: Subscription }>();
  private producerConnected = false;
  /** A consumer crashed and kafkajs will not restart it (`CRASH` with `restart: false`). */
  private fatalCrash?: Error;
  /** `${group}\0${topic}` → partition → high watermark of its last fetched batch and next offset to handle. */
  private readonly lags = new Map<string, Map<number, { highWatermark: bigint; next: bigint }>>();

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'xaso',
      brokers: options.brokers,
      logLevel: options.logLevel ?? KafkaLogLevel.ERROR,
      retry: options.retry ?? { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }

  static fromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaTransport | undefined {
    const brokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
    return brokers?.length ? new KafkaTransport({ brokers, clientId }) : undefined;
  }

  async start(): Promise<void> {
    await this.getProducer();
  }

  private getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        allowAutoTopicCreation: true,
        idempotent: false,
        maxInFlightRequests: 1,
      });
      producer.on(producer.events.CONNECT, () => (this.producerConnected = true));
      producer.on(producer.events.DISCONNECT, () => (this.producerConnected = false));
      this.producerReady = producer.connect().then(
        () => {
          this.producerConnected = true;
          return (this.producer = producer);
        },
        (error: unknown) => {
          this.producerReady = undefined;
          throw error;
        },
      );
    }
    return this.producerReady;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.consumers].map(({ subscription }) => subscription.stop()));
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    this.producerConnected = false;
    this.fatalCrash = undefined;
    if (producer) await producer.disconnect().catch(() => undefined);
  }

  /** Readiness: the producer is connected and no consumer crashed beyond kafkajs' own restarts. */
  async isHealthy(): Promise<boolean> {
    if (this.fatalCrash) throw this.fatalCrash;
    return this.producerConnected;
  }

  /**
   * Consumer lag of `group` on `topic` as seen by this process's consumers, without admin calls:
   * per partition, the high watermark of the last fetched batch (kafkajs `START_BATCH_PROCESS`)
   * minus the next offset to handle (the batch's first offset, then each committed offset), summed.
   * Partitions this process has not fetched from (or that another member owns) are not counted;
   * the positions are cleared at every rebalance.
   */
  async lag(group: string, topic: string): Promise<number> {
    let sum = 0n;
    for (const { highWatermark, next } of this.lags.get(`${group}\0${topic}`)?.values() ?? []) {
      if (highWatermark > next) sum += highWatermark - next;
    }
    return Number(sum);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    const producer = await this.getProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: true,
      sessionTimeout: this.options.sessionTimeout ?? 30_000,
      heartbeatInterval: this.options.heartbeatInterval ?? 3_000,
      rebalanceTimeout: this.options.rebalanceTimeout ?? 30_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
      retry: this.options.retry ?? { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
    let stopping = false;
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      group,
      topics: [...topics],
      stop: () =>
        (stopped ??= (async () => {
          stopping = true;
          this.consumers.delete(entry);
          await consumer.disconnect().catch(() => undefined);
        })()),
    };
    const entry = { consumer, subscription };
    this.consumers.add(entry);
    const clearLags = () => {
      for (const topic of topics) this.lags.delete(`${group}\0${topic}`);
    };
    const positions = (topic: string) => {
      const key = `${group}\0${topic}`;
      let partitions = this.lags.get(key);
      if (!partitions) this.lags.set(key, (partitions = new Map()));
      return partitions;
    };
    consumer.on(consumer.events.GROUP_JOIN, clearLags);
    consumer.on(consumer.events.STOP, clearLags);
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      const partitions = positions(payload.topic);
      const known = partitions.get(payload.partition);
      partitions.set(payload.partition, { highWatermark: BigInt(payload.highWatermark), next: known?.next ?? BigInt(payload.firstOffset) });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !stopping) this.fatalCrash = payload.error;
    });

    await consumer.connect();
    // A topic nobody produced to yet may not exist: subscribing asks for its metadata, which
    // auto-creates it; retry while the cluster still answers "unknown topic".
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics, fromBeginning: true });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(Math.min(100 * attempt, 1_000));
      }
    }
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachMessage: async ({ topic, partition, message }) => {
        if (stopping) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const text = headerString(value);
          if (text !== undefined) headers[name] = text;
        }
        try {
          await handler({
            topic,
            partition,
            offset: message.offset,
            key: message.key ? message.key.toString() : null,
            value: message.value ? message.value.toString() : null,
            headers,
          });
        } catch {
          // Not processed: fetch this message again (unless we are leaving: the group's next
          // owner of the partition reads it from the last committed offset).
          if (!stopping) {
            consumer.seek({ topic, partition, offset: message.offset });
            await sleep(this.options.redeliveryDelayMs ?? 200);
          }
          return;
        }
        if (stopping) return; // died before committing: the message will be read again
        const next = BigInt(message.offset) + 1n;
        await consumer.commitOffsets([{ topic, partition, offset: next.toString() }]);
        const position = positions(topic).get(partition);
        if (position) position.next = next;
      },
    });
    return subscription;
  }
}
