// `npm run bench:ingest`: the ingestor (dist/apps/ingestor, a process of its own) on two synthetic
// audit streams, each against a baseline measured in the same run on the same stack:
//  (a) a firehose in which ~1% of events are tracked changes, against a no-op kafkajs consumer
//      reading the same topic;
//  (b) a stream of only tracked changes, against a raw multi-row INSERT of the very rows the
//      ingestor appended into a bare table (no index, no constraint) of the same PostgreSQL.
// Sizes: BENCH_EVENTS (firehose, 200,000), BENCH_TRACKED_EVERY (100), BENCH_TRACKED (50,000),
// BENCH_OBJECTS (tracked objects in (b), BENCH_TRACKED / 10), BENCH_PARTITIONS (3); BENCH_PARTS
// (firehose,tracked) runs one part only.
// BENCH_INGESTOR_NODE_ARGS passes node flags to the ingestor, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';
import { syntheticFirehose, syntheticTrackedStream } from './synthetic-audit-stream.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const TRACKED_EVERY = Number(process.env.BENCH_TRACKED_EVERY ?? 100);
const TRACKED = Number(process.env.BENCH_TRACKED ?? 50_000);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? Math.max(50, Math.round(TRACKED / 10)));
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'firehose,tracked').split(','));
const NODE_ARGS = (process.env.BENCH_INGESTOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** The rows per statement of the raw INSERT baseline: the ingestor's default chunk. */
const RAW_ROWS_PER_INSERT = 500;
const TARGETS = {
  firehoseRatio: 0.85,
  firehoseRate: 50_000,
  trackedRatio: 0.5,
  trackedRate: 10_000,
};
const log = (line) => console.error(`bench:ingest: ${line}`);

await ensureBuilt();
const { startStack, stopProcessGroup, watchOwner } = require(
  path.join(root, 'dist/libs/stack/src/index.js'),
);
const { createPool, verifyLedger } = require(path.join(root, 'dist/libs/ledger/src/index.js'));
const { createKafka } = require(path.join(root, 'dist/libs/ingestion/src/index.js'));
const samples = require(path.join(root, 'dist/libs/samples/src/index.js'));

const run = `${process.pid}-${randomBytes(3).toString('hex')}`;
const stateDir = path.join(root, '.stack', `bench-ingest-${process.pid}`);
const topics = {
  firehose: `bench.ingest.${run}.firehose`,
  tracked: `bench.ingest.${run}.tracked`,
};
const cleanup = [];
let finishing = false;
const finish = async (code) => {
  if (finishing) return;
  finishing = true;
  for (const step of cleanup.reverse()) await step().catch(() => {});
  await rm(stateDir, { recursive: true, force: true });
  process.exit(code);
};
process.once('SIGINT', () => void finish(130));
process.once('SIGTERM', () => void finish(143));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const int = (n) => Math.round(n).toLocaleString('en');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** CPU seconds used so far by a process and its children (PostgreSQL's backends), reaped ones included. */
async function treeCpuSeconds(pid) {
  if (!pid) return 0;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) === pid)
      total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (Number(fields[1]) === pid) total += Number(fields[11]) + Number(fields[12]);
  }
  return total / ticks;
}

async function produce(kafka, topic, messages) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const stats = { count: 0, tracked: 0, bytes: 0 };
  try {
    const inFlight = new Set();
    let batch = [];
    const send = (msgs) => {
      const p = producer.send({ topic, messages: msgs }).finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    for (const m of messages) {
      batch.push({ value: m.value });
      stats.count += 1;
      stats.tracked += m.tracked ? 1 : 0;
      stats.bytes += m.value.length;
      if (batch.length === 500) {
        send(batch);
        batch = [];
        if (inFlight.size >= 4) await Promise.race(inFlight);
      }
      if (stats.count % 50_000 === 0) log(`  produced ${int(stats.count)}`);
    }
    if (batch.length > 0) send(batch);
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return stats;
}

async function headPosition(pool) {
  const { rows } = await pool.query(
    'select coalesce(max(position), 0)::bigint as p from ledger.events',
  );
  return Number(rows[0].p);
}

async function committedToEnd(admin, groupId, topic) {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const at = new Map(committed[0].partitions.map((p) => [p.partition, Number(p.offset)]));
  return ends.every((e) => at.get(e.partition) >= Number(e.high));
}

function runNoopConsumer(brokers, topic, expected) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'bench/ingest/noop-consumer.mjs'),
        brokers,
        topic,
        `bench-noop-${run}`,
        String(expected),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    const stop = () => stopProcessGroup(child.pid, { graceMs: 5_000 });
    cleanup.push(stop);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the no-op consumer exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}

/**
 * Runs the ingestor on a topic with a new group; the clock starts when the group is Stable (just
 * before its first fetch) and stops once the ledger holds `expected` more events and the group's
 * committed offsets reach the end of every partition.
 */
async function runIngestor({ stack, admin, pool, topic, cluster, expected }) {
  const groupId = `bench-ingestor-${run}-${cluster}`;
  const start = await headPosition(pool);
  const child = spawn(
    process.execPath,
    [...NODE_ARGS, path.join(root, 'dist/apps/ingestor/src/main.js')],
    {
      env: {
        ...process.env,
        ...stack.settings,
        AUDIT_TOPICS: topic,
        KAFKA_GROUP_ID: groupId,
        DEFAULT_CLUSTER: cluster,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  const stop = async () => {
    await stopProcessGroup(child.pid, { graceMs: 20_000 });
    await stopProcessGroup(watcher, { graceMs: 1_000 });
  };
  const watcher = watchOwner(process.pid, [child.pid]);
  cleanup.push(stop);
  createInterface({ input: child.stdout }).on('line', (line) => log(`  ingestor: ${line}`));
  let exited;
  child.once('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + 30 * 60_000;
  const check = () => {
    if (exited !== undefined) throw new Error(`the ingestor exited with ${exited}`);
    if (Date.now() > deadline) throw new Error('the ingestor did not finish in 30 minutes');
  };
  for (;;) {
    check();
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group?.state === 'Stable' && group.members.length > 0) break;
    await sleep(20);
  }
  const t0 = now();
  const cpu0 = await cpuNow(stack, child.pid);
  let lastLog = t0;
  for (;;) {
    check();
    const head = await headPosition(pool);
    if (head - start >= expected && (await committedToEnd(admin, groupId, topic))) break;
    if (now() - lastLog > 5_000) {
      log(`  ${int(head - start)} of ${int(expected)} events appended`);
      lastLog = now();
    }
    await sleep(25);
  }
  const t1 = now();
  const cpu1 = await cpuNow(stack, child.pid);
  await stop();
  cleanup.splice(cleanup.indexOf(stop), 1);
  const end = await headPosition(pool);
  return {
    seconds: (t1 - t0) / 1000,
    start,
    end,
    appended: end - start,
    cpu: Object.fromEntries(Object.keys(cpu1).map((k) => [k, cpu1[k] - cpu0[k]])),
  };
}

async function cpuNow(stack, ingestorPid) {
  return {
    ingestor: await treeCpuSeconds(ingestorPid),
    postgres: await treeCpuSeconds(stack.postgres?.pid),
    kafka: await treeCpuSeconds(stack.kafka?.pid),
  };
}

const cpuLine = (cpu) =>
  `CPU s: ${Object.entries(cpu)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ')}`;

/** The same rows into a bare table, RAW_ROWS_PER_INSERT a statement: the faster of two spellings. */
async function rawInsert(pool, start, end) {
  const table = `public.bench_raw_events_${run.replace('-', '_')}`;
  const rows = [];
  for (let from = start; from < end; from += 5_000) {
    const page = await pool.query(
      `select position::text, event_id::text, stream_id, stream_position, type, data::text as data,
              metadata::text as metadata, occurred_at::text as occurred_at, recorded_at::text as recorded_at,
              encode(prev_hash, 'hex') as prev_hash, encode(hash, 'hex') as hash
         from ledger.events where position > $1 and position <= $2 order by position`,
      [from, Math.min(end, from + 5_000)],
    );
    rows.push(...page.rows);
  }
  const columns =
    'position bigint, event_id uuid, stream_id text, stream_position integer, type text, data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz, prev_hash bytea, hash bytea';
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]);
  const spellings = {
    'unnest arrays': (chunk) => [
      `insert into ${table} (${names.join(', ')})
       select p, id, s, sp, t, d, m, o, r, decode(ph, 'hex'), decode(h, 'hex')
         from unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[],
                     $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])
           as e(p, id, s, sp, t, d, m, o, r, ph, h)`,
      names.map((n) => chunk.map((row) => row[n])),
    ],
    'VALUES lists': (chunk) => [
      `insert into ${table} (${names.join(', ')}) values ${chunk
        .map((_, i) => {
          const b = i * 11;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, decode($${b + 10}, 'hex'), decode($${b + 11}, 'hex'))`;
        })
        .join(', ')}`,
      chunk.flatMap((row) => names.map((n) => row[n])),
    ],
  };
  const results = [];
  cleanup.push(() => pool.query(`drop table if exists ${table}`));
  for (const [name, statement] of Object.entries(spellings)) {
    await pool.query(`drop table if exists ${table}`);
    await pool.query(`create table ${table} (${columns})`);
    const t0 = now();
    for (let i = 0; i < rows.length; i += RAW_ROWS_PER_INSERT)
      await pool.query(...statement(rows.slice(i, i + RAW_ROWS_PER_INSERT)));
    results.push({ name, seconds: (now() - t0) / 1000, rows: rows.length });
    log(`  raw ${name}: ${int(rows.length / results.at(-1).seconds)} rows/s`);
  }
  await pool.query(`drop table if exists ${table}`);
  return results.sort((a, b) => a.seconds - b.seconds)[0];
}

const verdict = (ok) => (ok ? '✔' : '✘');

/**
 * The rate this run's work would reach if every process's CPU time (ingestor, PostgreSQL, Kafka)
 * overlapped perfectly on this machine's cores: above it, a target needs less work per event,
 * not better overlap.
 */
function cpuCeiling(events, cpu, baselineRate) {
  const cores = os.availableParallelism();
  const seconds = Object.values(cpu).reduce((a, b) => a + b, 0);
  const rate = events / (seconds / cores);
  // An external PostgreSQL or Kafka (DATABASE_URL, KAFKA_BROKERS) is not measured: its 0 would flatter the ceiling.
  const unmeasured = Object.keys(cpu).filter((k) => cpu[k] === 0);
  return `  CPU ceiling: ${((seconds * 1000) / events).toFixed(3)} CPU ms an event in all; ${cores} cores perfectly overlapped would give ${int(rate)} events/s, ratio ${(rate / baselineRate).toFixed(2)}${unmeasured.length > 0 ? ` (too high: ${unmeasured.join(' and ')} not measured)` : ''}`;
}

const kib = (s) => (s.bytes / s.count / 1024).toFixed(2);

/** (a): the no-op consumer, then the ingestor, on the same firehose topic. */
async function firehosePart({ stack, admin, pool, kafka }) {
  log(
    `producing ${int(EVENTS)} synthetic firehose events (1 in ${TRACKED_EVERY} tracked) to ${topics.firehose}, uncompressed`,
  );
  const produced = await produce(
    kafka,
    topics.firehose,
    syntheticFirehose(samples, {
      count: EVENTS,
      trackedEvery: TRACKED_EVERY,
      seed: 20260301,
      runId: run,
    }),
  );
  const load0 = load();
  log(`(a) no-op kafkajs consumer on the firehose (load ${load0})`);
  const noop = await runNoopConsumer(stack.settings.KAFKA_BROKERS, topics.firehose, produced.count);
  const noopSeconds = (noop.doneMs - noop.firstMessageMs) / 1000;
  const noopRate = produced.count / noopSeconds;
  log(`  ${int(noopRate)} events/s, ${noopSeconds.toFixed(2)} s from the first message`);
  log(`(a) ingestor on the firehose (load ${load()})`);
  const cluster = `bench-firehose-${run}`;
  const ingest = await runIngestor({
    stack,
    admin,
    pool,
    topic: topics.firehose,
    cluster,
    expected: produced.tracked,
  });
  const rate = produced.count / ingest.seconds;
  const ratio = rate / noopRate;
  log(`  ${int(rate)} events/s`);
  return {
    check: { cluster, start: ingest.start, end: ingest.end, expected: produced.tracked },
    lines: [
      `ingest firehose: ${int(rate)} events/s (no-op consumer ${int(noopRate)} events/s, ratio ${ratio.toFixed(2)}; target ≥ ${TARGETS.firehoseRatio} and ≥ ${int(TARGETS.firehoseRate)}/s) ${verdict(ratio >= TARGETS.firehoseRatio && rate >= TARGETS.firehoseRate)}`,
      `  ${int(produced.count)} synthetic audit events, ${int(produced.tracked)} tracked (1 in ${TRACKED_EVERY}), mean ${kib(produced)} KiB, ${PARTITIONS} partitions, uncompressed`,
      `  ingestor ${ingest.seconds.toFixed(2)} s from group join to last commit, ${cpuLine(ingest.cpu)} · no-op consumer ${noopSeconds.toFixed(2)} s from first message, ${noop.cpuSeconds.toFixed(1)} CPU s · load ${load0} → ${load()}`,
      cpuCeiling(produced.count, ingest.cpu, noopRate),
    ],
  };
}

/** (b): the ingestor on tracked changes only, then the same rows as a raw INSERT. */
async function trackedPart({ stack, admin, pool, kafka }) {
  log(
    `producing ${int(TRACKED)} synthetic tracked changes over ${int(OBJECTS)} objects to ${topics.tracked}, uncompressed`,
  );
  const produced = await produce(
    kafka,
    topics.tracked,
    syntheticTrackedStream(samples, {
      count: TRACKED,
      objects: OBJECTS,
      seed: 20260302,
      runId: run,
    }),
  );
  const load0 = load();
  log(`(b) ingestor on the tracked changes (load ${load0})`);
  const cluster = `bench-tracked-${run}`;
  const ingest = await runIngestor({
    stack,
    admin,
    pool,
    topic: topics.tracked,
    cluster,
    expected: produced.count,
  });
  const rate = ingest.appended / ingest.seconds;
  log(
    `  ${int(rate)} events/s appended; the raw INSERT of the same ${int(ingest.appended)} rows (load ${load()})`,
  );
  const raw = await rawInsert(pool, ingest.start, ingest.end);
  const rawRate = raw.rows / raw.seconds;
  const ratio = rate / rawRate;
  return {
    check: { cluster, start: ingest.start, end: ingest.end, expected: produced.count },
    lines: [
      `ingest tracked changes: ${int(rate)} events/s appended (raw multi-row INSERT into a bare table ${int(rawRate)} rows/s, ratio ${ratio.toFixed(2)}; target ≥ ${TARGETS.trackedRatio} and ≥ ${int(TARGETS.trackedRate)}/s) ${verdict(ratio >= TARGETS.trackedRatio && rate >= TARGETS.trackedRate)}`,
      `  ${int(produced.count)} synthetic tracked changes over ${int(OBJECTS)} objects, mean ${kib(produced)} KiB, ${PARTITIONS} partitions · raw: ${raw.name}, ${RAW_ROWS_PER_INSERT} rows a statement, ${raw.seconds.toFixed(2)} s`,
      `  ingestor ${ingest.seconds.toFixed(2)} s from group join to last commit, ${cpuLine(ingest.cpu)} · load ${load0} → ${load()}`,
      cpuCeiling(ingest.appended, ingest.cpu, rawRate),
    ],
  };
}

/** Every tracked change stored once, as one change, and the hash chain intact. */
async function checkLedger(pool, checks) {
  const chain = await verifyLedger(pool);
  const parts = [];
  let correct = chain.verified;
  for (const c of checks) {
    const { rows } = await pool.query(
      `select (select count(*)::int from ledger.events where position > $1 and position <= $2) as events,
              (select count(*)::int from ledger.changes where cluster = $3 and cascade_of is null) as changes`,
      [c.start, c.end, c.cluster],
    );
    correct &&= rows[0].events === c.expected && rows[0].changes === c.expected;
    parts.push(
      `${c.cluster}: ${int(rows[0].events)} events, ${int(rows[0].changes)} changes of ${int(c.expected)}`,
    );
  }
  return {
    correct,
    line: `  ledger: chain ${chain.verified ? 'verified' : `BROKEN at ${chain.firstBrokenAt}`} over ${int(chain.events)} events · ${parts.join(' · ')} ${verdict(correct)}`,
  };
}

try {
  log(`load average ${load()} on ${os.cpus().length} CPUs`);
  const stack = await startStack({
    rootDir: root,
    stateDir,
    topics: Object.values(topics).map((topic) => ({ topic, partitions: PARTITIONS })),
    ownerPid: process.pid,
    log,
  });
  cleanup.push(() => stack.stop());
  const pool = createPool(stack.settings.DATABASE_ADMIN_URL, { max: 2 });
  cleanup.push(() => pool.end());
  const kafka = createKafka({
    brokers: stack.settings.KAFKA_BROKERS.split(','),
    clientId: 'bench-ingest',
  });
  const admin = kafka.admin();
  await admin.connect();
  cleanup.push(() => admin.disconnect());

  const context = { stack, admin, pool, kafka };
  const results = [];
  if (PARTS.has('firehose')) results.push(await firehosePart(context));
  if (PARTS.has('tracked')) results.push(await trackedPart(context));
  log('verifying the hash chain and the counts');
  const check = await checkLedger(
    pool,
    results.map((r) => r.check),
  );
  for (const r of results) for (const line of r.lines) console.log(line);
  console.log(check.line);
  await finish(check.correct ? 0 : 1);
} catch (error) {
  // After Ctrl-C the stopped ingestor makes the run fail: that is not worth a stack trace.
  if (!finishing) console.error(`bench:ingest failed: ${error.stack ?? error}`);
  await finish(1);
}
