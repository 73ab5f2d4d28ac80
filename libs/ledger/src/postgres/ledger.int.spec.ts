import { randomBytes } from 'node:crypto';
import { auditEventId, classifyAuditEvent, decodeAuditMessage } from '@policy-ledger/audit';
import { syntheticAuditEvent } from '@policy-ledger/samples';
import fc from 'fast-check';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPool, isolatedDatabase } from '../../../../test/support/database';
import { auditChangeFact } from '../audit-change-fact';
import { objectStreamId } from '../object-key';
import type { NewEvent } from '../recorded-event';
import { rebuildReadModels } from './rebuild-read-models';
import { recordFacts } from './record-facts';
import { verifyLedger } from './verify-ledger';

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
      return [
        {
          eventId: auditEventId(cluster, event),
          streamId: objectStreamId({
            cluster,
            apiGroup,
            resource,
            namespace: c.change.target.namespace,
            name: c.change.target.name!,
          }),
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
