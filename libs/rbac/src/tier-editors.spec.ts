import { describe, expect, it } from 'vitest';
import { engineFor, observed } from './testing/engine-for';
import {
  calico,
  clusterRole,
  clusterRoleBinding,
  group,
  passthrough,
  roleBinding,
  rule,
  tier,
  user,
} from './testing/synthetic-rbac-objects';
import type { TierEditorsAnswer } from './tier-editors';

const RBAC = 'rbac.authorization.k8s.io';
const objects = [
  ...passthrough(),
  tier('t1'),
  tier('t2'),
  clusterRole('t1-admin', [
    calico(['get'], ['tiers'], ['t1']),
    calico(['*'], ['tier.networkpolicies', 'tier.globalnetworkpolicies'], ['t1.*']),
  ]),
  clusterRoleBinding('alice', 't1-admin', [user('alice')]),
  roleBinding('ns1', 'ops', { kind: 'ClusterRole', name: 't1-admin' }, [group('ops')]),
  clusterRole('get-t1', [calico(['get'], ['tiers'], ['t1'])]),
  clusterRoleBinding('ops-get', 'get-t1', [group('ops')]),
  clusterRole('p1-editor', [
    calico(['get'], ['tiers'], ['t1']),
    calico(['create', 'update', 'delete'], ['tier.networkpolicies'], ['p1']),
  ]),
  clusterRoleBinding('bob', 'p1-editor', [user('bob')]),
  clusterRole('tier-manager', [
    calico(['update', 'patch', 'delete'], ['tiers'], ['t1', 'default']),
  ]),
  clusterRoleBinding('carol', 'tier-manager', [user('carol')]),
  clusterRole('escalator', [rule(['escalate'], [RBAC], ['clusterroles'])]),
  clusterRoleBinding('dave', 'escalator', [user('dave')]),
  clusterRole('binder', [rule(['bind'], [RBAC], ['clusterroles'], ['t1-admin'])]),
  clusterRoleBinding('erin', 'binder', [user('erin')]),
  clusterRole('other-binder', [rule(['bind'], [RBAC], ['clusterroles'], ['unrelated'])]),
  clusterRoleBinding('frank', 'other-binder', [user('frank')]),
  clusterRole('binding-writer', [rule(['create'], [RBAC], ['rolebindings'])]),
  roleBinding('ns1', 'gina', { kind: 'ClusterRole', name: 'binding-writer' }, [user('gina')]),
  clusterRole('impersonate-alice', [rule(['impersonate'], [''], ['users'], ['alice'])]),
  clusterRoleBinding('harry', 'impersonate-alice', [user('harry')]),
  clusterRole('impersonate-nobody', [rule(['impersonate'], [''], ['users'], ['nobody'])]),
  clusterRoleBinding('ivan', 'impersonate-nobody', [user('ivan')]),
  clusterRole('crd-writer', [rule(['update'], ['crd.projectcalico.org'], ['networkpolicies'])]),
  clusterRoleBinding('jane', 'crd-writer', [user('jane')]),
  clusterRole('webhook-admin', [
    rule(['patch'], ['admissionregistration.k8s.io'], ['validatingwebhookconfigurations']),
  ]),
  clusterRoleBinding('kim', 'webhook-admin', [user('kim')]),
  clusterRole('cluster-admin', [rule(['*'], ['*'], ['*'])]),
  clusterRoleBinding('root', 'cluster-admin', [user('root')]),
  clusterRole('knp-editor', [
    rule(['update', 'create'], ['networking.k8s.io'], ['networkpolicies']),
  ]),
  roleBinding('ns2', 'lee', { kind: 'ClusterRole', name: 'knp-editor' }, [user('lee')]),
];

const describePaths = (answer: TierEditorsAnswer) =>
  answer.policies
    .filter((path) => path.definite.length > 0)
    .map((path) => {
      const scope = path.scope === 'cluster' ? 'cluster' : path.scope.namespaces.join(',');
      const names = path.names === 'all' ? 'all' : path.names.join(',');
      const who = path.definite.map((d) => `${d.subject.name}[${d.verbs.join(',')}]`).join(' ');
      return `${path.kind} ${path.role.name} ${scope} ${names}: ${who}`;
    });

describe('tierEditors: policy grant paths (B.8 Q1/Q3)', () => {
  it('lists each path with scope, names and who passes all three checks through it', () => {
    expect(describePaths(engineFor(objects).tierEditors('t1'))).toEqual([
      'networkpolicies cluster-admin cluster all: root[create,update,patch,delete,deletecollection]',
      'networkpolicies p1-editor cluster p1: bob[update,delete]',
      'networkpolicies t1-admin cluster all: alice[create,update,patch,delete,deletecollection]',
      'networkpolicies t1-admin ns1 all: ops[create,update,patch,delete,deletecollection]',
      'globalnetworkpolicies cluster-admin cluster all: root[create,update,patch,delete,deletecollection]',
      'globalnetworkpolicies t1-admin cluster all: alice[create,update,patch,delete,deletecollection]',
      'stagednetworkpolicies cluster-admin cluster all: root[create,update,patch,delete,deletecollection]',
      'stagedglobalnetworkpolicies cluster-admin cluster all: root[create,update,patch,delete,deletecollection]',
    ]);
  });

  it('in webhook mode a named grant covers create, and update covers patch', () => {
    const paths = describePaths(engineFor(objects, { mode: 'webhook' }).tierEditors('t1'));
    expect(paths).toContain(
      'networkpolicies p1-editor cluster p1: bob[create,update,patch,delete,deletecollection]',
    );
  });

  it('gathers RoleBindings into one path and says where each subject passes', () => {
    // devs get t1-admin through a RoleBinding only, so they cannot GET the tier (C.1).
    const answer = engineFor([
      ...objects,
      roleBinding('ns3', 'devs', { kind: 'ClusterRole', name: 't1-admin' }, [group('devs')]),
    ]).tierEditors('t1');
    const path = answer.policies.find(
      (p) => p.kind === 'networkpolicies' && p.role.name === 't1-admin' && p.scope !== 'cluster',
    );
    expect(path?.scope).toEqual({ namespaces: ['ns1', 'ns3'] });
    expect(path?.bindings.map((b) => `${b.binding.namespace}/${b.binding.name}`)).toEqual([
      'ns1/ops',
      'ns3/devs',
    ]);
    expect(path?.definite.map((d) => [d.subject.name, d.namespaces])).toEqual([['ops', ['ns1']]]);
    expect(answer.tierGetters.map((s) => s.name)).toEqual(['ops', 'alice', 'bob', 'root']);
  });

  it('lists no path for a tier the rules do not name', () => {
    const answer = engineFor(objects).tierEditors('t2');
    expect(answer.policies.map((p) => p.role.name)).not.toContain('t1-admin');
  });

  it('lists users observed in a group of the path', () => {
    const answer = engineFor(objects, { memberships: [observed('olga', 'ops')] }).tierEditors('t1');
    const ns1 = answer.policies.find(
      (path) => path.scope !== 'cluster' && path.kind === 'networkpolicies',
    );
    expect(ns1?.observed.map((o) => [o.description, o.namespaces])).toEqual([
      ['User olga (observed in ops)', ['ns1']],
    ]);
  });
});

describe('tierEditors: the tier object (B.8 Q2) and protected tiers', () => {
  it.each([
    [
      't1',
      [
        'carol update,patch,delete → update,patch,delete',
        'root update,patch,delete → update,patch,delete',
      ],
    ],
    ['default', ['carol update,patch,delete → (none)', 'root update,patch,delete → (none)']],
  ])('tier %s', (name, expected) => {
    const answer = engineFor(objects).tierEditors(name);
    expect(
      answer.tierObject.map(
        (e) => `${e.subject.name} ${e.verbs.join(',')} → ${e.effectiveVerbs.join(',') || '(none)'}`,
      ),
    ).toEqual(expected);
  });
});

describe('tierEditors: non-tiered editors of the default tier', () => {
  it.each([
    [
      'default',
      [
        'networkpolicies.networking.k8s.io create,update ns2: lee',
        'networkpolicies.networking.k8s.io create,update,patch,delete,deletecollection cluster: root',
      ],
    ],
    ['t1', []],
  ])('tier %s', (name, expected) => {
    const answer = engineFor(objects).tierEditors(name);
    expect(
      (answer.nonTiered ?? [])
        .map(
          (p) =>
            `${p.resource} ${p.verbs.join(',')} ${p.scope === 'cluster' ? 'cluster' : p.scope.namespaces.join(',')}: ${p.subjects.map((s) => s.name).join(',')}`,
        )
        .filter((line) => !line.startsWith('stagedkubernetes')),
    ).toEqual(expected.length > 0 ? expect.arrayContaining(expected) : []);
  });
});

describe('tierEditors: indirect paths (A.6, A.7, B.8)', () => {
  const indirect = (mode: 'apiserver' | 'webhook') =>
    engineFor(objects, { mode })
      .tierEditors('t1')
      .indirect.map((e) => `${e.path} ${e.subject.name}`);

  it.each([
    ['escalate on clusterroles', 'escalate dave', true],
    ['bind on a role that grants the tier', 'bind erin', true],
    ['bind on an unrelated role', 'bind frank', false],
    ['write access to RoleBindings', 'rbac-write gina', true],
    ['impersonating an editor', 'impersonate harry', true],
    ['impersonating a non-editor', 'impersonate ivan', false],
    ['writing the backing CRDs', 'crd-write jane', true],
    ['membership of system:masters', 'system:masters system:masters', true],
    ['a full editor is not repeated', 'escalate root', false],
  ])('apiserver mode: %s', (_name, entry, listed) => {
    expect(indirect('apiserver').includes(entry)).toBe(listed);
  });

  it.each([
    ['writing the webhook configuration', 'webhook-write kim', true],
    ['CRD writes are the normal path, not an indirect one', 'crd-write jane', false],
  ])('webhook mode: %s', (_name, entry, listed) => {
    expect(indirect('webhook').includes(entry)).toBe(listed);
  });
});

describe('tierEditors: caveats', () => {
  it.each([
    ['apiserver', [], /group membership unknown/],
    [
      'apiserver',
      [observed('olga', 'ops')],
      /observed in audit events \(2026-07-01T00:00:00Z – 2026-08-01T00:00:00Z\)/,
    ],
    [
      'apiserver',
      [],
      /deletecollection: on Calico ≤ v3\.32 it appears to be gated by the base check only/,
    ],
    ['webhook', [], /webhook mode: reads \(get\/list\/watch\) are not tier-checked/],
    ['apiserver', [], /aggregation is assumed converged/],
  ] as const)('%s mode, %j memberships: %s', (mode, memberships, caveat) => {
    const answer = engineFor(objects, { mode, memberships: [...memberships] }).tierEditors('t1');
    expect(answer.caveats.join('\n')).toMatch(caveat);
  });

  it('says a protected tier cannot be deleted or re-ordered', () => {
    expect(engineFor(objects).tierEditors('kube-admin').caveats.join('\n')).toMatch(
      /tier "kube-admin" is protected/,
    );
  });
});
