import { randomBytes } from 'node:crypto';
import { createKafka } from '@policy-ledger/ingestion';
import type { CompressionTypes, IHeaders } from 'kafkajs';
import { inject } from 'vitest';

/** A name no other test (or earlier run against the same stack) uses: tests isolate by name, never by cleanup. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function testKafka() {
  return createKafka({
    brokers: inject('stack').KAFKA_BROKERS.split(','),
    clientId: 'policy-ledger-tests',
  });
}

export async function createTopic(
  topic: string,
  partitions = 1,
  config: Record<string, string> = {},
): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

export interface OutgoingMessage {
  value: string | Buffer;
  key?: string;
  headers?: IHeaders;
  partition?: number;
}

export async function produce(
  topic: string,
  messages: OutgoingMessage[],
  compression?: CompressionTypes,
): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send({ topic, compression, messages: messages.slice(i, i + 500) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Reads every message currently in a topic (e.g. a dead-letter topic) from the beginning. */
export async function readAll(topic: string, expected: number, timeoutMs = 20_000) {
  const consumer = testKafka().consumer({ groupId: uniqueName('reader') });
  const seen: Array<{ value: Buffer | null; headers: Record<string, string> }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen.length} of ${expected} messages from ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {}))
            headers[k] = String(Array.isArray(v) ? v[0] : v);
          seen.push({ value: message.value, headers });
          if (seen.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
