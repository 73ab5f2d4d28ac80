import { isTransientDatabaseError, recordFacts } from '@policy-ledger/ledger';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticChangeStream } from '../../../../test/support/change-stream';
import { appPool } from '../../../../test/support/database';
import { createTopic, produce, testKafka, uniqueName } from '../../../../test/support/kafka';
import { ledgerCounts } from '../../../../test/support/ledger-counts';
import { AuditConsumer, type FactStore } from './audit-consumer';
import { createIngestionMetrics } from './ingestion-metrics';

const pool = appPool();
const admin = testKafka().admin();
beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

function ledgerStore(gate?: Promise<void>): FactStore & { calls: number } {
  const store = {
    calls: 0,
    async record(facts: Parameters<FactStore['record']>[0]) {
      store.calls += 1;
      await gate;
      const result = await recordFacts(pool, facts);
      return { appended: result.appended.length, duplicates: result.duplicates.length };
    },
    probe: async () => {
      await pool.query('select 1');
    },
    isTransient: isTransientDatabaseError,
  };
  return store;
}

/** A consumer storing at most two facts a transaction, in a group and cluster of its own. */
function consumerOf(store: FactStore, topic: string, options: { dlqSuffix?: string } = {}) {
  const groupId = uniqueName('consumer');
  const cluster = uniqueName('c');
  const consumer = new AuditConsumer(
    testKafka(),
    store,
    {
      groupId,
      topics: [topic],
      fromBeginning: true,
      chunkSize: 2,
      dlqSuffix: options.dlqSuffix ?? '.dlq',
      topicClusters: {},
      defaultCluster: cluster,
      sessionTimeoutMs: 10_000,
    },
    pino({ level: 'silent' }),
    createIngestionMetrics(new Registry()),
  );
  return { consumer, groupId, cluster };
}

async function committed(groupId: string, topic: string): Promise<number[]> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets!.partitions.sort((a, b) => a.partition - b.partition).map((p) => Number(p.offset));
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the audit consumer, reading ahead of PostgreSQL', () => {
  it('commits no offset before its messages are stored, then every one', async () => {
    const topic = uniqueName('ahead');
    await createTopic(topic, 2);
    const n = 60;
    await produce(
      topic,
      syntheticChangeStream(n, { prefix: topic }).map((value, i) => ({ value, partition: i % 2 })),
    );
    const gate = Promise.withResolvers<void>();
    const store = ledgerStore(gate.promise);
    const { consumer, groupId, cluster } = consumerOf(store, topic);
    await consumer.start();
    try {
      await until(async () => (store.calls > 0 ? true : undefined), 'the first store');
      await sleep(1_000);
      expect(await committed(groupId, topic)).toEqual([-1, -1]);
      expect((await ledgerCounts(pool, cluster)).facts).toBe(0);
      gate.resolve();
      await until(
        async () =>
          (await committed(groupId, topic)).every((o) => o === n / 2) ? true : undefined,
        'offsets committed to the end',
      );
      expect(await ledgerCounts(pool, cluster)).toMatchObject({ facts: n, changes: n });
    } finally {
      gate.resolve();
      await consumer.stop();
    }
  });

  it('commits nothing past messages it could not finish, and reports the failure', async () => {
    const topic = uniqueName('unfinished');
    await createTopic(topic, 1);
    const good = syntheticChangeStream(6, { prefix: topic });
    // The poison message's dead letter cannot be sent (the dead-letter topic's name is invalid),
    // so its slice is stored but never finished: the error reaches kafkajs, which gives up on a
    // non-retriable error as it would for a failed batch, and readiness reports the crash.
    await produce(
      topic,
      [...good.slice(0, 4), 'not JSON', ...good.slice(4)].map((value) => ({ value })),
    );
    const { consumer, groupId, cluster } = consumerOf(ledgerStore(), topic, {
      dlqSuffix: '.dlq/invalid',
    });
    await consumer.start();
    try {
      await until(
        async () => ((await committed(groupId, topic))[0] === 4 ? true : undefined),
        'the messages before the poison committed',
      );
      await until(
        () =>
          consumer.assertHealthy().then(
            () => undefined,
            (error: Error) => error,
          ),
        'the crash to be reported',
      );
      await sleep(500);
      expect(await committed(groupId, topic)).toEqual([4]);
      expect(await ledgerCounts(pool, cluster)).toMatchObject({ dead: 1 });
    } finally {
      await consumer.stop();
    }
  });
});
