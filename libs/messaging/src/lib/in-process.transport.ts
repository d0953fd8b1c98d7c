import {
  partitionOf,
  sleep,
  type EventTransport,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type Subscription,
} from './transport';

type StoredMessage = IncomingMessage;

interface Member {
  id: number;
  group: string;
  topics: Set<string>;
  handler: MessageHandler;
  stopped: boolean;
  inFlight: Set<Promise<unknown>>;
}

/**
 * An in-memory log per topic (4 partitions by key), with consumer groups that each read every
 * message once, in order per partition, at-least-once (a rejected or unfinished delivery is
 * redelivered). One bus per process (`InProcessBus.shared`) is the embedded mode's Kafka.
 */
export class InProcessBus {
  private static instance?: InProcessBus;
  static get shared(): InProcessBus {
    return (InProcessBus.instance ??= new InProcessBus());
  }

  private readonly logs = new Map<string, StoredMessage[][]>();
  private readonly members: Member[] = [];
  private readonly committed = new Map<string, number>(); // `${group}\0${topic}\0${partition}` → next offset
  private readonly workers = new Map<string, Promise<void>>();
  private nextMemberId = 1;

  constructor(readonly options: { partitions?: number; redeliveryDelayMs?: number } = {}) {}

  private get partitions() {
    return this.options.partitions ?? 4;
  }

  private log(topic: string): StoredMessage[][] {
    let log = this.logs.get(topic);
    if (!log) {
      log = Array.from({ length: this.partitions }, () => []);
      this.logs.set(topic, log);
    }
    return log;
  }

  append(topic: string, messages: OutgoingMessage[]): void {
    const log = this.log(topic);
    const touched = new Set<number>();
    for (const message of messages) {
      const partition = partitionOf(message.key, this.partitions);
      const entries = log[partition];
      entries.push({
        topic,
        partition,
        offset: String(entries.length),
        key: message.key,
        value: message.value,
        headers: { ...(message.headers ?? {}) },
      });
      touched.add(partition);
    }
    const groups = new Set(this.members.filter((m) => m.topics.has(topic)).map((m) => m.group));
    for (const group of groups) for (const partition of touched) this.kick(group, topic, partition);
  }

  join(group: string, topics: string[], handler: MessageHandler): Member {
    const member: Member = {
      id: this.nextMemberId++,
      group,
      topics: new Set(topics),
      handler,
      stopped: false,
      inFlight: new Set(),
    };
    this.members.push(member);
    for (const topic of topics) {
      this.log(topic);
      for (let p = 0; p < this.partitions; p++) this.kick(group, topic, p);
    }
    return member;
  }

  async leave(member: Member): Promise<void> {
    member.stopped = true;
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    await Promise.allSettled([...member.inFlight]);
    for (const topic of member.topics) for (let p = 0; p < this.partitions; p++) this.kick(member.group, topic, p);
  }

  /** Messages of a topic not yet committed by a group (for tests and metrics). */
  lag(group: string, topic: string): number {
    return this.log(topic).reduce((sum, entries, p) => sum + entries.length - (this.committed.get(`${group}\0${topic}\0${p}`) ?? 0), 0);
  }

  private assignee(group: string, topic: string, partition: number): Member | undefined {
    const eligible = this.members.filter((m) => m.group === group && m.topics.has(topic) && !m.stopped);
    return eligible.length ? eligible[partition % eligible.length] : undefined;
  }

  private kick(group: string, topic: string, partition: number): void {
    const slot = `${group}\0${topic}\0${partition}`;
    if (this.workers.has(slot)) return; // the running worker loops until the partition is drained
    const worker = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        for (;;) {
          const entries = this.log(topic)[partition];
          const next = this.committed.get(slot) ?? 0;
          if (next >= entries.length) return;
          const member = this.assignee(group, topic, partition);
          if (!member) return;
          const delivery = member.handler(entries[next]);
          member.inFlight.add(delivery);
          let ok = false;
          try {
            await delivery;
            ok = !member.stopped;
          } catch {
            ok = false;
          } finally {
            member.inFlight.delete(delivery);
          }
          if (ok) this.committed.set(slot, next + 1);
          else await sleep(this.options.redeliveryDelayMs ?? 50);
        }
      } finally {
        this.workers.delete(slot);
        // Something may have arrived between the last check and the delete.
        const entries = this.log(topic)[partition];
        if ((this.committed.get(slot) ?? 0) < entries.length && this.assignee(group, topic, partition)) {
          this.kick(group, topic, partition);
        }
      }
    })();
    this.workers.set(slot, worker);
  }
}

/** `EventTransport` over an `InProcessBus` (the process-wide one unless given another). */
export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private readonly subscriptions = new Set<Subscription>();

  constructor(readonly bus: InProcessBus = InProcessBus.shared) {}

  /** A transport on the process-wide bus (embedded all-in-one mode). */
  static shared(): InProcessTransport {
    return new InProcessTransport(InProcessBus.shared);
  }

  async start(): Promise<void> {
    // nothing to connect
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.bus.append(topic, messages);
  }

  /** Messages of the topic the group has not acknowledged yet (undelivered or in flight). */
  async lag(group: string, topic: string): Promise<number> {
    return this.bus.lag(group, topic);
  }

  /** In memory: always up. */
  async isHealthy(): Promise<boolean> {
    return true;
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    const member = this.bus.join(group, topics, handler);
    const subscription: Subscription = {
      group,
      topics: [...topics],
      stop: async () => {
        this.subscriptions.delete(subscription);
        await this.bus.leave(member);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }
}
