import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { auditEventId, classifyAuditEvent, decodeAuditMessage } from '@policy-ledger/audit';
import { applyJsonPatch } from '@policy-ledger/policy';
import { syntheticAuditEvent } from '@policy-ledger/samples';
import fc from 'fast-check';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPool, isolatedDatabase } from '../../../../test/support/database';
import { auditChangeFact } from '../audit-change-fact';
import { collectionStreamId, objectStreamId } from '../object-key';
import type { NewEvent } from '../recorded-event';
import { readLedgerHead } from './event-store.repository';
import { rebuildReadModels } from './rebuild-read-models';
import { recordFacts } from './record-facts';
import { verifyLedger } from './verify-ledger';

const DIST_LEDGER = path.resolve(__dirname, '../../../../dist/libs/ledger/src');

const app = appPool();
const freshCluster = () => `c-${randomBytes(4).toString('hex')}`;

/** Audit events → the facts the ingestor would append for them (synthetic events). */
function factsFor(cluster: string, events: Array<Record<string, unknown>>): NewEvent[] {
  return events.flatMap((wire) => {
    const { events: decoded } = decodeAuditMessage(JSON.stringify(wire));
    return decoded.flatMap((event) => {
      const c = classifyAuditEvent(event);
      if (c.kind !== 'change') return [];
      const { apiGroup, resource } = c.change.kind;
      const { namespace, name } = c.change.target;
      return [
        {
          eventId: auditEventId(cluster, event),
          streamId: name
            ? objectStreamId({ cluster, apiGroup, resource, namespace, name })
            : collectionStreamId(cluster, apiGroup, resource, namespace),
          type: 'AuditChangeRecorded',
          data: auditChangeFact(cluster, c.change) as unknown as Record<string, unknown>,
          metadata: { cluster },
          occurredAt: c.change.occurredAt,
        },
      ];
    });
  });
}

const tier = (order: number, defaultAction = 'Deny') => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'Tier',
  metadata: { name: 'security', uid: 'tier-uid' },
  spec: { order, defaultAction },
});

function tierStory(cluster: string): NewEvent[] {
  const calico = {
    apiGroup: 'projectcalico.org',
    resource: 'tiers',
    name: 'security',
    user: 'alice',
  };
  return factsFor(cluster, [
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      code: 201,
      requestObject: tier(100),
      responseObject: tier(100),
      at: '2026-03-01T10:00:01.000001Z',
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      code: 200,
      level: 'Request',
      query: 'fieldManager=kubectl-edit',
      requestObject: { spec: { order: 200 } },
      at: '2026-03-01T10:00:02.000002Z',
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      code: 403,
      user: 'bob',
      level: 'Metadata',
      at: '2026-03-01T10:00:03.000003Z',
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      code: 200,
      level: 'Request',
      requestObject: [{ op: 'replace', path: '/spec/defaultAction', value: 'Pass' }],
      at: '2026-03-01T10:00:04.000004Z',
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'update',
      code: 409,
      level: 'Request',
      requestObject: tier(1),
      at: '2026-03-01T10:00:05.000005Z',
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'delete',
      code: 200,
      at: '2026-03-01T10:00:06.000006Z',
    }),
  ]);
}

/**
 * Synthetic: two Calico policies and a Kubernetes NetworkPolicy in namespace "shop", a tier, a
 * denied and a body-less patch, a Metadata-level twin, the namespace deleted (which tombstones
 * what is left in it) and a policy created again afterwards; in namespace "lab" a policy removed
 * by a deletecollection, then updated and created again.
 */
function namespaceStory(cluster: string): NewEvent[] {
  const at = (s: number) => `2026-03-01T10:00:${String(s).padStart(2, '0')}.000001Z`;
  const np = (name: string, order: number, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'shop', uid: `uid-${name}-${order}` },
    spec: { tier: 'default', order, selector: 'all()', types: ['Ingress'], ...extra },
  });
  const k8s = (port: number) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'k1', namespace: 'shop', uid: 'uid-k1' },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port }] }] },
  });
  const calico = { apiGroup: 'projectcalico.org', resource: 'networkpolicies', namespace: 'shop' };
  const k8sNp = { apiGroup: 'networking.k8s.io', resource: 'networkpolicies', namespace: 'shop' };
  const lab = { apiGroup: 'networking.k8s.io', resource: 'networkpolicies', namespace: 'lab' };
  const tiers = { apiGroup: 'projectcalico.org', resource: 'tiers', name: 'security' };
  const twin = {
    ...calico,
    name: 'p2',
    verb: 'update',
    user: 'bob',
    code: 200,
    at: at(9),
    auditID: `twin-${cluster}`,
  };
  return factsFor(cluster, [
    syntheticAuditEvent({
      apiGroup: '',
      resource: 'namespaces',
      name: 'shop',
      verb: 'create',
      user: 'alice',
      code: 201,
      responseObject: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', uid: 'uid-shop' },
      },
      at: at(1),
    }),
    syntheticAuditEvent({
      ...tiers,
      verb: 'create',
      user: 'alice',
      code: 201,
      responseObject: tier(100),
      at: at(2),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p1',
      verb: 'create',
      user: 'alice',
      code: 201,
      responseObject: np('p1', 10),
      at: at(3),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p2',
      verb: 'create',
      user: 'bob',
      code: 201,
      responseObject: np('p2', 20),
      at: at(4),
    }),
    syntheticAuditEvent({
      ...k8sNp,
      name: 'k1',
      verb: 'create',
      user: 'bob',
      code: 201,
      responseObject: k8s(80),
      at: at(5),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p1',
      verb: 'patch',
      user: 'carol',
      code: 403,
      level: 'Request',
      requestObject: { spec: { order: 1 } },
      at: at(6),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p1',
      verb: 'patch',
      user: 'alice',
      code: 200,
      level: 'Request',
      query: 'fieldManager=kubectl-patch',
      requestObject: {
        metadata: { labels: { team: 'a' } },
        spec: { order: 11, types: ['Ingress', 'Egress'] },
      },
      at: at(7),
    }),
    syntheticAuditEvent({
      ...k8sNp,
      name: 'k1',
      verb: 'update',
      user: 'bob',
      code: 200,
      responseObject: k8s(443),
      at: at(8),
    }),
    syntheticAuditEvent({ ...twin, level: 'Metadata' }),
    syntheticAuditEvent({
      ...twin,
      responseObject: np('p2', 21, { egress: [{ action: 'Allow' }] }),
    }),
    syntheticAuditEvent({
      ...tiers,
      verb: 'patch',
      user: 'alice',
      code: 200,
      level: 'Request',
      query: 'fieldManager=kubectl-edit',
      requestObject: { spec: { order: 150 } },
      at: at(10),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p2',
      verb: 'delete',
      user: 'bob',
      code: 200,
      at: at(11),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p2',
      verb: 'delete',
      user: 'bob',
      code: 404,
      at: at(12),
    }),
    syntheticAuditEvent({
      apiGroup: '',
      resource: 'namespaces',
      name: 'shop',
      verb: 'delete',
      user: 'carol',
      code: 200,
      at: at(13),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p1',
      verb: 'update',
      user: 'alice',
      code: 409,
      at: at(14),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p3',
      verb: 'create',
      user: 'alice',
      code: 201,
      responseObject: np('p3', 30),
      at: at(15),
    }),
    syntheticAuditEvent({
      ...lab,
      name: 'k2',
      verb: 'create',
      user: 'bob',
      code: 201,
      responseObject: { ...k8s(8080), metadata: { name: 'k2', namespace: 'lab', uid: 'uid-k2' } },
      at: at(18),
    }),
    syntheticAuditEvent({ ...lab, verb: 'deletecollection', user: 'carol', code: 200, at: at(19) }),
    syntheticAuditEvent({
      ...lab,
      name: 'k2',
      verb: 'update',
      user: 'bob',
      code: 200,
      responseObject: { ...k8s(8081), metadata: { name: 'k2', namespace: 'lab', uid: 'uid-k2b' } },
      at: at(20),
    }),
    syntheticAuditEvent({
      ...lab,
      name: 'k2',
      verb: 'create',
      user: 'bob',
      code: 201,
      responseObject: { ...k8s(8082), metadata: { name: 'k2', namespace: 'lab', uid: 'uid-k2c' } },
      at: at(21),
    }),
    syntheticAuditEvent({
      ...tiers,
      verb: 'update',
      user: 'alice',
      code: 200,
      responseObject: tier(200, 'Pass'),
      at: at(16),
    }),
    syntheticAuditEvent({
      ...calico,
      name: 'p3',
      verb: 'patch',
      user: 'alice',
      code: 200,
      level: 'Request',
      query: 'fieldManager=kubectl-patch',
      requestObject: { spec: { order: 31 } },
      at: at(17),
    }),
  ]);
}

async function readModelsOf(cluster: string, db: pg.Pool = app) {
  const changes = await db.query(
    `select change_key, object_key, verb, outcome, action, version, state_known, summary, risk, tier, actor_username, occurred_at, positions
       from ledger.changes where cluster = $1 order by change_key`,
    [cluster],
  );
  const versions = await db.query(
    `select object_key, version, change_key, action, object, state_known, deleted, patch, summary
       from ledger.object_versions where cluster = $1 order by object_key, version`,
    [cluster],
  );
  const objects = await db.query(
    'select object_key, version, exists, state_known, object, tier from ledger.objects where cluster = $1 order by object_key',
    [cluster],
  );
  return { changes: changes.rows, versions: versions.rows, objects: objects.rows };
}

/**
 * A version's patch turns the previous version's object into its own; the order of operations
 * on different members follows the key order of the objects folded, which PostgreSQL's jsonb
 * does not keep, so the check is what the patch does, not how it is spelled.
 */
function withPatchesApplied(models: ReturnType<typeof withoutPositions>) {
  return {
    ...models,
    versions: models.versions.map((v, i) => {
      if (v.patch === null) return v;
      const before = models.versions[i - 1];
      expect(before?.object_key).toBe(v.object_key);
      expect(applyJsonPatch(before?.object, v.patch)).toEqual({ ok: true, value: v.object });
      return { ...v, patch: 'applies' };
    }),
  };
}

/** Positions differ between deliveries; what the history says must not. */
function withoutPositions(models: Awaited<ReturnType<typeof readModelsOf>>) {
  return {
    ...models,
    changes: models.changes.map(({ positions, ...rest }) => ({
      ...rest,
      facts: (positions as string[]).length,
    })),
  };
}

describe('the ledger in PostgreSQL', () => {
  it('stores a redelivered fact once and keeps positions gapless', async () => {
    const cluster = freshCluster();
    const facts = tierStory(cluster);
    const first = await recordFacts(app, facts);
    const again = await recordFacts(app, [...facts].reverse());
    expect(first.appended).toHaveLength(facts.length);
    expect(again.appended).toHaveLength(0);
    expect(again.duplicates).toHaveLength(facts.length);
    const positions = first.appended.map((e) => e.position);
    expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
    const stored = await app.query(
      'select count(*)::int as n from ledger.events where event_id = any($1::uuid[])',
      [facts.map((f) => f.eventId)],
    );
    expect(stored.rows[0].n).toBe(facts.length);
  });

  it('folds the changes into versions, replaying patches logged without responses', async () => {
    const cluster = freshCluster();
    await recordFacts(app, tierStory(cluster));
    const { changes, versions, objects } = await readModelsOf(cluster);
    expect(changes.map((c) => [c.verb, c.outcome, c.action, c.version])).toEqual(
      expect.arrayContaining([
        ['create', 'applied', 'created', 1],
        ['patch', 'applied', 'updated', 2],
        ['patch', 'denied', 'attempted', 2],
        ['patch', 'applied', 'updated', 3],
        ['update', 'failed', 'attempted', 3],
        ['delete', 'applied', 'deleted', 4],
      ]),
    );
    expect(versions.map((v) => [v.version, v.action, v.object?.spec])).toEqual([
      [1, 'created', { order: 100, defaultAction: 'Deny' }],
      [2, 'updated', { order: 200, defaultAction: 'Deny' }],
      [3, 'updated', { order: 200, defaultAction: 'Pass' }],
      [4, 'deleted', { order: 200, defaultAction: 'Pass' }],
    ]);
    expect(versions[2]?.summary).toEqual(
      expect.arrayContaining([expect.objectContaining({ risk: 'high' })]),
    );
    expect(objects).toEqual([
      expect.objectContaining({ version: 4, exists: false, tier: 'security' }),
    ]);
    expect(changes.every((c) => c.tier === 'security')).toBe(true);
  });

  it('gives the same history for any order of delivery, with duplicates', async () => {
    const reference = freshCluster();
    await recordFacts(app, tierStory(reference));
    const expected = withoutPositions(await readModelsOf(reference));
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.nat({ max: 5 }), { minLength: 6, maxLength: 14 })
          .map((picks) => [...new Set([...picks, 0, 1, 2, 3, 4, 5])]),
        fc.integer({ min: 1, max: 4 }),
        async (order, chunk) => {
          const cluster = freshCluster();
          const facts = tierStory(cluster);
          const delivery = [
            ...order.map((i) => facts[i]!),
            ...order.slice(0, 2).map((i) => facts[i]!),
          ];
          for (let i = 0; i < delivery.length; i += chunk)
            await recordFacts(app, delivery.slice(i, i + chunk));
          const got = withoutPositions(await readModelsOf(cluster));
          const rename = (m: typeof got) =>
            JSON.parse(JSON.stringify(m).replaceAll(cluster, 'C').replaceAll(reference, 'C'));
          expect(rename(got)).toEqual(rename(expected));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives the same read models for any order and chunking of a story of several objects, a namespace deletion and twins', async () => {
    const reference = freshCluster();
    await recordFacts(app, namespaceStory(reference));
    const expected = withoutPositions(await readModelsOf(reference));
    expect(
      expected.changes.filter((c) => String(c.change_key).startsWith('cascade:')),
    ).toHaveLength(3);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 40, maxLength: 40 }),
        async (ranks, chunks) => {
          const cluster = freshCluster();
          const facts = namespaceStory(cluster);
          const delivery = facts
            .map((fact, i) => ({ fact, rank: ranks[i % ranks.length]! }))
            .sort((a, b) => a.rank - b.rank)
            .map((d) => d.fact);
          for (let i = 0, c = 0; i < delivery.length; c += 1) {
            const size = chunks[c % chunks.length]!;
            await recordFacts(app, delivery.slice(i, i + size));
            i += size;
          }
          const got = withPatchesApplied(withoutPositions(await readModelsOf(cluster)));
          const rename = (m: typeof got, name: string) =>
            JSON.parse(JSON.stringify(m).replaceAll(name, 'C'));
          expect(rename(got, cluster)).toEqual(rename(withPatchesApplied(expected), reference));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('merges the Metadata-only event and its body-carrying twin into one change, in either order', async () => {
    for (const bodyFirst of [false, true]) {
      const cluster = freshCluster();
      const auditID = `twin-${randomBytes(4).toString('hex')}`;
      const base = {
        apiGroup: 'projectcalico.org',
        resource: 'tiers',
        name: 'security',
        user: 'alice',
        verb: 'create',
        code: 201,
        at: '2026-03-01T10:00:00.000001Z',
        auditID,
      };
      const [metadataOnly] = factsFor(cluster, [
        syntheticAuditEvent({ ...base, level: 'Metadata' }),
      ]);
      const [withBody] = factsFor(cluster, [
        syntheticAuditEvent({ ...base, requestObject: tier(5), responseObject: tier(5) }),
      ]);
      const order = bodyFirst ? [withBody!, metadataOnly!] : [metadataOnly!, withBody!];
      await recordFacts(app, [order[0]!]);
      await recordFacts(app, [order[1]!]);
      const stored = await app.query(
        'select type from ledger.events where event_id = any($1::uuid[]) order by position',
        [[metadataOnly!.eventId, withBody!.eventId]],
      );
      expect(stored.rows.map((r) => r.type)).toEqual([
        'AuditChangeRecorded',
        'AuditChangeEnriched',
      ]);
      const { changes, versions } = await readModelsOf(cluster);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ action: 'created', state_known: true });
      expect(versions[0]?.object?.spec).toEqual({ order: 5, defaultAction: 'Deny' });
    }
  });

  it('tombstones the policies of a deleted namespace, attributed to the deletion', async () => {
    const cluster = freshCluster();
    const np = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'p1', namespace: 'shop' },
      spec: { tier: 'default', selector: 'all()' },
    };
    await recordFacts(
      app,
      factsFor(cluster, [
        syntheticAuditEvent({
          apiGroup: '',
          resource: 'namespaces',
          name: 'shop',
          verb: 'delete',
          user: 'carol',
          code: 200,
          at: '2026-03-01T12:00:00.000000Z',
        }),
      ]),
    );
    // The create arrives late: it happened before the namespace was deleted.
    await recordFacts(
      app,
      factsFor(cluster, [
        syntheticAuditEvent({
          apiGroup: 'projectcalico.org',
          resource: 'networkpolicies',
          namespace: 'shop',
          name: 'p1',
          verb: 'create',
          user: 'alice',
          code: 201,
          responseObject: np,
          at: '2026-03-01T11:00:00.000000Z',
        }),
      ]),
    );
    const { changes, objects } = await readModelsOf(cluster);
    const cascade = changes.find((c) => String(c.change_key).startsWith('cascade:'));
    expect(cascade).toMatchObject({
      verb: 'delete',
      action: 'deleted',
      actor_username: 'carol',
      version: 2,
    });
    expect(objects.find((o) => String(o.object_key).endsWith('/shop/p1'))).toMatchObject({
      exists: false,
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events to the application role', async () => {
    await recordFacts(app, tierStory(freshCluster()));
    await expect(
      app.query('update ledger.events set type = $1 where position = 1', ['X']),
    ).rejects.toThrow(/permission denied/);
    await expect(app.query('delete from ledger.events where position = 1')).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query('truncate ledger.events')).rejects.toThrow(/permission denied/);
  });
});

describe('the whole ledger, in a database of its own', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  beforeAll(async () => {
    db = await isolatedDatabase();
  });

  it('rebuilds the read models from the events with identical results', async () => {
    const cluster = freshCluster();
    await recordFacts(db.app, tierStory(cluster).slice(0, 3));
    await recordFacts(db.app, tierStory(cluster).slice(3));
    const before = await readModelsOf(cluster, db.app);
    expect(before.versions).toHaveLength(4);
    await rebuildReadModels(db.app);
    expect(await readModelsOf(cluster, db.app)).toEqual(before);
  });

  it('refuses rewrites even to the owner, and verify finds a row altered around the triggers at its exact position', async () => {
    const { app, admin } = db;
    const cluster = freshCluster();
    const { appended } = await recordFacts(app, tierStory(cluster));
    await expect(
      admin.query('update ledger.events set type = $1 where position = $2', [
        'X',
        appended[0]!.position,
      ]),
    ).rejects.toThrow(/append-only/);
    const victim = appended[2]!.position;
    const client = await admin.connect();
    try {
      // What a superuser with intent could do: bypass the triggers and rewrite history.
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(
        `update ledger.events set data = jsonb_set(data, '{actor,username}', '"mallory"') where position = $1`,
        [victim],
      );
      await client.query('commit');
      const report = await verifyLedger(app);
      expect(report).toMatchObject({ verified: false, firstBrokenAt: victim });
      expect(report.reason).toMatch(/content does not match its hash/);
    } finally {
      client.release();
    }
  });
});

describe('a ledger with a row deleted around the triggers', () => {
  it('fails verification at the position after the gap', async () => {
    const { app, admin } = await isolatedDatabase();
    const { appended } = await recordFacts(app, tierStory(freshCluster()));
    const victim = appended[2]!.position;
    const client = await admin.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query('delete from ledger.events where position = $1', [victim]);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await verifyLedger(app)).toMatchObject({ verified: false, firstBrokenAt: victim + 1 });
  });
});

describe('verification up to a head read earlier', () => {
  it('stops at the head, and in its own thread finds a row altered around the triggers', async () => {
    const { app, admin, appUrl } = await isolatedDatabase();
    const cluster = freshCluster();
    await recordFacts(app, tierStory(cluster));
    const head = await readLedgerHead(app);
    await recordFacts(app, tierStory(freshCluster()));
    expect(await verifyLedger(app, { upTo: head.position, pageSize: 2 })).toMatchObject({
      verified: true,
      events: head.position,
      head,
    });
    // The worker's script is the compiled one: the integration setup builds dist/ first.
    const { verifyLedgerInWorker } = createRequire(__filename)(
      path.join(DIST_LEDGER, 'index.js'),
    ) as {
      verifyLedgerInWorker: typeof import('./verify-ledger-in-worker').verifyLedgerInWorker;
    };
    expect(await verifyLedgerInWorker(appUrl, { upTo: head.position })).toMatchObject({
      verified: true,
      head,
    });
    const victim = head.position - 1;
    const client = await admin.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(`update ledger.events set type = 'Forged' where position = $1`, [victim]);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await verifyLedgerInWorker(appUrl, { upTo: head.position })).toMatchObject({
      verified: false,
      firstBrokenAt: victim,
    });
    const stop = new AbortController();
    stop.abort(new Error('report cancelled'));
    await expect(
      verifyLedgerInWorker(appUrl, { upTo: head.position, signal: stop.signal }),
    ).rejects.toThrow('report cancelled');
  });
});

describe('event times of any precision', () => {
  it('hash the time PostgreSQL stores, so the chain verifies', async () => {
    const { app } = await isolatedDatabase();
    const at = [
      '2026-03-01T10:00:00.123Z',
      '2026-03-01T12:00:00+02:00',
      '2026-03-01T10:00:00.1234567Z',
    ];
    await recordFacts(
      app,
      at.map((occurredAt, i) => ({
        eventId: `00000000-0000-4000-8000-00000000000${i}`,
        streamId: 'deadletter-c/precision',
        type: 'MessageDeadLettered',
        data: {
          cluster: 'c',
          reason: 'test',
          source: { topic: 't', partition: 0, offset: String(i) },
          sample: '',
          sha256: '',
          size: 0,
          deadLetteredAt: occurredAt,
        },
        metadata: {},
        occurredAt,
      })),
    );
    expect(await verifyLedger(app)).toMatchObject({ verified: true, events: 3 });
  });
});
