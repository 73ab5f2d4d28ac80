// `npm run bench:api`: 1,000,000 changes across 3 clusters, then filtered GET /v1/changes pages
// (by actor, by tier, by time range), as-of object lookups and who-can under concurrent load,
// each against the same query as raw SQL in the same run. Prints p50/p99 and the ratio.
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { ensureBuilt } from '../../scripts/build.mjs';
import { seedLedgerSql } from '../seed-ledger.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTION_LEVELS = (process.env.BENCH_CONNECTIONS ?? '4,8').split(',').map(Number);
const log = (line) => console.error(`bench:api: ${line}`);

await ensureBuilt();
const { startStack, stopProcessGroup, watchOwner } = require(
  path.join(root, 'dist/libs/stack/src/index.js'),
);
const { createPool, objectKeyText } = require(path.join(root, 'dist/libs/ledger/src/index.js'));

const stateDir = path.join(root, '.stack', `bench-api-${process.pid}`);
const cleanup = [];
const finish = async (code) => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  await rm(stateDir, { recursive: true, force: true });
  process.exit(code);
};
process.once('SIGINT', () => void finish(130));

try {
  const stack = await startStack({
    rootDir: root,
    stateDir,
    topics: [],
    ownerPid: process.pid,
    withKafka: false,
    log,
  });
  cleanup.push(() => stack.stop());
  const admin = createPool(stack.settings.DATABASE_ADMIN_URL, { max: 2 });
  const app = createPool(stack.settings.DATABASE_URL, { max: Math.max(...CONNECTION_LEVELS) });
  cleanup.push(
    () => admin.end(),
    () => app.end(),
  );

  const started = performance.now();
  await admin.query(seedLedgerSql());
  for (const table of ['changes', 'object_versions', 'objects'])
    await admin.query(`vacuum analyze ledger.${table}`);
  const { rows } = await admin.query('select count(*)::int as n from ledger.changes');
  log(`seeded ${rows[0].n} changes in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/policy-ledger.js', 'tokens', 'create', '--role', 'admin', '--name', 'bench'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: stack.settings.DATABASE_URL },
    },
  );
  const token = stdout.trimEnd().split('\n').at(-1);

  const api = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      ...stack.settings,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      DEFAULT_CLUSTER: 'bench-0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  cleanup.push(() => stopProcessGroup(api.pid, { graceMs: 10_000 }));
  cleanup.push(() => stopProcessGroup(watchOwner(process.pid, [api.pid]), { graceMs: 1_000 }));
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: api.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.url) resolve(entry.url.replace('0.0.0.0', '127.0.0.1'));
      } catch {}
    });
    api.once('exit', (code) => reject(new Error(`api exited with ${code}`)));
  });
  const base = await Promise.race([
    url,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('the api did not start')), 30_000),
    ),
  ]);

  const pick = (n) => Math.floor(Math.random() * n);
  const scenarios = [
    {
      name: 'GET /v1/changes by actor',
      path: () =>
        `/v1/changes?cluster=bench-${pick(3)}&actor=user-${pick(200)}@example.com&limit=50`,
      // The statement the API runs for an actor: the effective user's and the impersonator's index ranges, merged.
      sql: () => [
        `select * from ((select * from ledger.changes where cluster = $1 and actor_username = $2 order by occurred_at desc, id desc limit 51)
           union all (select * from ledger.changes where cluster = $1 and impersonated_by = $2 and actor_username is distinct from $2 order by occurred_at desc, id desc limit 51)) c
          order by occurred_at desc, id desc limit 51`,
        [`bench-${pick(3)}`, `user-${pick(200)}@example.com`],
      ],
    },
    {
      name: 'GET /v1/changes by tier',
      path: () => `/v1/changes?cluster=bench-${pick(3)}&tier=tier-${pick(40)}&limit=50`,
      sql: () => [
        `select * from ledger.changes where cluster = $1 and tier = $2 order by occurred_at desc, id desc limit 51`,
        [`bench-${pick(3)}`, `tier-${pick(40)}`],
      ],
    },
    {
      name: 'GET /v1/changes by time range',
      path: () => {
        const from = new Date(Date.parse('2025-12-01T00:00:00Z') + pick(300) * 86_400_000);
        return `/v1/changes?cluster=bench-${pick(3)}&from=${from.toISOString()}&to=${new Date(from.getTime() + 7 * 86_400_000).toISOString()}&limit=50`;
      },
      sql: () => {
        const from = new Date(Date.parse('2025-12-01T00:00:00Z') + pick(300) * 86_400_000);
        return [
          `select * from ledger.changes where cluster = $1 and occurred_at >= $2 and occurred_at < $3 order by occurred_at desc, id desc limit 51`,
          [
            `bench-${pick(3)}`,
            from.toISOString(),
            new Date(from.getTime() + 7 * 86_400_000).toISOString(),
          ],
        ];
      },
    },
    {
      name: 'GET /v1/objects as of',
      path: () =>
        `/v1/objects/globalnetworkpolicies.projectcalico.org/gnp-${1 + pick(50000)}?cluster=bench-0&at=2026-03-15T00:00:00Z`,
      sql: () => [
        `select * from ledger.object_versions where object_key = $1 and occurred_at <= $2 order by version desc limit 1`,
        [
          objectKeyText({
            cluster: 'bench-0',
            apiGroup: 'projectcalico.org',
            resource: 'globalnetworkpolicies',
            name: `gnp-${1 + pick(50000)}`,
          }),
          '2026-03-15T00:00:00Z',
        ],
      ],
    },
    {
      name: 'GET /v1/rbac/who-can',
      path: () =>
        `/v1/rbac/who-can?cluster=bench-0&verb=update&resource=globalnetworkpolicies.projectcalico.org&tier=tier-${pick(40)}`,
      // The engine answers from memory; its database work per request is one version probe.
      sql: () => [
        `select greatest((select max(last_position) from ledger.changes where cluster = $1 and resource = 'clusterroles'), (select max(last_position) from ledger.changes where cluster = $1 and resource = 'clusterrolebindings'))`,
        ['bench-0'],
      ],
    },
  ];

  const results = [];
  for (const CONNECTIONS of CONNECTION_LEVELS)
    for (const scenario of scenarios) {
      // Warm up: caches, the RBAC engine, JIT.
      await autocannon({
        url: base,
        connections: 2,
        duration: 1,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (r) => ({ ...r, path: scenario.path() }) }],
      });
      const http = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (r) => ({ ...r, path: scenario.path() }) }],
      });
      const sql = await rawSql(app, scenario.sql, CONNECTIONS, DURATION * 1000);
      results.push({ name: scenario.name, http, sql });
      const errors = http.errors + http.non2xx + http.timeouts;
      console.log(
        `${scenario.name} (${CONNECTIONS} connections): p50 ${http.latency.p50} ms, p99 ${http.latency.p99} ms, ${Math.round(http.requests.average)} req/s, ${errors} errors | raw SQL p50 ${sql.p50.toFixed(2)} ms, p99 ${sql.p99.toFixed(2)} ms | API/SQL p99 ratio ${(http.latency.p99 / sql.p99).toFixed(1)}`,
      );
    }
  const failed = results.some((r) => r.http.errors + r.http.non2xx + r.http.timeouts > 0);
  await finish(failed ? 1 : 0);
} catch (error) {
  console.error(`bench:api failed: ${error.stack ?? error}`);
  await finish(1);
}

/** The same queries straight through pg with the same concurrency: the baseline. */
async function rawSql(pool, make, concurrency, durationMs) {
  const latencies = [];
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const [sql, params] = make();
        const t0 = performance.now();
        await pool.query(sql, params);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), count: latencies.length };
}
