import { mightConcernTrackedResources } from '@policy-ledger/audit';
import type { NewEvent } from '@policy-ledger/ledger';
import {
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import {
  clusterOf,
  deadLetterFact,
  type IncomingMessage,
  type MessagePlan,
  planMessage,
} from '../plan-message';
import type { IngestionMetrics } from './ingestion-metrics';

/** Where facts go: the ledger, in one transaction per call. */
export interface FactStore {
  record(facts: readonly NewEvent[]): Promise<{ appended: number; duplicates: number }>;
  /** A cheap query that succeeds once the store is reachable again. */
  probe(): Promise<void>;
  isTransient(error: unknown): boolean;
}

export interface AuditConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  /** The most facts stored in one PostgreSQL transaction. */
  chunkSize: number;
  dlqSuffix: string;
  topicClusters: Record<string, string>;
  defaultCluster: string;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
}

const MAX_BACKOFF_MS = 5_000;
/**
 * How far reading may run ahead of storing, in planned slices of batches and in transactions'
 * worth of facts: what lets Kafka reads and PostgreSQL writes overlap.
 */
const MAX_PENDING_SLICES = 64;
const MAX_PENDING_CHUNKS = 2;
const HEARTBEAT_WHILE_WAITING_MS = 1_000;

function headersOf(message: KafkaMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    out[key] =
      first === undefined
        ? undefined
        : Buffer.isBuffer(first)
          ? first.toString('utf8')
          : String(first);
  }
  return out;
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const ms = Number(message.timestamp);
  return {
    topic,
    partition,
    offset: message.offset,
    value: message.value,
    headers: headersOf(message),
    timestamp: new Date(Number.isFinite(ms) && ms > 0 ? ms : Date.now()).toISOString(),
  };
}

/**
 * A run of consecutive messages of one partition, planned: what must be stored for them, and
 * the offset to commit once it is. Messages that need nothing stored are only counted.
 */
interface Slice {
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  planned: Array<{ message: IncomingMessage; plan: MessagePlan }>;
  facts: number;
  read: number;
  dropped: number;
  ignored: Map<string, number>;
  done: PromiseWithResolvers<void>;
}

function newSlice(topic: string, partition: number, firstOffset: string): Slice {
  return {
    topic,
    partition,
    firstOffset,
    lastOffset: firstOffset,
    planned: [],
    facts: 0,
    read: 0,
    dropped: 0,
    ignored: new Map(),
    done: Promise.withResolvers<void>(),
  };
}

class StoppedWhileWaiting extends Error {}

/**
 * Consumes audit topics. Each batch is planned in slices that the store writes to PostgreSQL
 * in order, several slices (of any partitions) in one transaction; only once that transaction
 * has committed are the slices' offsets committed to Kafka. Meanwhile the next batches are read
 * and planned: offsets are resolved (which only moves the fetch position) as slices are queued,
 * and Kafka auto-commit is off. A crash at any point redelivers at most the queued slices, which
 * the ledger's deterministic event ids absorb; a slice that cannot be stored rewinds its
 * partitions to it and surfaces the error to kafkajs, which retries as for a failed batch.
 */
export class AuditConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private crashed: Error | undefined;
  private started = false;
  private stopping = false;
  /** Queued and in-flight slices, oldest first. */
  private pending: Slice[] = [];
  private storing: Promise<void> | undefined;
  private storeFailure: Error | undefined;
  private latest: EachBatchPayload | undefined;
  private assigned = new Set<string>();

  constructor(
    kafka: Kafka,
    private readonly store: FactStore,
    private readonly options: AuditConsumerOptions,
    private readonly logger: Logger,
    private readonly metrics: IngestionMetrics,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      retry: { retries: 10 },
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: options.rebalanceTimeoutMs,
      heartbeatInterval: options.sessionTimeoutMs
        ? Math.floor(options.sessionTimeoutMs / 10)
        : undefined,
    });
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      this.crashed = event.payload.error;
      this.logger.error(
        { err: event.payload.error, restart: event.payload.restart },
        'kafka consumer crashed',
      );
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      this.crashed = undefined;
      // A new generation fetches from the committed offsets: an earlier failure is behind it.
      this.storeFailure = undefined;
      this.assigned = new Set(
        Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((p) => `${topic}\n${p}`),
        ),
      );
      this.logger.info({ assignment: event.payload.memberAssignment }, 'joined the consumer group');
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.started = true;
  }

  /**
   * Stops reading, stores what is queued and commits its offsets (unless PostgreSQL is down:
   * then it is left for redelivery), and leaves the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    try {
      this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
    } catch {
      // Not running (never started, or crashed): nothing is read any more.
    }
    await this.storing;
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Ready once running and not crashed. */
  async assertHealthy(): Promise<void> {
    if (!this.started) throw new Error('the consumer has not started');
    if (this.crashed) throw new Error(`the consumer crashed: ${this.crashed.message}`);
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    this.latest = payload;
    this.throwStoreFailure();
    const { batch, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    let slice: Slice | undefined;
    for (const message of batch.messages) {
      if (this.stopping || !isRunning() || isStale()) return;
      slice ??= newSlice(topic, partition, message.offset);
      this.plan(slice, message);
      if (slice.facts >= this.options.chunkSize) {
        await this.enqueue(slice, payload);
        slice = undefined;
      }
    }
    if (slice) await this.enqueue(slice, payload);
    this.metrics.consumerLag.set(
      { topic, partition: String(partition) },
      Number(batch.offsetLag()),
    );
  }

  /** Most messages of a firehose stop at the byte-level pre-check, before any parsing or copying. */
  private plan(slice: Slice, message: KafkaMessage): void {
    slice.read += 1;
    slice.lastOffset = message.offset;
    const value = message.value;
    if (value === null || value.length === 0 || !mightConcernTrackedResources(value)) {
      slice.dropped += 1;
      return;
    }
    const received = incoming(slice.topic, slice.partition, message);
    const plan = planMessage(
      received,
      clusterOf(received, this.options.topicClusters, this.options.defaultCluster),
    );
    if (plan.prefiltered) slice.dropped += 1;
    for (const [reason, n] of Object.entries(plan.ignored))
      slice.ignored.set(reason, (slice.ignored.get(reason) ?? 0) + n);
    if (plan.facts.length > 0 || plan.deadLetters.length > 0) {
      // A copy: the fetch's whole response buffer is not kept alive for one message.
      slice.planned.push({ message: { ...received, value: Buffer.from(value) }, plan });
      slice.facts += plan.facts.length;
    }
  }

  /** Queues a slice (its offsets resolved: the next fetch starts after it) and waits while too many are. */
  private async enqueue(slice: Slice, payload: EachBatchPayload): Promise<void> {
    this.pending.push(slice);
    payload.resolveOffset(slice.lastOffset);
    this.storing ??= this.storePending();
    while (!this.stopping && this.isBacklogFull()) {
      await Promise.race([
        this.pending[0]!.done.promise,
        new Promise((resolve) => setTimeout(resolve, HEARTBEAT_WHILE_WAITING_MS)),
      ]);
      this.throwStoreFailure();
      await payload.heartbeat();
    }
  }

  private isBacklogFull(): boolean {
    if (this.pending.length > MAX_PENDING_SLICES) return true;
    let facts = 0;
    for (const slice of this.pending) facts += slice.facts;
    return facts > MAX_PENDING_CHUNKS * this.options.chunkSize;
  }

  private throwStoreFailure(): void {
    const failure = this.storeFailure;
    if (!failure) return;
    this.storeFailure = undefined;
    throw failure;
  }

  /**
   * Stores queued slices in order, as many as fit in one transaction at a time, until none is
   * left; it clears `storing` in the same step that finds the queue empty, so a slice queued
   * meanwhile always finds a store running or starts one.
   */
  private async storePending(): Promise<void> {
    await Promise.resolve();
    for (;;) {
      if (this.pending.length === 0) {
        this.storing = undefined;
        return;
      }
      const slices = [this.pending[0]!];
      let facts = slices[0]!.facts;
      for (const next of this.pending.slice(1)) {
        if (facts + next.facts > this.options.chunkSize) break;
        slices.push(next);
        facts += next.facts;
      }
      try {
        await this.storeSlices(slices);
        this.pending.splice(0, slices.length);
        for (const slice of slices) slice.done.resolve();
      } catch (error) {
        this.abandonPending(error);
        this.storing = undefined;
        return;
      }
    }
  }

  private async storeSlices(slices: Slice[]): Promise<void> {
    const timer = this.metrics.batchSeconds.startTimer();
    const planned = slices.flatMap((s) => s.planned);
    const plans = await this.storeChunk(planned);
    await this.deadLetter(plans.flatMap((p) => p.deadLetters));
    await this.commit(slices);
    timer();
    this.count(slices, plans);
  }

  /**
   * Drops every queued slice. Unless the consumer is stopping (the next run starts from the
   * committed offsets anyway), their partitions are rewound to the first of them and the error
   * goes to kafkajs with the next batch.
   */
  private abandonPending(error: unknown): void {
    const dropped = this.pending.splice(0);
    for (const slice of dropped) slice.done.resolve();
    if (error instanceof StoppedWhileWaiting) return;
    this.logger.error({ err: error }, 'queued messages could not be stored; reading them again');
    const rewound = new Set<string>();
    for (const slice of dropped) {
      const key = `${slice.topic}\n${slice.partition}`;
      if (rewound.has(key)) continue;
      rewound.add(key);
      try {
        this.consumer.seek({
          topic: slice.topic,
          partition: slice.partition,
          offset: slice.firstOffset,
        });
      } catch {
        // Not running: its next run starts from the committed offsets anyway.
      }
    }
    this.storeFailure = error instanceof Error ? error : new Error(String(error));
  }

  /** Commits each partition's next offset, for the partitions this member still owns. */
  private async commit(slices: Slice[]): Promise<void> {
    const next = new Map<string, { topic: string; partition: number; offset: string }>();
    for (const s of slices) {
      next.set(`${s.topic}\n${s.partition}`, {
        topic: s.topic,
        partition: s.partition,
        offset: (BigInt(s.lastOffset) + 1n).toString(),
      });
    }
    const owned = [...next].filter(([key]) => this.assigned.has(key)).map(([, offset]) => offset);
    if (owned.length > 0) await this.consumer.commitOffsets(owned);
  }

  private count(slices: Slice[], plans: MessagePlan[]): void {
    for (const slice of slices) {
      this.metrics.messagesRead.inc({ topic: slice.topic }, slice.read);
      if (slice.dropped > 0)
        this.metrics.messagesDropped.inc({ topic: slice.topic }, slice.dropped);
      for (const [reason, n] of slice.ignored) this.metrics.eventsIgnored.inc({ reason }, n);
    }
    const kept = new Map<string, number>();
    for (const plan of plans) {
      for (const fact of plan.facts) {
        if (fact.type !== 'AuditChangeRecorded') continue;
        const cluster = String(fact.metadata.cluster);
        kept.set(cluster, (kept.get(cluster) ?? 0) + 1);
      }
    }
    for (const [cluster, n] of kept) this.metrics.eventsKept.inc({ cluster }, n);
    const deadByTopic = new Map<string, number>();
    for (const plan of plans)
      for (const d of plan.deadLetters)
        deadByTopic.set(d.source.topic, (deadByTopic.get(d.source.topic) ?? 0) + 1);
    for (const [topic, n] of deadByTopic) this.metrics.deadLettered.inc({ topic }, n);
  }

  /** Stores the planned messages; waits out database outages; isolates messages the database refuses. */
  private async storeChunk(
    planned: Array<{ message: IncomingMessage; plan: MessagePlan }>,
  ): Promise<MessagePlan[]> {
    const plans = planned.map((p) => p.plan);
    const facts = plans.flatMap((p) => p.facts);
    if (facts.length === 0) return plans;
    try {
      await this.recordWaitingOutOutages(facts);
      return plans;
    } catch (error) {
      if (error instanceof StoppedWhileWaiting) throw error;
      this.logger.warn(
        { err: error },
        'a chunk could not be stored; storing its messages one by one',
      );
      const out: MessagePlan[] = [];
      for (const { message, plan } of planned) out.push(await this.storeAlone(message, plan));
      return out;
    }
  }

  private async storeAlone(message: IncomingMessage, plan: MessagePlan): Promise<MessagePlan> {
    if (plan.facts.length === 0) return plan;
    try {
      await this.recordWaitingOutOutages(plan.facts);
      return plan;
    } catch (error) {
      if (error instanceof StoppedWhileWaiting) throw error;
      const reason = `could not be stored: ${(error as Error).message}`;
      const cluster = clusterOf(message, this.options.topicClusters, this.options.defaultCluster);
      const value = message.value ?? Buffer.alloc(0);
      const deadFacts = [deadLetterFact(cluster, message, 'store', reason, value)];
      const deadLetter = {
        cluster,
        reason,
        value,
        source: { topic: message.topic, partition: message.partition, offset: message.offset },
      };
      await this.recordWaitingOutOutages(deadFacts).catch((e: unknown) => {
        if (e instanceof StoppedWhileWaiting) throw e;
        this.logger.error(
          { err: e, offset: message.offset, topic: message.topic },
          'could not record a dead letter in the ledger',
        );
      });
      return {
        facts: deadFacts,
        deadLetters: [deadLetter],
        kept: 0,
        ignored: plan.ignored,
        prefiltered: false,
      };
    }
  }

  /** Whether the consumer still runs: the latest batch's run, unless this one is stopping. */
  private isRunning(): boolean {
    return !this.stopping && (this.latest?.isRunning() ?? true);
  }

  private async recordWaitingOutOutages(facts: readonly NewEvent[]): Promise<void> {
    let backoff = 100;
    let paused = false;
    for (;;) {
      try {
        const result = await this.store.record(facts);
        this.metrics.appended.inc(result.appended);
        this.metrics.duplicates.inc(result.duplicates);
        if (paused) this.resumeAfterOutage();
        return;
      } catch (error) {
        if (!this.store.isTransient(error)) throw error;
        if (!paused) {
          paused = true;
          this.metrics.databaseUnavailable.set(1);
          this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
          this.logger.warn(
            { err: error },
            'PostgreSQL is unavailable: consumption paused until it answers',
          );
        }
        while (this.isRunning()) {
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          await this.latest?.heartbeat().catch(() => undefined);
          try {
            await this.store.probe();
            break;
          } catch {
            // still down
          }
        }
        if (!this.isRunning()) {
          this.resumeAfterOutage();
          throw new StoppedWhileWaiting('stopped while PostgreSQL was unavailable');
        }
      }
    }
  }

  private resumeAfterOutage(): void {
    this.metrics.databaseUnavailable.set(0);
    if (!this.stopping) this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
    this.logger.info('PostgreSQL answers again: consumption resumed');
  }

  private async deadLetter(deadLetters: MessagePlan['deadLetters']): Promise<void> {
    if (deadLetters.length === 0) return;
    const byTopic = new Map<string, MessagePlan['deadLetters']>();
    for (const d of deadLetters) {
      const topic = `${d.source.topic}${this.options.dlqSuffix}`;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), d]);
    }
    await this.producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, items]) => ({
        topic,
        messages: items.map((d) => ({
          value: d.value,
          headers: {
            'dlq-reason': d.reason.slice(0, 1000),
            'dlq-source-topic': d.source.topic,
            'dlq-source-partition': String(d.source.partition),
            'dlq-source-offset': d.source.offset,
            cluster: d.cluster,
          },
        })),
      })),
    });
  }
}
