import { CompressionTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createTopic, produce, readAll, uniqueName } from '../../../../test/support/kafka';

const payloads = Array.from({ length: 40 }, (_, i) =>
  JSON.stringify({ kind: 'Event', auditID: `a-${i}`, padding: 'x'.repeat(300 + i) }),
);

describe('compressed audit topics', () => {
  // The broker recompresses what it receives with Kafka's own Java codecs when a topic sets
  // compression.type: reading such a topic proves we read what real Java-side pipelines write.
  it.each(['gzip', 'snappy', 'lz4', 'zstd'])(
    'reads a topic the broker compresses with %s',
    async (codec) => {
      const topic = uniqueName(`compressed-${codec}`);
      await createTopic(topic, 1, { 'compression.type': codec });
      await produce(
        topic,
        payloads.map((value) => ({ value })),
      );
      const read = await readAll(topic, payloads.length);
      expect(read.map((m) => m.value?.toString())).toEqual(payloads);
    },
  );

  it.each([
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('writes %s batches the broker accepts and reads back', async (_name, compression) => {
    const topic = uniqueName('producer-compressed');
    await createTopic(topic, 1, { 'compression.type': 'producer' });
    await produce(
      topic,
      payloads.map((value) => ({ value })),
      compression,
    );
    const read = await readAll(topic, payloads.length);
    expect(read.map((m) => m.value?.toString())).toEqual(payloads);
  });
});
