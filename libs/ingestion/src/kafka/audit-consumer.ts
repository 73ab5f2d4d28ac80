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
  chunkSize: number;
  dlqSuffix: string;
  topicClusters: Record<string, string>;
  defaultCluster: string;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
}

const MAX_BACKOFF_MS = 5_000;

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

class StoppedWhileWaiting extends Error {}

/**
 * Consumes audit topics: each chunk of a batch is decoded, stored in PostgreSQL and committed
 * there first; only then are its offsets resolved and committed to Kafka. A crash at any point
 * redelivers at most the chunk in flight, which the ledger's deterministic event ids absorb.
 */
export class AuditConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private crashed: Error | undefined;
  private started = false;

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
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.started = true;
  }

  /** Stops after the chunk in flight; offsets of unstored messages are never committed. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Ready once running and not crashed. */
  async assertHealthy(): Promise<void> {
    if (!this.started) throw new Error('the consumer has not started');
    if (this.crashed) throw new Error(`the consumer crashed: ${this.crashed.message}`);
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    const { topic, partition } = batch;
    try {
      for (let start = 0; start < batch.messages.length; start += this.options.chunkSize) {
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(start, start + this.options.chunkSize);
        const timer = this.metrics.batchSeconds.startTimer();
        const planned = chunk.map((m) => {
          const message = incoming(topic, partition, m);
          return {
            message,
            plan: planMessage(
              message,
              clusterOf(message, this.options.topicClusters, this.options.defaultCluster),
            ),
          };
        });
        const plans = await this.storeChunk(planned, payload);
        await this.deadLetter(plans.flatMap((p) => p.deadLetters));
        resolveOffset(chunk.at(-1)!.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
        timer();
        this.count(topic, plans);
      }
      this.metrics.consumerLag.set(
        { topic, partition: String(partition) },
        Number(batch.offsetLag()),
      );
    } catch (error) {
      if (error instanceof StoppedWhileWaiting) return;
      throw error;
    }
  }

  private count(topic: string, plans: MessagePlan[]): void {
    this.metrics.messagesRead.inc({ topic }, plans.length);
    for (const plan of plans) {
      if (plan.prefiltered) this.metrics.messagesDropped.inc({ topic });
      for (const [reason, n] of Object.entries(plan.ignored))
        this.metrics.eventsIgnored.inc({ reason }, n);
      for (const fact of plan.facts) {
        if (fact.type === 'AuditChangeRecorded')
          this.metrics.eventsKept.inc({ cluster: String(fact.metadata.cluster) });
      }
      if (plan.deadLetters.length > 0)
        this.metrics.deadLettered.inc({ topic }, plan.deadLetters.length);
    }
  }

  /** Stores the chunk; waits out database outages; isolates messages the database refuses. */
  private async storeChunk(
    planned: Array<{ message: IncomingMessage; plan: MessagePlan }>,
    payload: EachBatchPayload,
  ): Promise<MessagePlan[]> {
    const plans = planned.map((p) => p.plan);
    const facts = plans.flatMap((p) => p.facts);
    if (facts.length === 0) return plans;
    try {
      await this.recordWaitingOutOutages(facts, payload);
      return plans;
    } catch (error) {
      if (error instanceof StoppedWhileWaiting) throw error;
      this.logger.warn(
        { err: error },
        'a chunk could not be stored; storing its messages one by one',
      );
      const out: MessagePlan[] = [];
      for (const { message, plan } of planned)
        out.push(await this.storeAlone(message, plan, payload));
      return out;
    }
  }

  private async storeAlone(
    message: IncomingMessage,
    plan: MessagePlan,
    payload: EachBatchPayload,
  ): Promise<MessagePlan> {
    if (plan.facts.length === 0) return plan;
    try {
      await this.recordWaitingOutOutages(plan.facts, payload);
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
      await this.recordWaitingOutOutages(deadFacts, payload).catch((e: unknown) => {
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

  private async recordWaitingOutOutages(
    facts: readonly NewEvent[],
    payload: EachBatchPayload,
  ): Promise<void> {
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
        while (payload.isRunning()) {
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          await payload.heartbeat().catch(() => undefined);
          try {
            await this.store.probe();
            break;
          } catch {
            // still down
          }
        }
        if (!payload.isRunning()) {
          this.resumeAfterOutage();
          throw new StoppedWhileWaiting('stopped while PostgreSQL was unavailable');
        }
      }
    }
  }

  private resumeAfterOutage(): void {
    this.metrics.databaseUnavailable.set(0);
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
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
