import {
  Kafka,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type ConsumerRunConfig,
  type IHeaders,
  type ISocketFactory,
  type Producer,
  type RetryOptions,
  type SASLOptions,
} from 'kafkajs';
import { sleep, type EventTransport, type MessageHandler, type OutgoingMessage, type Subscription } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId?: string;
  /** SASL credentials (env `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`; e.g. a Strimzi KafkaUser). */
  sasl?: SASLOptions;
  /** TLS to the brokers (env `KAFKA_SSL=true`; the system's CAs). */
  ssl?: boolean;
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
  /**
   * Idempotent producer (no duplicates or reordering from producer retries). Default true;
   * `KAFKA_IDEMPOTENT=false` turns it off (librdkafka's mock cluster).
   */
  idempotent?: boolean;
  /**
   * Create missing topics through the admin API, with `topic` settings, before the first send or
   * subscribe. Default true; `KAFKA_MANAGE_TOPICS=false` leaves creation to the broker's auto-create.
   */
  manageTopics?: boolean;
  /** Settings of the topics this transport creates (env `KAFKA_TOPIC_PARTITIONS`, `_REPLICATION_FACTOR`, `_RETENTION_MS`). */
  topic?: { partitions?: number; replicationFactor?: number; retentionMs?: number };
  /** kafkajs' socket factory (tests put network faults between the client and a real broker). */
  socketFactory?: ISocketFactory;
  /** First pause before a consumer that kafkajs gave up on is started again (doubles, at most 5 s). */
  consumerRestartDelayMs?: number;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** `KAFKA_SASL_MECHANISM` (plain, scram-sha-256, scram-sha-512) with `KAFKA_SASL_USERNAME`/`_PASSWORD`, and `KAFKA_SSL`. */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): { sasl?: SASLOptions; ssl?: boolean } {
  const ssl = envFlag(env.KAFKA_SSL);
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (!mechanism) return ssl ? { ssl } : {};
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${mechanism}"`);
  }
  const username = env.KAFKA_SASL_USERNAME;
  const password = env.KAFKA_SASL_PASSWORD;
  if (!username || !password) throw new Error(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`);
  const sasl = { mechanism, username, password } as SASLOptions;
  return ssl ? { sasl, ssl } : { sasl };
}
/** Readiness reports the transport down once a send has waited this long for the broker. */
export const SEND_STALLED_AFTER_MS = 5_000;

/** Topic defaults: 4 partitions, the broker's replication factor, 7 days of retention. */
export const KAFKA_TOPIC_DEFAULTS = { partitions: 4, replicationFactor: -1, retentionMs: 7 * 24 * 3_600_000 } as const;

function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return !/^(0|false|no|off)$/i.test(value.trim());
}

function envNumber(value: string | undefined): number | undefined {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function headerString(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Kafka through kafkajs. Topics (and dead-letter topics) are created through the admin API with
 * explicit partitions and retention when missing; the producer is idempotent and keeps one
 * request in flight, so a retried batch can neither duplicate nor overtake the next (per-key
 * order). Offsets are committed manually, after the handler resolved. Consumer lag comes from the
 * admin API (high watermarks minus the group's committed offsets).
 */
export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers = new Set<{ consumer: Consumer; subscription: Subscription }>();
  private producerConnected = false;
  /**
   * Consumers that crashed and that kafkajs will not restart (`CRASH` with `restart: false`), until
   * the restart here has joined the group again: readiness reports them.
   */
  private readonly crashed = new Map<object, Error>();
  /** Consumers started again here after kafkajs gave up on them (`xaso` restarts, not kafkajs' own). */
  consumerRestarts = 0;
  /** The last send failed and none succeeded since (the broker is away): readiness reports it. */
  private lastSendError?: Error;
  /** Start times of the sends waiting for the broker (kafkajs retries a missing broker for ~30 s). */
  private readonly pendingSends = new Map<symbol, number>();
  private adminReady?: Promise<Admin>;
  /** Topics known to exist (created here or seen in the cluster's metadata). */
  private readonly knownTopics = new Set<string>();
  private readonly topicsPending = new Map<string, Promise<void>>();
  private readonly idempotent: boolean;
  private readonly manageTopics: boolean;
  private readonly topicSettings: { partitions: number; replicationFactor: number; retentionMs: number };

  constructor(private readonly options: KafkaTransportOptions) {
    this.idempotent = options.idempotent ?? envFlag(process.env.KAFKA_IDEMPOTENT) ?? true;
    this.manageTopics = options.manageTopics ?? envFlag(process.env.KAFKA_MANAGE_TOPICS) ?? true;
    this.topicSettings = {
      partitions: options.topic?.partitions ?? envNumber(process.env.KAFKA_TOPIC_PARTITIONS) ?? KAFKA_TOPIC_DEFAULTS.partitions,
      replicationFactor:
        options.topic?.replicationFactor ?? envNumber(process.env.KAFKA_TOPIC_REPLICATION_FACTOR) ?? KAFKA_TOPIC_DEFAULTS.replicationFactor,
      retentionMs: options.topic?.retentionMs ?? envNumber(process.env.KAFKA_TOPIC_RETENTION_MS) ?? KAFKA_TOPIC_DEFAULTS.retentionMs,
    };
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'xaso',
      brokers: options.brokers,
      ...(options.sasl ? { sasl: options.sasl } : {}),
      ...(options.ssl ? { ssl: true } : {}),
      ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
      logLevel: options.logLevel ?? KafkaLogLevel.ERROR,
      retry: options.retry ?? { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }

  static fromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaTransport | undefined {
    const brokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
    return brokers?.length ? new KafkaTransport({ brokers, clientId, ...kafkaSecurityFromEnv(env) }) : undefined;
  }

  async start(): Promise<void> {
    await this.getProducer();
  }

  private getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        allowAutoTopicCreation: !this.manageTopics,
        idempotent: this.idempotent,
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

  private getAdmin(): Promise<Admin> {
    if (!this.adminReady) {
      const admin = this.kafka.admin({ retry: this.options.retry });
      this.adminReady = admin.connect().then(
        () => admin,
        (error: unknown) => {
          this.adminReady = undefined;
          throw error;
        },
      );
    }
    return this.adminReady;
  }

  /**
   * Creates those of `topics` that do not exist yet (partitions, replication factor and
   * `retention.ms` from the options) and waits for their leaders. Once per topic and process;
   * a topic another process created meanwhile is fine.
   */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    if (!this.manageTopics) return;
    await Promise.all(
      [...new Set(topics)]
        .filter((topic) => !this.knownTopics.has(topic))
        .map((topic) => {
          let pending = this.topicsPending.get(topic);
          if (!pending) {
            pending = this.createTopic(topic).finally(() => this.topicsPending.delete(topic));
            this.topicsPending.set(topic, pending);
          }
          return pending;
        }),
    );
  }

  private async createTopic(topic: string): Promise<void> {
    const admin = await this.getAdmin();
    const { partitions, replicationFactor, retentionMs } = this.topicSettings;
    try {
      // false = it existed already (kafkajs swallows TOPIC_ALREADY_EXISTS).
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(retentionMs) }] }],
      });
    } catch (error) {
      // Another process (or the broker's auto-create) made it meanwhile, or a busy broker had not
      // elected the leaders within waitForLeaders' wait: fine once it has leaders (a few tries).
      for (let attempt = 0; ; attempt++) {
        const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
        if (metadata?.topics[0]?.partitions.length && metadata.topics[0].partitions.every((p) => p.leader >= 0)) break;
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    this.knownTopics.add(topic);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.consumers].map(({ subscription }) => subscription.stop()));
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    this.producerConnected = false;
    this.crashed.clear();
    const adminReady = this.adminReady;
    this.adminReady = undefined;
    if (producer) await producer.disconnect().catch(() => undefined);
    await adminReady?.then((admin) => admin.disconnect()).catch(() => undefined);
  }

  /** Readiness: the producer is connected and every consumer runs (none crashed and still restarting). */
  async isHealthy(): Promise<boolean> {
    const [crash] = this.crashed.values();
    if (crash) throw new Error(`a consumer crashed and is being restarted: ${crash.message}`);
    if (this.lastSendError) throw this.lastSendError;
    const oldest = Math.min(...this.pendingSends.values());
    if (Date.now() - oldest > SEND_STALLED_AFTER_MS) throw new Error(`a send has waited ${Date.now() - oldest} ms for the broker`);
    return this.producerConnected;
  }

  /**
   * Consumer lag of `group` on `topic` from the admin API, whichever process consumes: per
   * partition, the high watermark minus the group's committed offset (a partition without a
   * committed offset counts from its low watermark: groups read from the beginning), summed.
   * 0 for a topic that does not exist.
   */
  async lag(group: string, topic: string): Promise<number> {
    const admin = await this.getAdmin();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return 0;
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    let sum = 0n;
    for (const { partition, high, low } of ends) {
      const from = committedBy.get(partition) ?? -1n;
      const position = from < 0n ? BigInt(low) : from;
      if (BigInt(high) > position) sum += BigInt(high) - position;
    }
    return Number(sum);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.ensureTopics([topic]);
    const pending = Symbol('send');
    this.pendingSends.set(pending, Date.now());
    try {
      const producer = await this.getProducer();
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      this.lastSendError = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      this.pendingSends.delete(pending);
    }
    this.lastSendError = undefined;
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: !this.manageTopics,
      // A member killed without leaving holds its partitions until the session times out, and a
      // restarted member's join waits for that: KAFKA_SESSION_TIMEOUT_MS shortens it (broker minimum 6 s).
      sessionTimeout: this.options.sessionTimeout ?? envNumber(process.env.KAFKA_SESSION_TIMEOUT_MS) ?? 30_000,
      heartbeatInterval: this.options.heartbeatInterval ?? envNumber(process.env.KAFKA_HEARTBEAT_INTERVAL_MS) ?? 3_000,
      rebalanceTimeout: this.options.rebalanceTimeout ?? envNumber(process.env.KAFKA_REBALANCE_TIMEOUT_MS) ?? 30_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
      retry: this.options.retry ?? { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
    let stopping = false;
    let stopped: Promise<void> | undefined;
    let restarting: Promise<void> | undefined;
    const subscription: Subscription = {
      group,
      topics: [...topics],
      stop: () =>
        (stopped ??= (async () => {
          stopping = true;
          this.consumers.delete(entry);
          this.crashed.delete(entry);
          await consumer.disconnect().catch(() => undefined);
        })()),
    };
    const entry = { consumer, subscription };
    this.consumers.add(entry);
    // kafkajs restarts a crashed consumer only for errors it deems retriable. It gives up for good on
    // others that are transient all the same, e.g. `KafkaJSGroupCoordinatorNotFound` when the
    // FindCoordinator request to a restarting or overloaded broker timed out or lost its connection:
    // the process stays alive and consumes nothing. Start it again here, with backoff, until it runs.
    const restartAfterCrash = async () => {
      for (let attempt = 0; !stopping; attempt++) {
        await sleep(Math.min((this.options.consumerRestartDelayMs ?? 500) * 2 ** attempt, 5_000));
        if (stopping) return;
        const crashesBefore = crashes;
        try {
          await consumer.connect();
          await consumer.run(runConfig);
        } catch (error) {
          this.kafka.logger().error('restarting the consumer failed, trying again', { groupId: group, error: (error as Error).message });
          await consumer.disconnect().catch(() => undefined);
          continue;
        }
        if (stopping) {
          await consumer.disconnect().catch(() => undefined); // stopped while it was starting again
          return;
        }
        this.consumerRestarts++;
        if (crashes === crashesBefore) return; // running (or restarting by kafkajs' own rules)
      }
    };
    let crashes = 0;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      crashes++;
      this.crashed.set(entry, payload.error);
      this.kafka.logger().error('kafkajs will not restart the crashed consumer: restarting it', { groupId: group, error: payload.error.message });
      restarting ??= restartAfterCrash().finally(() => (restarting = undefined));
    });
    consumer.on(consumer.events.GROUP_JOIN, () => this.crashed.delete(entry));

    await this.ensureTopics(topics);
    await consumer.connect();
    // Without managed topics a topic nobody produced to yet may not exist: subscribing asks for
    // its metadata, which auto-creates it; retry while the cluster still answers "unknown topic".
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics, fromBeginning: true });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(Math.min(100 * attempt, 1_000));
      }
    }
    const runConfig: ConsumerRunConfig = {
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
      },
    };
    await consumer.run(runConfig);
    return subscription;
  }
}
