// The firehose baseline for bench:ingest, in a process of its own like the ingestor: a kafkajs
// consumer that does nothing with the messages (eachBatch resolves the last offset, commits and
// heartbeats). Prints { joinedMs, firstMessageMs, doneMs, messages, cpuSeconds } as JSON on stdout; times are
// performance.timeOrigin-relative epoch milliseconds so the parent can compare them with its own.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { createKafka } = require(path.join(root, 'dist/libs/ingestion/src/index.js'));

const [brokers, topic, groupId, expected] = process.argv.slice(2);
const total = Number(expected);
const now = () => performance.timeOrigin + performance.now();

const kafka = createKafka({ brokers: brokers.split(','), clientId: 'bench-noop-consumer' });
const consumer = kafka.consumer({ groupId });
let joinedMs;
let firstMessageMs;
let seen = 0;
consumer.on(consumer.events.GROUP_JOIN, () => {
  joinedMs ??= now();
});
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
const done = new Promise((resolve) => {
  void consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
      if (batch.messages.length === 0) return;
      firstMessageMs ??= now();
      seen += batch.messages.length;
      resolveOffset(batch.messages.at(-1).offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
      if (seen >= total) resolve(now());
    },
  });
});
const doneMs = await done;
await consumer.disconnect();
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    joinedMs,
    firstMessageMs,
    doneMs,
    messages: seen,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  }),
);
process.exit(0);
