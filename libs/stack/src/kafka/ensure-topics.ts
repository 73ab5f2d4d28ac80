import { fixKafkajsRequestQueueTimer } from '@policy-ledger/ingestion';
import { Kafka, logLevel } from 'kafkajs';
import type { TopicSpec } from '../stack-settings';

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(
  brokers: string[],
  topics: readonly TopicSpec[],
): Promise<string[]> {
  fixKafkajsRequestQueueTimer();
  const kafka = new Kafka({ clientId: 'policy-ledger-stack', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: 1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
