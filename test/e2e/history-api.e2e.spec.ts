import {
  demoStory,
  syntheticAuditEvent,
  tieredPolicyPassthroughEvents,
} from '@policy-ledger/samples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RunningApp, startApp } from '../support/app-process';
import { syntheticChangeStream } from '../support/change-stream';
import { appPool } from '../support/database';
import { createTopic, produce, uniqueName } from '../support/kafka';
import { cli, createToken } from '../support/operator-cli';

interface Change {
  id: string;
  resource: string;
  name: string | null;
  namespace: string | null;
  tier: string | null;
  verb: string;
  outcome: string;
  action: string;
  actor: { username: string | null; impersonatedBy?: string };
  occurredAt: string;
  auditId: string | null;
  version: number | null;
  summary: Array<{ type: string; risk: string; summary: string }>;
  cascade: boolean;
}

const pool = appPool();
const topic = uniqueName('history');
const cluster = uniqueName('history');
let ingestor: RunningApp | undefined;
let api: RunningApp | undefined;
const tokens: Record<'soc' | 'auditor' | 'admin', string> = { soc: '', auditor: '', admin: '' };

/** Synthetic story (libs/samples demoStory) plus the passthrough, an impersonated change and 250 bulk changes. */
function storyMessages(): string[] {
  return [
    ...tieredPolicyPassthroughEvents('2026-03-02T08:00:00.000000Z').map((event) =>
      JSON.stringify(event),
    ),
    ...demoStory().map((event) => JSON.stringify(event)),
    JSON.stringify(
      syntheticAuditEvent({
        apiGroup: 'projectcalico.org',
        verb: 'patch',
        resource: 'tiers',
        name: 'application',
        user: 'system:admin',
        impersonatedUser: 'dave@example.com',
        code: 403,
        level: 'Metadata',
        at: '2026-03-02T10:30:00.000000Z',
      }),
    ),
    ...syntheticChangeStream(250, { prefix: 'bulk', start: '2026-04-01T00:00:00Z' }),
  ];
}

const STORY_CHANGES = 2 + 14 + 2 + 1 + 250; // passthrough, demo story, its two cascade deletions, impersonated attempt, bulk

async function call(
  path: string,
  role: keyof typeof tokens | null = 'soc',
  init: RequestInit = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (role) headers.authorization = `Bearer ${tokens[role]}`;
  return fetch(`${api!.url}${path}`, { ...init, headers });
}

async function json<T>(path: string, role: keyof typeof tokens | null = 'soc'): Promise<T> {
  const response = await call(path, role);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

async function allPages(query: string, limit: number): Promise<Change[]> {
  const seen: Change[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Change[]; nextCursor: string | null } = await json(
      `/v1/changes?cluster=${cluster}&limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  await createTopic(topic, 2);
  await produce(
    topic,
    storyMessages().map((value) => ({ value, headers: { cluster } })),
  );
  [ingestor, api] = await Promise.all([
    startApp('ingestor', { AUDIT_TOPICS: topic, KAFKA_GROUP_ID: uniqueName('history') }),
    startApp('api', {}),
  ]);
  for (const role of ['soc', 'auditor', 'admin'] as const)
    tokens[role] = (await createToken(role, uniqueName(role))).token;
  await eventually(
    async () => {
      const { rows } = await pool.query<{ n: number }>(
        'select count(*)::int as n from ledger.changes where cluster = $1',
        [cluster],
      );
      return rows[0]!.n >= STORY_CHANGES ? true : undefined;
    },
    { timeoutMs: 60_000, what: `${STORY_CHANGES} changes` },
  );
});

afterAll(async () => {
  await Promise.all([ingestor?.stop(), api?.stop()]);
});

describe('GET /v1/changes', () => {
  it('pages through every change without gaps or repeats, newest first, and oldest first', async () => {
    const newest = await allPages('', 17);
    expect(newest).toHaveLength(STORY_CHANGES);
    expect(new Set(newest.map((c) => c.id)).size).toBe(STORY_CHANGES);
    const times = newest.map((c) => c.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const oldest = await allPages('&order=asc', 41);
    expect(oldest.map((c) => c.id)).toEqual([...newest].reverse().map((c) => c.id));
  });

  it.each([
    [
      'by actor (the effective user)',
      '&actor=mallory@example.com',
      (c: Change) => c.actor.username === 'mallory@example.com',
      2,
    ],
    [
      'by actor (the impersonator)',
      '&actor=system:admin',
      (c: Change) => c.actor.impersonatedBy === 'system:admin',
      1,
    ],
    ['by tier', '&tier=security', (c: Change) => c.tier === 'security', 6],
    ['by outcome', '&outcome=denied', (c: Change) => c.outcome === 'denied', 2],
    [
      'by resource and name',
      '&resource=globalnetworkpolicies.projectcalico.org&name=allow-dns',
      (c: Change) => c.name === 'allow-dns',
      2,
    ],
    ['by namespace', '&namespace=payments', (c: Change) => c.namespace === 'payments', 4],
    ['by verb', '&verb=delete', (c: Change) => c.verb === 'delete', 3],
    [
      'by time range',
      '&from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z',
      (c: Change) => c.occurredAt.startsWith('2026-03-03'),
      2,
    ],
  ])('filters %s', async (_name, query, holds, count) => {
    const found = await allPages(query, 3);
    expect(found).toHaveLength(count);
    expect(found.every(holds)).toBe(true);
  });

  it('describes each change: actor, outcome, version and the semantic diff with its risk', async () => {
    const [widening] = await allPages(
      '&actor=mallory@example.com&resource=globalnetworkpolicies.projectcalico.org',
      10,
    );
    expect(widening).toMatchObject({
      verb: 'update',
      outcome: 'applied',
      action: 'updated',
      version: 2,
      tier: 'security',
    });
    expect(widening!.summary).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ risk: 'high', summary: expect.stringContaining('0.0.0.0/0') }),
      ]),
    );
    const cascades = (await allPages('&namespace=payments&verb=delete', 10)).filter(
      (c) => c.cascade,
    );
    expect(cascades.map((c) => c.actor.username)).toEqual([
      'carol@example.com',
      'carol@example.com',
    ]);
  });

  it('refuses a cursor reused with other filters', async () => {
    const page = await json<{ nextCursor: string }>(`/v1/changes?cluster=${cluster}&limit=1`);
    const response = await call(
      `/v1/changes?cluster=${cluster}&limit=1&tier=security&cursor=${page.nextCursor}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });

  it.each([
    ['limit over 1000', '?limit=5000', 'limit'],
    ['a time that is no time', '?from=yesterday', 'from'],
    ['an untracked resource', '?resource=pods', 'resource'],
    ['an unknown outcome', '?outcome=maybe', 'outcome'],
    ['an unknown parameter', '?colour=blue', 'colour'],
    [
      'a range that ends before it starts',
      '?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
      'to',
    ],
  ])('answers 400 naming the field for %s', async (_name, query, field) => {
    const response = await call(`/v1/changes${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      type: string;
      title: string;
      errors: Array<{ field: string; problem: string }>;
    };
    expect(problem.type).toMatch(/invalid-request/);
    expect(problem.errors.map((e) => e.field)).toContain(field);
    expect(JSON.stringify(problem)).not.toMatch(/at \w+ \(|select |postgres/i);
  });

  it('answers 401 without a token, and an RFC 9457 404 for unknown routes', async () => {
    expect((await call('/v1/changes', null)).status).toBe(401);
    const missing = await call('/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      status: 404,
      type: expect.stringMatching(/not-found/),
    });
  });
});

describe('GET /v1/objects', () => {
  const gnp = `/v1/objects/globalnetworkpolicies.projectcalico.org/allow-dns?cluster=${cluster}`;

  it('answers as of a moment: before and after a change, and 404 before the object existed', async () => {
    const before = await json<{ version: number; object: { spec: { egress: unknown[] } } }>(
      `${gnp}&at=2026-03-03T00:00:00Z`,
    );
    const after = await json<{
      version: number;
      object: { spec: { egress: unknown[] } };
      since: string;
    }>(`${gnp}&at=2026-03-04T00:00:00Z`);
    expect([before.version, before.object.spec.egress]).toEqual([
      1,
      expect.not.arrayContaining([
        expect.objectContaining({ destination: { nets: ['0.0.0.0/0'] } }),
      ]),
    ]);
    expect(after.version).toBe(2);
    expect(after.object.spec.egress).toEqual(
      expect.arrayContaining([expect.objectContaining({ destination: { nets: ['0.0.0.0/0'] } })]),
    );
    const now = await json<{ version: number; deleted: boolean; stateKnown: boolean }>(gnp);
    expect(now).toMatchObject({ version: 2, deleted: false, stateKnown: true });
    const earlier = await call(`${gnp}&at=2026-03-01T00:00:00Z`);
    expect(earlier.status).toBe(404);
    expect(((await earlier.json()) as { detail: string }).detail).toContain('did not exist');
  });

  it('shows a policy deleted with its namespace as deleted, with its last state', async () => {
    const path = `/v1/objects/networkpolicies.projectcalico.org/payments-ingress?cluster=${cluster}&namespace=payments`;
    expect(await json(`${path}&at=2026-03-03T00:00:00Z`)).toMatchObject({
      deleted: false,
      version: 1,
    });
    expect(await json(path)).toMatchObject({
      deleted: true,
      version: 2,
      object: { spec: { tier: 'application' } },
    });
  });

  it('lists history oldest first with actors, JSON Patches and semantic diffs', async () => {
    const { versions } = await json<{
      versions: Array<{
        version: number;
        action: string;
        actor: { username: string };
        patch: unknown[] | null;
        summary: unknown[];
      }>;
    }>(`/v1/objects/globalnetworkpolicies.projectcalico.org/allow-dns/history?cluster=${cluster}`);
    expect(versions.map((v) => [v.version, v.action, v.actor.username])).toEqual([
      [1, 'created', 'alice@example.com'],
      [2, 'updated', 'mallory@example.com'],
    ]);
    expect(versions[1]!.patch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'add', path: expect.stringMatching(/^\/spec\/egress/) }),
      ]),
    );
  });

  it('answers 400 for a namespaced kind asked without a namespace', async () => {
    const response = await call(
      `/v1/objects/networkpolicies.projectcalico.org/payments-ingress?cluster=${cluster}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'namespace' }] });
  });
});

describe('inventory', () => {
  it('lists tiers in evaluation order with their default action, as of a moment', async () => {
    type Tiers = {
      at: string;
      items: Array<{ name: string; order?: number; defaultAction: string; policies: number }>;
    };
    const before = await json<Tiers>(`/v1/tiers?cluster=${cluster}&at=2026-03-04T00:00:00Z`);
    expect(before.items.map((t) => [t.name, t.order, t.defaultAction])).toEqual([
      ['security', 100, 'Deny'],
      ['application', 500, 'Deny'],
      ['default', 1_000_000, 'Deny'],
    ]);
    const now = await json<Tiers>(`/v1/tiers?cluster=${cluster}`);
    expect(now.items.find((t) => t.name === 'security')).toMatchObject({
      defaultAction: 'Pass',
      policies: 2,
    });
  });

  it('lists the policies of a tier in evaluation order, a page at a time at one fixed moment', async () => {
    type Policies = {
      at: string;
      items: Array<{ name: string; order?: number; kind: string; tier: string }>;
      nextCursor: string | null;
    };
    const first = await json<Policies>(`/v1/policies?cluster=${cluster}&tier=security&limit=1`);
    const second = await json<Policies>(
      `/v1/policies?cluster=${cluster}&tier=security&limit=1&cursor=${first.nextCursor}`,
    );
    expect([...first.items, ...second.items].map((p) => [p.name, p.order])).toEqual([
      ['allow-dns', 100],
      ['default-deny', 1000],
    ]);
    expect(second.at).toBe(first.at);
    expect(second.nextCursor).toBeNull();
  });
});

describe('GET /v1/changes/stream', () => {
  it('delivers a new change within a second of its ingestion, with the list filters applied', async () => {
    const controller = new AbortController();
    const response = await call(`/v1/changes/stream?cluster=${cluster}&tier=security`, 'soc', {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const events: Array<{ change: Change; at: number }> = [];
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/^event: change$/m.test(block)) continue;
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          events.push({ change: JSON.parse(data) as Change, at: Date.now() });
        }
      }
    })().catch(() => undefined);

    const tier = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'Tier',
      metadata: { name: 'security' },
      spec: { order: 90, defaultAction: 'Deny' },
    };
    const other = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'Tier',
      metadata: { name: 'application' },
      spec: { order: 400, defaultAction: 'Deny' },
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    await produce(topic, [
      {
        value: JSON.stringify(
          syntheticAuditEvent({
            apiGroup: 'projectcalico.org',
            verb: 'update',
            resource: 'tiers',
            name: 'application',
            user: 'erin',
            code: 200,
            requestObject: other,
            responseObject: other,
            at: '2026-05-01T00:00:00.000000Z',
          }),
        ),
        headers: { cluster },
      },
      {
        value: JSON.stringify(
          syntheticAuditEvent({
            apiGroup: 'projectcalico.org',
            verb: 'update',
            resource: 'tiers',
            name: 'security',
            user: 'erin',
            code: 200,
            requestObject: tier,
            responseObject: tier,
            at: '2026-05-01T00:00:01.000000Z',
          }),
        ),
        headers: { cluster },
      },
    ]);
    await eventually(async () => (events.length > 0 ? true : undefined), {
      timeoutMs: 15_000,
      what: 'a change on the stream',
    });
    controller.abort();
    await reading;
    expect(events.map((e) => [e.change.name, e.change.actor.username])).toEqual([
      ['security', 'erin'],
    ]);
    const { rows } = await pool.query<{ recorded_at: string }>(
      `select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at from ledger.events where data->>'auditId' = $1`,
      [events[0]!.change.auditId],
    );
    expect(events[0]!.at - Date.parse(rows[0]!.recorded_at)).toBeLessThan(1_000);
  });
});

describe('RBAC questions', () => {
  it('names who can edit the security tier, through which binding and role', async () => {
    const answer = await json<{ subjects: Array<{ subject: { kind: string; name: string } }> }>(
      `/v1/rbac/who-can?cluster=${cluster}&verb=update&resource=globalnetworkpolicies.projectcalico.org&tier=security`,
    );
    expect(answer.subjects.map((s) => `${s.subject.kind}:${s.subject.name}`)).toContain(
      'Group:netsec',
    );
    expect(JSON.stringify(answer)).toContain('netsec-edits-security');
  });

  it('answers can-i now and as of a moment before the binding existed', async () => {
    const ask = async (at?: string) => {
      const response = await call('/v1/rbac/can-i', 'soc', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          cluster,
          user: 'alice@example.com',
          groups: ['netsec'],
          verb: 'update',
          resource: 'globalnetworkpolicies.projectcalico.org',
          tier: 'security',
          name: 'allow-dns',
          ...(at ? { at } : {}),
        }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { allowed: boolean; denial?: string };
    };
    expect((await ask()).allowed).toBe(true);
    const before = await ask('2026-03-02T09:20:30Z');
    expect(before.allowed).toBe(false);
    expect(before.denial).toMatch(/cannot/);
  });

  type Editors = {
    policies: Array<{
      kind: string;
      definite: Array<{ subject: { kind: string; name: string }; verbs: string[] }>;
    }>;
  };
  const netsecPaths = (editors: Editors) =>
    editors.policies
      .filter((p) =>
        p.definite.some((d) => d.subject.kind === 'Group' && d.subject.name === 'netsec'),
      )
      .map((p) => p.kind)
      .sort();

  it('lists tier editors now and before the binding existed, and the access matrix', async () => {
    const now = await json<Editors>(`/v1/rbac/tiers/security/editors?cluster=${cluster}`);
    expect(netsecPaths(now)).toEqual(['globalnetworkpolicies', 'networkpolicies']);
    const before = await json<Editors>(
      `/v1/rbac/tiers/security/editors?cluster=${cluster}&at=2026-03-02T09:20:30Z`,
    );
    expect(netsecPaths(before)).toEqual([]);
    const matrix = await json<{
      tiers: string[];
      subjects: Array<{ description: string }>;
      cells: Array<Array<{ edit: string }>>;
    }>(`/v1/rbac/matrix?cluster=${cluster}`);
    const tier = matrix.tiers.indexOf('security');
    const subject = matrix.subjects.findIndex((s) => s.description.includes('netsec'));
    // The role covers the tier's two enforced policy kinds, not the staged ones, and only reads the tier.
    expect(matrix.cells[tier]![subject]!).toEqual({
      view: 'partial',
      edit: 'partial',
      manageTier: 'none',
    });
  });

  it('warns that it cannot count a role the ledger saw only at Metadata level', async () => {
    const opaque = uniqueName('opaque');
    const rbac = { apiGroup: 'rbac.authorization.k8s.io', user: 'admin', code: 201 };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'eve-edits' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'secret-role' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'eve' }],
    };
    await produce(
      topic,
      [
        syntheticAuditEvent({
          ...rbac,
          verb: 'create',
          resource: 'clusterroles',
          name: 'secret-role',
          level: 'Metadata',
          at: '2026-03-01T00:00:00.000000Z',
        }),
        syntheticAuditEvent({
          ...rbac,
          verb: 'create',
          resource: 'clusterrolebindings',
          name: 'eve-edits',
          requestObject: binding,
          responseObject: binding,
          at: '2026-03-01T00:00:01.000000Z',
        }),
      ].map((event) => ({ value: JSON.stringify(event), headers: { cluster: opaque } })),
    );
    const answer = await eventually(
      async () => {
        const response = await call(
          `/v1/rbac/who-can?cluster=${opaque}&verb=update&resource=globalnetworkpolicies.projectcalico.org&tier=security`,
        );
        const body = (await response.json()) as { warnings: string[] };
        return body.warnings.some((w) => w.includes('eve-edits')) ? body : undefined;
      },
      { what: 'the who-can answer to warn about secret-role' },
    );
    expect(answer.warnings).toEqual([
      'ClusterRoleBinding "eve-edits" references ClusterRole "secret-role", whose rules are unknown since 2026-03-01T00:00:00.000000Z: what it grants is not counted',
    ]);
  });

  it('gives the same answer through the cli, from the ledger, now and as of a moment', async () => {
    const ask = async (...extra: string[]) =>
      JSON.parse(
        await cli(
          'rbac',
          'tier-editors',
          '--cluster',
          cluster,
          '--tier',
          'security',
          '--json',
          ...extra,
        ),
      ) as Editors;
    expect(netsecPaths(await ask())).toEqual(['globalnetworkpolicies', 'networkpolicies']);
    expect(netsecPaths(await ask('--at', '2026-03-02T09:20:30Z'))).toEqual([]);
  });

  it('is refused to auditors (403) and answers 400 for a malformed question', async () => {
    expect((await call(`/v1/rbac/matrix?cluster=${cluster}`, 'auditor')).status).toBe(403);
    const bad = await call(
      `/v1/rbac/who-can?cluster=${cluster}&verb=UPDATE&resource=globalnetworkpolicies.projectcalico.org`,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'verb' }] });
  });
});

describe('GET /v1/integrity', () => {
  it('verifies the hash chain over every event', async () => {
    const report = await json<{
      verified: boolean;
      events: number;
      head: { position: number; hash: string };
      firstBrokenAt: number | null;
    }>('/v1/integrity', 'auditor');
    expect(report).toMatchObject({ verified: true, firstBrokenAt: null });
    expect(report.events).toBeGreaterThanOrEqual(STORY_CHANGES);
    expect(report.head.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('OpenAPI', () => {
  it('documents every v1 route at /openapi.json, to authenticated callers', async () => {
    const response = await call('/openapi.json', 'auditor');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/changes',
        '/v1/changes/stream',
        '/v1/objects/{resource}/{name}',
        '/v1/objects/{resource}/{name}/history',
        '/v1/rbac/who-can',
        '/v1/rbac/can-i',
        '/v1/integrity',
      ]),
    );
    expect(document.paths['/v1/changes']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['actor', 'tier', 'cursor', 'limit']),
    );
  });

  it('serves the docs only with credentials, taking the token as a Basic password in a browser', async () => {
    for (const path of ['/openapi.json', '/openapi.yaml', '/docs', '/docs/swagger-ui-init.js']) {
      const refused = await call(path, null);
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(await refused.json()).toMatchObject({ status: 401, instance: path });
    }
    const basic = (secret: string) =>
      fetch(`${api!.url}/docs`, {
        headers: { authorization: `Basic ${Buffer.from(`me:${secret}`).toString('base64')}` },
      });
    expect((await basic(tokens.soc)).status).toBe(200);
    expect((await basic('plt_not-a-real-token')).status).toBe(401);
  });
});
