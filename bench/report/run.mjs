// `npm run bench:report`: the PDF renderer on a period of 100,000 policy changes (synthetic rows
// generated lazily), against pdfkit writing the same rows as bare plain-text rows in the same
// run; then the whole report as users get it, built from a seeded ledger in PostgreSQL
// (BENCH_LEDGER=0 skips it). Each runs in its own process so its peak RSS (VmHWM) is its own.
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';
import { seedLedgerSql } from '../seed-ledger.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Number(process.env.BENCH_CHANGES ?? 100_000);
const TARGETS = { seconds: 10, peakRssMiB: 300, ratio: 2 };
/**
 * The ledger the report is built from: `count` changes of one cluster in a quarter, on a
 * large cluster's inventory (BENCH_POLICIES, 2,000 by default; bench:api's 50,000 is a stress).
 */
const LEDGER = {
  clusters: 1,
  changes: count,
  policies: Number(process.env.BENCH_POLICIES ?? 2_000),
  start: '2026-01-01 00:00:00+00',
  spacingMs: Math.floor((90 * 86_400_000) / count),
};

/**
 * The renderer alone runs in the measuring process's main thread: with the heap limits the report
 * worker has in production (a young generation is three semi-spaces), so its RSS is comparable.
 */
function heapFlagsOf(mode) {
  if (mode !== 'report') return [];
  const { DEFAULT_REPORT_WORKER_LIMITS: limits } = createRequire(import.meta.url)(
    path.join(here, '..', '..', 'dist/libs/reports/src/worker/run-report-in-worker.js'),
  );
  return [
    `--max-old-space-size=${limits.maxOldGenerationSizeMb}`,
    `--max-semi-space-size=${limits.maxYoungGenerationSizeMb / 3}`,
  ];
}

function measure(mode, env = {}) {
  const result = spawnSync(
    process.execPath,
    [...heapFlagsOf(mode), path.join(here, 'measure-report.mjs'), mode, String(count)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  );
  if (result.status !== 0) throw new Error(`bench ${mode} failed with status ${result.status}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const verdict = (value, target) => (value <= target ? `✔ ≤ ${target}` : `✘ target ≤ ${target}`);

await ensureBuilt();
const bare = measure('bare');
const report = measure('report');
const ledger = process.env.BENCH_LEDGER === '0' ? undefined : await measureFromLedger();
const ratio = report.seconds / bare.seconds;
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `report pdf: ${report.seconds.toFixed(2)} s, peak RSS ${report.peakRssMiB.toFixed(0)} MiB (bare pdfkit table ${bare.seconds.toFixed(2)} s, ratio ${ratio.toFixed(2)})`,
);
console.log(
  `  ${count.toLocaleString('en')} changes (synthetic) · report ${mib(report.bytes)} MiB PDF · bare table ${mib(bare.bytes)} MiB PDF, peak RSS ${bare.peakRssMiB.toFixed(0)} MiB`,
);
console.log(
  `  time ${verdict(report.seconds, TARGETS.seconds)} s · peak RSS ${verdict(report.peakRssMiB, TARGETS.peakRssMiB)} MiB · ratio ${verdict(ratio, TARGETS.ratio)}`,
);
if (ledger) {
  console.log(
    `report pdf from the ledger: ${ledger.seconds.toFixed(2)} s (model ${ledger.modelSeconds.toFixed(2)} s; ${(ledger.seconds / report.seconds).toFixed(2)}× the renderer alone), peak RSS ${ledger.peakRssMiB.toFixed(0)} MiB, ratio ${(ledger.seconds / bare.seconds).toFixed(2)} against the bare table`,
  );
  console.log(
    `  ${count.toLocaleString('en')} changes of one cluster in the period, read from PostgreSQL (bench/seed-ledger.mjs: ${LEDGER.policies.toLocaleString('en')} policies in the inventory; the hash chain over ${ledger.ledgerEvents.toLocaleString('en')} events verified in a thread of its own meanwhile) · ${mib(ledger.bytes)} MiB PDF`,
  );
  console.log(
    `  time ${verdict(ledger.seconds, TARGETS.seconds)} s · peak RSS ${verdict(ledger.peakRssMiB, TARGETS.peakRssMiB)} MiB · ratio ${verdict(ledger.seconds / bare.seconds, TARGETS.ratio)}`,
  );
}

/**
 * The report as the report runner produces it, from a ledger of its own (PostgreSQL only, seeded
 * with bench/api's million changes), in a fresh process; the stack is stopped whatever happens.
 */
async function measureFromLedger() {
  const require = createRequire(import.meta.url);
  const root = path.resolve(here, '..', '..');
  const { startStack } = require(path.join(root, 'dist/libs/stack/src/index.js'));
  const { createPool } = require(path.join(root, 'dist/libs/ledger/src/index.js'));
  const stateDir = path.join(root, '.stack', `bench-report-${process.pid}`);
  const log = (line) => console.error(`bench:report: ${line}`);
  const stack = await startStack({
    rootDir: root,
    stateDir,
    topics: [],
    ownerPid: process.pid,
    withKafka: false,
    log,
  });
  const stop = async () => {
    await stack.stop().catch(() => {});
    await rm(stateDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const admin = createPool(stack.settings.DATABASE_ADMIN_URL, { max: 1 });
    try {
      log(
        `seeding the ledger: ${LEDGER.changes.toLocaleString('en')} changes, ${LEDGER.policies.toLocaleString('en')} policies`,
      );
      await admin.query(seedLedgerSql(LEDGER));
      for (const table of ['changes', 'object_versions', 'objects'])
        await admin.query(`vacuum analyze ledger.${table}`);
      log(`appending ${count.toLocaleString('en')} events: a report verifies the chain over them`);
      await appendSyntheticEvents(admin, count, require, root);
      // Settled as a ledger in service is: the measurement does not share the machine with the
      // seed's autovacuum and checkpoint.
      await admin.query('vacuum analyze ledger.events');
      await admin.query('checkpoint');
    } finally {
      await admin.end();
    }
    return measure('ledger', { DATABASE_URL: stack.settings.DATABASE_URL });
  } finally {
    await stop();
  }
}

/** Facts behind the seeded changes, chained as the ingestor would append them (synthetic). */
async function appendSyntheticEvents(pool, total, require, root) {
  const { appendEvents, inTransaction } = require(path.join(root, 'dist/libs/ledger/src/index.js'));
  const { syntheticAuditEvent, syntheticGlobalNetworkPolicy } = require(
    path.join(root, 'dist/libs/samples/src/index.js'),
  );
  for (let first = 0; first < total; first += 1_000) {
    const events = [];
    for (let i = first; i < Math.min(total, first + 1_000); i++) {
      const name = `gnp-${1 + (i % LEDGER.policies)}`;
      const policy = syntheticGlobalNetworkPolicy(name, { tier: `tier-${i % 40}`, order: i });
      const raw = syntheticAuditEvent({
        apiGroup: 'projectcalico.org',
        verb: 'update',
        resource: 'globalnetworkpolicies',
        name,
        user: `user-${i % 200}@example.com`,
        code: 200,
        requestObject: policy,
        responseObject: policy,
        at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * LEDGER.spacingMs).toISOString(),
      });
      events.push({
        eventId: raw.auditID,
        streamId: `bench-0/projectcalico.org/globalnetworkpolicies/_/${name}`,
        type: 'AuditChangeRecorded',
        data: { cluster: 'bench-0', raw },
        metadata: { cluster: 'bench-0', source: 'bench:report' },
        occurredAt: raw.stageTimestamp,
      });
    }
    await inTransaction(pool, (client) => appendEvents(client, events));
  }
}
