// `npm run demo`: the main job end to end on embedded defaults. Starts the stack (or uses
// DATABASE_URL / KAFKA_BROKERS), publishes the real audit samples plus a synthetic Calico story
// to Kafka, runs the ingestor and the api, prints what the ledger recorded, and stops everything.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const step = (text) => console.error(`demo: ${text}`);
const started = performance.now();

await ensureBuilt();
const { startStack, formatTimings, stopProcessGroup, watchOwner } = require(
  path.join(root, 'dist/libs/stack/src/index.js'),
);
const { createKafka, quietKafkajsTimerWarning } = require(
  path.join(root, 'dist/libs/ingestion/src/index.js'),
);
const { demoStory, realAuditSampleMessages } = require(
  path.join(root, 'dist/libs/samples/src/index.js'),
);
quietKafkajsTimerWarning();

const stateDir = path.join(root, '.stack', `demo-${process.pid}`);
const children = [];
let stack;
async function shutdown(code) {
  for (const child of children.reverse())
    await stopProcessGroup(child, { graceMs: 15_000 }).catch(() => {});
  if (stack) await stack.stop().catch(() => {});
  await rm(stateDir, { recursive: true, force: true }).catch(() => {});
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(130));
process.once('SIGTERM', () => void shutdown(143));

try {
  step('starting PostgreSQL and Kafka');
  stack = await startStack({
    rootDir: root,
    stateDir,
    topics: [
      { topic: 'k8s.audit', partitions: 3 },
      { topic: 'k8s.audit.dlq', partitions: 1 },
    ],
    ownerPid: process.pid,
    log: step,
  });
  step(`stack up (${formatTimings(stack.timings)})`);
  const env = {
    ...process.env,
    ...stack.settings,
    DEFAULT_CLUSTER: 'demo',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  };

  const messages = [
    ...realAuditSampleMessages(root),
    ...demoStory().map((event) => JSON.stringify(event)),
  ];
  step(`publishing ${messages.length} audit messages to topic k8s.audit`);
  const producer = createKafka({
    brokers: stack.settings.KAFKA_BROKERS.split(','),
    clientId: 'policy-ledger-demo',
  }).producer();
  await producer.connect();
  await producer.send({
    topic: 'k8s.audit',
    messages: messages.map((value) => ({ value, headers: { cluster: 'demo' } })),
  });
  await producer.disconnect();

  const runApp = (app) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'dist/apps', app, 'src/main.js')], {
        env: { ...env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      children.push(child.pid, watchOwner(process.pid, [child.pid]));
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const entry = JSON.parse(line);
          if (entry.url && /listening/.test(entry.msg))
            resolve(entry.url.replace('0.0.0.0', '127.0.0.1'));
          else if (entry.level === 'error' || entry.level === 'warn')
            console.error(`${app}: ${entry.msg}`);
        } catch {}
      });
      child.once('exit', (code) => reject(new Error(`${app} exited with ${code}`)));
    });
  step('starting the ingestor and the api');
  const [, apiUrl] = await Promise.all([runApp('ingestor'), runApp('api')]);

  step('waiting for the ledger to record the changes');
  const expected = messages.length; // an upper bound: most messages are reads and are dropped
  let items = [];
  for (let i = 0, last = -1; i < 200; i++) {
    const response = await fetch(`${apiUrl}/v1/changes?limit=1000`);
    items = (await response.json()).items ?? [];
    if (items.length > 0 && items.length === last) break;
    last = items.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(
    `\nPolicy Ledger recorded ${items.length} changes (of ${expected} audit messages published), newest first:\n`,
  );
  const rows = items.map((c) => [
    c.occurredAt.slice(0, 19).replace('T', ' '),
    c.actor.username ?? '-',
    c.verb,
    `${c.resource}${c.namespace ? ` ${c.namespace}/` : ' '}${c.name ?? '(collection)'}`,
    `${c.outcome}/${c.action}`,
    (c.summary ?? [])
      .map((s) => s.summary)
      .join('; ')
      .slice(0, 80),
  ]);
  const widths = [19, 18, 7, 60, 18];
  for (const r of rows)
    console.log(
      r.map((cell, i) => (i < widths.length ? String(cell).padEnd(widths[i]) : cell)).join('  '),
    );
  console.error(`\ndemo: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await shutdown(0);
} catch (error) {
  console.error(`demo failed: ${error.stack ?? error}`);
  await shutdown(1);
}
