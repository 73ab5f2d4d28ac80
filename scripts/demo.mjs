// `npm run demo`: the main job end to end on embedded defaults. Starts the stack, publishes the
// real audit samples plus a synthetic Calico story to Kafka, runs the ingestor and the api, then
// asks the api what an operator would: what changed, who can edit the security tier, and a
// compliance report as PDF (written to demo-output/). Stops everything it started.
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
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
const { createKafka } = require(path.join(root, 'dist/libs/ingestion/src/index.js'));
const { demoStory, realAuditSampleMessages, tieredPolicyPassthroughEvents } = require(
  path.join(root, 'dist/libs/samples/src/index.js'),
);
const { apiTokenRequestSchema, createApiToken } = require(
  path.join(root, 'dist/libs/access/src/index.js'),
);
const { createPool } = require(path.join(root, 'dist/libs/ledger/src/index.js'));

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
    ...[...tieredPolicyPassthroughEvents('2026-03-02T08:00:00.000000Z'), ...demoStory()].map(
      (event) => JSON.stringify(event),
    ),
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

  step('minting an admin API token (policy-ledger tokens create does the same)');
  const pool = createPool(stack.settings.DATABASE_URL, { max: 1 });
  const { secret: token } = await createApiToken(
    pool,
    apiTokenRequestSchema.parse({ name: `demo-${process.pid}`, role: 'admin', expiresIn: '1h' }),
    { now: new Date(), createdBy: 'demo' },
  );
  await pool.end();
  const api = async (route, init = {}) => {
    const response = await fetch(`${apiUrl}${route}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    if (!response.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${route}: ${response.status} ${await response.text()}`,
      );
    return response;
  };

  step('waiting for the ledger to record the changes');
  const expected = messages.length; // an upper bound: most messages are reads and are dropped
  let items = [];
  for (let i = 0, last = -1; i < 200; i++) {
    items = (await (await api('/v1/changes?limit=1000')).json()).items ?? [];
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

  const editors = await (await api('/v1/rbac/tiers/security/editors')).json();
  console.log('\nWho can edit the policies of tier "security" now:\n');
  const subjectName = (s) =>
    s.namespace ? `${s.kind} ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
  for (const policyPath of editors.policies)
    for (const holder of policyPath.definite)
      console.log(
        `  ${subjectName(holder.subject).padEnd(40)} ${holder.verbs.join(',').padEnd(40)} ${policyPath.kind} (${policyPath.names === 'all' ? 'every policy' : policyPath.names.join(', ')})`,
      );
  for (const caveat of editors.caveats) console.log(`  note: ${caveat}`);

  step('requesting a compliance report of the demo week as PDF');
  const run = await (
    await api('/v1/reports', {
      method: 'POST',
      body: JSON.stringify({
        type: 'compliance',
        cluster: 'demo',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-10T00:00:00Z',
        format: 'pdf',
      }),
    })
  ).json();
  let status = run;
  while (status.status === 'queued' || status.status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    status = await (await api(`/v1/reports/${run.id}`)).json();
  }
  if (status.status !== 'succeeded')
    throw new Error(`report ${run.id} ${status.status}: ${status.error}`);
  const outputDir = path.join(root, 'demo-output');
  await mkdir(outputDir, { recursive: true });
  const reportPath = path.join(outputDir, status.fileName);
  await writeFile(
    reportPath,
    Buffer.from(await (await api(`/v1/reports/${run.id}/content`)).arrayBuffer()),
  );
  console.log(
    `\nCompliance report: ${path.relative(process.cwd(), reportPath)} (${status.size} bytes)`,
  );
  console.error(`\ndemo: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await shutdown(0);
} catch (error) {
  console.error(`demo failed: ${error.stack ?? error}`);
  await shutdown(1);
}
