import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRbacSnapshot } from './build-rbac-snapshot';
import { createRbacEngine } from './create-rbac-engine';
import { POLICY_VERBS } from './policy-kinds';
import { subjectKey } from './rbac-index';
import type { RbacSnapshot } from './rbac-snapshot';
import {
  type NaiveQuery,
  naiveCanI,
  naiveWhoCan,
  naiveWhoCanByIdentity,
} from './testing/naive-rbac';

const NAMESPACES = ['ns1', 'ns2'];
const USERS = ['alice', 'bob', 'system:serviceaccount:ns1:sa1', 'system:anonymous'];
const GROUPS = [
  'devs',
  'ops',
  'system:authenticated',
  'system:serviceaccounts',
  'system:serviceaccounts:ns1',
  'system:masters',
];
const VERBS = [...POLICY_VERBS, '*', 'escalate'];
const API_GROUPS = ['projectcalico.org', '', '*', 'rbac.authorization.k8s.io'];
const RESOURCES = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
  'tier.networkpolicies',
  'tier.globalnetworkpolicies',
  'tier.stagednetworkpolicies',
  'tier.stagedglobalnetworkpolicies',
  'tiers',
  '*',
  'tier.*',
  '*/status',
  'networkpolicies/status',
  'stagedkubernetesnetworkpolicies',
  'pods',
];
const NAMES = ['t1.*', 't2.*', 'default.*', 'p1', 't1.p1', 't1', 't2', 'default', '*', 't*'];
const QUERY_RESOURCES = [
  'networkpolicies.projectcalico.org',
  'globalnetworkpolicies.projectcalico.org',
  'stagednetworkpolicies.projectcalico.org',
  'stagedglobalnetworkpolicies.projectcalico.org',
  'stagedkubernetesnetworkpolicies.projectcalico.org',
  'tiers.projectcalico.org',
  'networkpolicies.networking.k8s.io',
  'networkpolicies.projectcalico.org/status',
  'pods',
  'pods/status',
  'tier.networkpolicies.projectcalico.org',
];
const QUERY_NAMES = ['p1', 't1.p1', 't1', 'default', 'p2'];
const TIER_NAMES = ['default', 't1', 't2', 't3'];

const someOf = <T>(values: readonly T[], max = 3) =>
  fc.subarray([...values], { minLength: 1, maxLength: max });

const randomRuleArb = fc.record({
  verbs: someOf(VERBS),
  apiGroups: someOf(API_GROUPS, 2),
  resources: someOf(RESOURCES),
  resourceNames: fc.oneof(fc.constant([] as string[]), someOf(NAMES, 2)),
});
const namesArb = fc.oneof(fc.constant([] as string[]), someOf(NAMES, 2));
const tieredKindArb = fc.constantFrom(
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
);
/** Rules shaped like the ones tier RBAC is about, so that many answers are "allowed". */
const ruleArb = fc.oneof(
  { weight: 2, arbitrary: randomRuleArb },
  {
    weight: 3,
    arbitrary: fc.record({
      verbs: fc.constantFrom(['get'], ['get', 'list'], ['*']),
      apiGroups: fc.constant(['projectcalico.org']),
      resources: fc.constant(['tiers']),
      resourceNames: fc.oneof(
        fc.constant([] as string[]),
        someOf(['t1', 't2', 'default', 't3'], 2),
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      verbs: someOf([...POLICY_VERBS, '*'], 4),
      apiGroups: fc.constantFrom(['projectcalico.org'], ['*']),
      resources: tieredKindArb.map((k) => [`tier.${k}`]),
      resourceNames: namesArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      verbs: someOf([...POLICY_VERBS, '*'], 4),
      apiGroups: fc.constantFrom(['projectcalico.org'], ['networking.k8s.io'], ['']),
      resources: fc.oneof(
        tieredKindArb.map((k) => [k]),
        fc.constant(['networkpolicies', 'pods', 'pods/status', 'stagedkubernetesnetworkpolicies']),
      ),
      resourceNames: namesArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      verbs: ['*'],
      apiGroups: ['*'],
      resources: ['*'],
      resourceNames: [] as string[],
    }),
  },
);

const labelsArb = fc.oneof(
  fc.constant({}),
  fc.constantFrom(
    { agg: 'a' },
    { agg: 'b' },
    { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
  ),
);
const selectorsArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  fc.constant([] as object[]),
  fc.constant([{ matchLabels: { agg: 'a' } }]),
  fc.constant([
    { matchLabels: { agg: 'b' } },
    { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
  ]),
  fc.constant([{ matchExpressions: [{ key: 'agg', operator: 'In', values: ['a', 'b'] }] }]),
  fc.constant([{}]),
);

const subjectArb = (inRoleBinding: boolean) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('devs', 'ops', 'system:authenticated')
        .map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('alice', 'bob')
        .map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    },
    fc
      .constantFrom(...USERS)
      .map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    fc.constantFrom(...GROUPS.filter((g) => g !== 'system:masters'), 'devs', 'ops').map((name) => ({
      kind: 'Group',
      apiGroup: 'rbac.authorization.k8s.io',
      name,
    })),
    fc.constantFrom('sa1', 'sa2').chain((name) =>
      (inRoleBinding
        ? fc.constantFrom(undefined, 'ns1', 'ns2')
        : fc.constantFrom('ns1', 'ns2')
      ).map((namespace) => ({
        kind: 'ServiceAccount',
        apiGroup: '',
        name,
        ...(namespace ? { namespace } : {}),
      })),
    ),
  );

const snapshotArb = fc
  .record({
    clusterRoles: fc.array(
      fc.record({
        rules: fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        labels: labelsArb,
        selectors: selectorsArb,
      }),
      { minLength: 1, maxLength: 5 },
    ),
    roles: fc.array(
      fc.record({
        namespace: fc.constantFrom(...NAMESPACES),
        name: fc.constantFrom('r0', 'r1'),
        rules: fc.array(ruleArb, { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    clusterBindings: fc.array(
      fc.record({
        roleKind: fc.constantFrom('ClusterRole', 'ClusterRole', 'ClusterRole', 'Role'),
        roleIndex: fc.nat(5),
        subjects: fc.array(subjectArb(false), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 6 },
    ),
    roleBindings: fc.array(
      fc.record({
        namespace: fc.constantFrom(...NAMESPACES),
        roleKind: fc.constantFrom('ClusterRole', 'Role'),
        roleIndex: fc.nat(5),
        subjects: fc.array(subjectArb(true), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 5 },
    ),
    tiers: fc.subarray(['t1', 't2']),
    passthrough: fc.boolean(),
    mastersBinding: fc.boolean(),
    memberships: fc.array(
      fc.record({
        username: fc.constantFrom('carol', 'alice', 'system:serviceaccount:ns2:sa2'),
        group: fc.constantFrom(...GROUPS),
      }),
      { maxLength: 4 },
    ),
  })
  .map((g): RbacSnapshot => {
    const objects: unknown[] = [];
    objects.push(
      ...g.clusterRoles.map((cr, i) => ({
        kind: 'ClusterRole',
        metadata: { name: `cr${i}`, labels: cr.labels },
        rules: cr.rules,
        ...(cr.selectors ? { aggregationRule: { clusterRoleSelectors: cr.selectors } } : {}),
      })),
    );
    const roleNames = new Set<string>();
    for (const r of g.roles) {
      if (roleNames.has(`${r.namespace}/${r.name}`)) continue;
      roleNames.add(`${r.namespace}/${r.name}`);
      objects.push({
        kind: 'Role',
        metadata: { namespace: r.namespace, name: r.name },
        rules: r.rules,
      });
    }
    const refName = (kind: string, i: number) => (kind === 'Role' ? `r${i % 3}` : `cr${i}`);
    objects.push(
      ...g.clusterBindings.map((b, i) => ({
        kind: 'ClusterRoleBinding',
        metadata: { name: `crb${i}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: b.roleKind,
          name: refName(b.roleKind, b.roleIndex),
        },
        subjects: b.subjects,
      })),
    );
    objects.push(
      ...g.roleBindings.map((b, i) => ({
        kind: 'RoleBinding',
        metadata: { namespace: b.namespace, name: `rb${i}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: b.roleKind,
          name: refName(b.roleKind, b.roleIndex),
        },
        subjects: b.subjects,
      })),
    );
    if (g.passthrough)
      objects.push(
        {
          kind: 'ClusterRole',
          metadata: { name: 'passthrough' },
          rules: [
            {
              verbs: ['*'],
              apiGroups: ['projectcalico.org'],
              resources: [
                'networkpolicies',
                'globalnetworkpolicies',
                'stagednetworkpolicies',
                'stagedglobalnetworkpolicies',
              ],
            },
          ],
        },
        {
          kind: 'ClusterRoleBinding',
          metadata: { name: 'passthrough' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'passthrough',
          },
          subjects: [
            { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
          ],
        },
      );
    if (g.mastersBinding)
      objects.push({
        kind: 'ClusterRoleBinding',
        metadata: { name: 'masters' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr0' },
        subjects: [
          { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' },
        ],
      });
    const tiers = g.tiers.map((name) => ({
      kind: 'Tier',
      apiVersion: 'projectcalico.org/v3',
      metadata: { name },
    }));
    const memberships = g.memberships.map((m) => ({
      ...m,
      firstSeen: '2026-01-01T00:00:00Z',
      lastSeen: '2026-02-01T00:00:00Z',
    }));
    const snapshot = buildRbacSnapshot({ objects, tiers, memberships });
    expect(snapshot.problems).toEqual([]);
    return snapshot;
  });

const queryArb: fc.Arbitrary<NaiveQuery> = fc
  .record({
    verb: fc.constantFrom(...POLICY_VERBS),
    resource: fc.oneof(
      { weight: 3, arbitrary: tieredKindArb.map((k) => `${k}.projectcalico.org`) },
      { weight: 2, arbitrary: fc.constantFrom(...QUERY_RESOURCES) },
    ),
    namespace: fc.option(fc.constantFrom(...NAMESPACES), { nil: undefined }),
    name: fc.option(fc.constantFrom(...QUERY_NAMES), { nil: undefined }),
    tier: fc.option(fc.constantFrom(...TIER_NAMES), { nil: undefined }),
    newTier: fc.option(fc.constantFrom(...TIER_NAMES), { nil: undefined }),
  })
  .map((q) => {
    const tiered = /^(staged)?(global)?networkpolicies\.projectcalico\.org/.test(q.resource);
    const out: NaiveQuery = { verb: q.verb, resource: q.resource };
    if (q.namespace !== undefined) out.namespace = q.namespace;
    if (q.name !== undefined) out.name = q.name;
    if (q.tier !== undefined) out.tier = q.tier;
    if (q.newTier !== undefined && tiered && (q.verb === 'update' || q.verb === 'patch'))
      out.newTier = q.newTier;
    return out;
  });

const identityArb = fc.record({
  user: fc.constantFrom(...USERS, 'carol', 'system:serviceaccount:ns2:sa2'),
  groups: fc.oneof(
    { weight: 4, arbitrary: fc.subarray(['devs', 'ops'], { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.subarray(GROUPS, { maxLength: 2 }) },
  ),
});

const modeArb = fc.constantFrom('apiserver' as const, 'webhook' as const);

describe('engine vs naive implementation (differential)', () => {
  it('agree on allowed/denied and permitted tiers for canI', () => {
    fc.assert(
      fc.property(
        snapshotArb,
        modeArb,
        fc.array(fc.tuple(identityArb, queryArb), { minLength: 1, maxLength: 4 }),
        (snapshot, mode, queries) => {
          const engine = createRbacEngine(snapshot, { mode });
          for (const [identity, query] of queries) {
            const expected = naiveCanI(snapshot, { ...query, ...identity }, mode);
            const actual = engine.canI({ ...query, ...identity });
            expect({ query, identity, allowed: actual.allowed }).toEqual({
              query,
              identity,
              allowed: expected.allowed,
            });
            if (actual.permittedTiers)
              expect(actual.permittedTiers).toEqual(expected.permittedTiers);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agree on the subject set for whoCan (and the naive agrees with itself per identity)', () => {
    fc.assert(
      fc.property(snapshotArb, modeArb, queryArb, (snapshot, mode, query) => {
        const engine = createRbacEngine(snapshot, { mode });
        const answer = engine.whoCan(query);
        const expected = naiveWhoCan(snapshot, query, mode);
        expect({
          query,
          subjects: answer.subjects.map((e) => subjectKey(e.subject)).sort(),
        }).toEqual({
          query,
          subjects: expected.subjects,
        });
        expect(answer.observed.map((e) => e.subject.name).sort()).toEqual(expected.observed);
        expect(naiveWhoCanByIdentity(snapshot, query, mode)).toEqual(expected.subjects);
      }),
      { numRuns: 1500 },
    );
  });
});
