import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPool, migrateDatabase, verifyLedger } from '@policy-ledger/ledger';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@policy-ledger/stack';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, type RunningApp, startApp } from '../support/app-process';
import { syntheticChangeStream } from '../support/change-stream';
import { appPool } from '../support/database';
import { createTopic, produce, readAll, uniqueName } from '../support/kafka';
import { ledgerCounts } from '../support/ledger-counts';

const pool = appPool();
const running = new Set<RunningApp>();
afterAll(async () => {
  await Promise.all([...running].map((app) => app.kill()));
});

async function ingestor(env: Record<string, string>, db?: string): Promise<RunningApp> {
  const app = await startApp('ingestor', {
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_REBALANCE_TIMEOUT_MS: '8000',
    INGEST_CHUNK_SIZE: '20',
    ...(db ? { DATABASE_URL: db } : {}),
    ...env,
  });
  running.add(app);
  return app;
}

async function stop(app: RunningApp, how: 'kill' | 'stop'): Promise<void> {
  await (how === 'kill' ? app.kill() : app.stop());
  running.delete(app);
}

/** A seeded generator, so a failing run can be replayed: the seed is printed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('crash safety: the ingestor SIGKILLed at random points while consuming', () => {
  it('stores every change exactly once, and the chain verifies', async () => {
    const n = 600;
    const topic = uniqueName('crash');
    const cluster = uniqueName('crash');
    const group = uniqueName('crash');
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    console.log(`crash-safety seed ${seed} (set CRASH_SEED to replay)`);
    const next = random(seed);
    await createTopic(topic, 3);
    await produce(
      topic,
      syntheticChangeStream(n, { prefix: topic }).map((value, i) => ({
        value,
        key: String(i % 40),
      })),
    );
    const env = { AUDIT_TOPICS: topic, DEFAULT_CLUSTER: cluster, KAFKA_GROUP_ID: group };

    let stored = 0;
    for (let round = 0; round < 3; round++) {
      const app = await ingestor(env);
      const target = stored + 1 + Math.floor(next() * 120);
      await eventually(
        async () =>
          (await ledgerCounts(pool, cluster)).changes >= Math.min(target, n - 1) ? true : undefined,
        {
          timeoutMs: 60_000,
          what: `progress past ${target}`,
        },
      );
      await stop(app, 'kill');
      stored = (await ledgerCounts(pool, cluster)).changes;
      console.log(`round ${round}: killed with ${stored} of ${n} changes stored`);
    }

    const last = await ingestor(env);
    const final = await eventually(
      async () => {
        const counts = await ledgerCounts(pool, cluster);
        return counts.changes >= n ? counts : undefined;
      },
      { timeoutMs: 120_000, what: `${n} changes` },
    );
    await stop(last, 'stop');
    expect(final).toMatchObject({ changes: n, distinct_audit: n, facts: n, dead: 0 });
    expect(await verifyLedger(pool)).toMatchObject({ verified: true, firstBrokenAt: null });
  });
});

describe('database outage: PostgreSQL stopped mid-stream and started again', () => {
  let postgres: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await postgres?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pauses consumption while it is down and loses nothing', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-ledger-outage-'));
    postgres = await startEmbeddedPostgres({
      dir,
      database: 'policy_ledger',
      appUser: 'policy_ledger_app',
    });
    await migrateDatabase(postgres.adminUrl, { appUser: 'policy_ledger_app' });
    const db: pg.Pool = createPool(postgres.appUrl, { max: 2 });
    try {
      const n = 400;
      const topic = uniqueName('outage');
      const cluster = uniqueName('outage');
      await createTopic(topic, 2);
      const app = await ingestor(
        { AUDIT_TOPICS: topic, DEFAULT_CLUSTER: cluster, KAFKA_GROUP_ID: uniqueName('outage') },
        postgres.appUrl,
      );
      const events = syntheticChangeStream(n, { prefix: topic });
      await produce(
        topic,
        events.slice(0, n / 2).map((value) => ({ value })),
      );
      await eventually(
        async () => ((await ledgerCounts(db, cluster)).changes > 20 ? true : undefined),
        { what: 'ingestion to start' },
      );

      await postgres.stop();
      await produce(
        topic,
        events.slice(n / 2).map((value) => ({ value })),
      );
      await eventually(
        async () =>
          app.logs.some((l) => /PostgreSQL is unavailable/.test(String(l.msg))) ? true : undefined,
        {
          what: 'the ingestor to notice the outage',
        },
      ).catch((error: Error) => {
        throw new Error(
          `${error.message}; its log:\n${app.logs.map((l) => JSON.stringify(l)).join('\n')}`,
        );
      });
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await postgres.restart();

      const final = await eventually(
        async () => {
          const counts = await ledgerCounts(db, cluster);
          return counts.changes >= n ? counts : undefined;
        },
        { timeoutMs: 90_000, what: `${n} changes after the outage` },
      );
      expect(final).toMatchObject({ changes: n, facts: n });
      expect(app.logs.some((l) => /consumption resumed/.test(String(l.msg)))).toBe(true);
      expect(await verifyLedger(db)).toMatchObject({ verified: true, events: n });
      await stop(app, 'stop');
    } finally {
      await db.end();
    }
  });
});

describe('scale-out: two ingestors in one consumer group, one stopped mid-stream', () => {
  it('loses nothing, stores nothing twice, keeps the chain gapless', async () => {
    const n = 800;
    const topic = uniqueName('scale');
    const cluster = uniqueName('scale');
    const group = uniqueName('scale');
    await createTopic(topic, 4);
    const env = { AUDIT_TOPICS: topic, DEFAULT_CLUSTER: cluster, KAFKA_GROUP_ID: group };
    const [first, second] = await Promise.all([ingestor(env), ingestor(env)]);
    await produce(
      topic,
      syntheticChangeStream(n, { prefix: topic }).map((value, i) => ({ value, partition: i % 4 })),
    );
    await eventually(
      async () => ((await ledgerCounts(pool, cluster)).changes > n / 4 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    await stop(second!, 'stop');
    const final = await eventually(
      async () => {
        const counts = await ledgerCounts(pool, cluster);
        return counts.changes >= n ? counts : undefined;
      },
      { timeoutMs: 120_000, what: `${n} changes` },
    );
    await stop(first!, 'stop');
    expect(final).toMatchObject({ changes: n, distinct_audit: n, facts: n });
    expect(await verifyLedger(pool)).toMatchObject({ verified: true, firstBrokenAt: null });
  });
});

describe('poison messages', () => {
  it('go to the dead-letter topic with the reason and their origin, and block nothing', async () => {
    const topic = uniqueName('poison');
    const cluster = uniqueName('poison');
    await createTopic(topic, 1);
    const good = syntheticChangeStream(5, { prefix: topic });
    const poison = [
      'this is not JSON at all',
      '{"kind":"Event","objectRef":{"apiGroup":"rbac.authorization.k8s.io","resource":"roles"',
      JSON.stringify({
        kind: 'Event',
        stage: 'ResponseComplete',
        verb: 'create',
        objectRef: { apiGroup: 'projectcalico.org', resource: 'tiers' },
      }),
    ];
    await produce(
      topic,
      [good[0]!, poison[0]!, good[1]!, poison[1]!, good[2]!, poison[2]!, good[3]!, good[4]!].map(
        (value) => ({ value }),
      ),
    );
    const app = await ingestor({
      AUDIT_TOPICS: topic,
      DEFAULT_CLUSTER: cluster,
      KAFKA_GROUP_ID: uniqueName('poison'),
    });
    const counts = await eventually(
      async () => {
        const c = await ledgerCounts(pool, cluster);
        return c.changes >= 5 && c.dead >= 3 ? c : undefined;
      },
      { what: '5 changes and 3 dead letters' },
    );
    expect(counts).toMatchObject({ changes: 5, dead: 3 });

    const dead = await readAll(`${topic}.dlq`, 3);
    expect(dead.map((m) => m.value?.toString()).sort()).toEqual([...poison].sort());
    for (const message of dead) {
      expect(message.headers).toMatchObject({
        'dlq-source-topic': topic,
        'dlq-source-partition': '0',
        cluster,
      });
      expect(Number(message.headers['dlq-source-offset'])).toBeGreaterThanOrEqual(0);
      expect(message.headers['dlq-reason']!.length).toBeGreaterThan(5);
    }
    const reasons = dead.map((m) => m.headers['dlq-reason']);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/auditID/)]));
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`policy_ledger_ingest_dead_lettered_total\\{topic="${topic}"\\} 3`),
    );
    await stop(app, 'stop');
  });
});
