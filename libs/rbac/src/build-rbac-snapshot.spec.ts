import { describe, expect, it } from 'vitest';
import { buildRbacSnapshot } from './build-rbac-snapshot';
import {
  clusterRoleBinding,
  group,
  roleBinding,
  serviceAccount,
  tier,
} from './testing/synthetic-rbac-objects';

describe('buildRbacSnapshot reports invalid objects instead of throwing', () => {
  it.each([
    ['a non-object', [42], /objects\[0\]: expected a Kubernetes object, found number/],
    [
      'an unsupported kind',
      [{ kind: 'Pod', metadata: { name: 'p' } }],
      /Pod "p": unsupported kind "Pod"/,
    ],
    [
      'a missing name',
      [{ kind: 'ClusterRole', metadata: {}, rules: [] }],
      /objects\[0\] \(ClusterRole without metadata.name\): metadata.name/,
    ],
    [
      'a Role without namespace',
      [{ kind: 'Role', metadata: { name: 'r' }, rules: [] }],
      /Role "r": metadata.namespace is required/,
    ],
    [
      'rules that are not a list',
      [{ kind: 'ClusterRole', metadata: { name: 'c' }, rules: {} }],
      /ClusterRole "c": rules: /,
    ],
    [
      'a rule without verbs',
      [{ kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ apiGroups: [''] }] }],
      /ClusterRole "c": rules\[0\]\.verbs: /,
    ],
    [
      'a binding without roleRef',
      [{ kind: 'ClusterRoleBinding', metadata: { name: 'b' } }],
      /ClusterRoleBinding "b": roleRef: /,
    ],
    [
      'a ServiceAccount without namespace in a ClusterRoleBinding',
      [clusterRoleBinding('b', 'view', [serviceAccount('sa')])],
      /ClusterRoleBinding "b": subjects\[0\]\.namespace is required/,
    ],
    [
      'an unknown subject kind',
      [clusterRoleBinding('b', 'view', [{ kind: 'Robot', name: 'r' } as never])],
      /subjects\[0\]\.kind "Robot" is not User, Group or ServiceAccount/,
    ],
    [
      'a tier name with a dot',
      [tier('a.b')],
      /Tier "a\.b": metadata\.name: a tier name is a DNS label without dots/,
    ],
    ['a duplicate object', [tier('t1'), tier('t1')], /Tier "t1": duplicate object/],
  ])('%s', (_name, objects, problem) => {
    const snapshot = buildRbacSnapshot({ objects });
    expect(snapshot.problems.join('\n')).toMatch(problem);
  });

  it('reports an invalid membership and keeps the valid ones', () => {
    const snapshot = buildRbacSnapshot({
      objects: [],
      memberships: [
        { username: 'alice', group: 'devs', firstSeen: 'a', lastSeen: 'b' },
        { username: 'bob' },
      ],
    });
    expect(snapshot.memberships.map((m) => m.username)).toEqual(['alice']);
    expect(snapshot.problems).toEqual([
      expect.stringMatching(/^memberships\[1\]: group: /),
      expect.stringMatching(/^memberships\[1\]: firstSeen: /),
      expect.stringMatching(/^memberships\[1\]: lastSeen: /),
    ]);
  });

  it('defaults a RoleBinding ServiceAccount subject to the binding namespace, keeps the rest of the binding', () => {
    const snapshot = buildRbacSnapshot({
      objects: [
        roleBinding('ns1', 'b', { kind: 'ClusterRole', name: 'view' }, [
          serviceAccount('sa'),
          group('devs'),
        ]),
      ],
    });
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.bindings[0]?.subjects).toEqual([
      { kind: 'ServiceAccount', namespace: 'ns1', name: 'sa' },
      { kind: 'Group', name: 'devs' },
    ]);
  });

  it('accepts Tier objects among the objects and in `tiers`', () => {
    const snapshot = buildRbacSnapshot({
      objects: [tier('t1')],
      tiers: [{ metadata: { name: 't2' }, spec: { order: 5 } }],
    });
    expect(snapshot.tiers).toEqual([
      { name: 't1', defaultAction: 'Deny' },
      { name: 't2', order: 5 },
    ]);
  });
});
