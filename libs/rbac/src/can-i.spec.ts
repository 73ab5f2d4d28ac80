import { describe, expect, it } from 'vitest';
import type { CanIQuery } from './can-i';
import type { RbacMode } from './plan-decision';
import { engineFor } from './testing/engine-for';
import {
  calico,
  clusterRole,
  clusterRoleBinding,
  group,
  passthrough,
  role,
  roleBinding,
  rule,
  serviceAccount,
  tier,
  user,
} from './testing/synthetic-rbac-objects';

const NP = 'networkpolicies.projectcalico.org';
const GNP = 'globalnetworkpolicies.projectcalico.org';
const tiers = [tier('t1'), tier('t2')];
const base = [...passthrough(), ...tiers];
/** A ClusterRole with GET on the tier and `verbs` on the pseudo-resource for `names`, bound to alice. */
function tierRole(
  name: string,
  { get = ['t1'], verbs = ['*'], kinds = ['tier.networkpolicies'], names = ['t1.*'] } = {},
) {
  const rules = [calico(verbs, kinds, names.length > 0 ? names : undefined)];
  if (get.length > 0) rules.unshift(calico(['get'], ['tiers'], get));
  return clusterRole(name, rules);
}
const aliceCluster = (roleName: string) =>
  clusterRoleBinding(`alice-${roleName}`, roleName, [user('alice')]);
const aliceIn = (
  namespace: string,
  roleName: string,
  kind: 'Role' | 'ClusterRole' = 'ClusterRole',
) => roleBinding(namespace, `alice-${roleName}`, { kind, name: roleName }, [user('alice')]);
const getTierVia = (binding: 'cluster' | 'namespace') => [
  clusterRole('get-t1', [calico(['get'], ['tiers'], ['t1'])]),
  binding === 'cluster' ? aliceCluster('get-t1') : aliceIn('ns1', 'get-t1'),
];
const q = (query: Partial<CanIQuery>): CanIQuery => ({
  user: 'alice',
  verb: 'update',
  resource: NP,
  tier: 't1',
  namespace: 'ns1',
  name: 'p1',
  ...query,
});

interface Case {
  objects: unknown[];
  query: CanIQuery;
  allowed: boolean;
  denial?: RegExp;
  mode?: RbacMode;
}

const cases: Record<string, Case> = {
  // A.3 / A.9 fact 1
  'RoleBinding → ClusterRole grants in its namespace': {
    objects: [
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      roleBinding('ns1', 'admins', { kind: 'ClusterRole', name: 'all' }, [
        user('admin'),
        group('admins'),
      ]),
    ],
    query: q({ user: 'admin', verb: 'watch', resource: 'pods', tier: undefined, name: undefined }),
    allowed: true,
  },
  'RoleBinding → ClusterRole grants a member of the bound group': {
    objects: [
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      roleBinding('ns1', 'admins', { kind: 'ClusterRole', name: 'all' }, [group('admins')]),
    ],
    query: q({ user: 'carol', groups: ['admins'], verb: 'get', resource: 'pods', tier: undefined }),
    allowed: true,
  },
  'RoleBinding → ClusterRole grants nothing in another namespace': {
    objects: [
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      roleBinding('ns1', 'admins', { kind: 'ClusterRole', name: 'all' }, [user('admin')]),
    ],
    query: q({ user: 'admin', verb: 'get', resource: 'pods', namespace: 'ns2', tier: undefined }),
    allowed: false,
    denial: /User "admin" cannot get resource "pods" in API group "" in the namespace "ns2"/,
  },
  'RoleBinding → ClusterRole grants nothing at cluster scope': {
    objects: [
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      roleBinding('ns1', 'admins', { kind: 'ClusterRole', name: 'all' }, [user('admin')]),
    ],
    query: q({
      user: 'admin',
      verb: 'get',
      resource: 'nodes',
      namespace: undefined,
      tier: undefined,
    }),
    allowed: false,
    denial: /at the cluster scope/,
  },
  'GET (upper case) in another namespace is denied': {
    objects: [
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      roleBinding('ns1', 'admins', { kind: 'ClusterRole', name: 'all' }, [user('admin')]),
    ],
    query: q({
      user: 'admin',
      groups: ['admins'],
      verb: 'GET',
      resource: 'pods',
      namespace: 'ns2',
      tier: undefined,
    }),
    allowed: false,
  },
  'an explicit "get" verb does not match "GET"': {
    objects: [clusterRole('reader', [rule(['get'], [''], ['pods'])]), aliceIn('ns1', 'reader')],
    query: q({ verb: 'GET', resource: 'pods', tier: undefined }),
    allowed: false,
  },
  // B.5 / C.1–C.2
  'tier admin bound cluster-wide can update a policy': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({}),
    allowed: true,
  },
  'tier GET through a RoleBinding does not count': {
    objects: [
      ...base,
      tierRole('t1-np', { get: [] }),
      aliceCluster('t1-np'),
      ...getTierVia('namespace'),
    ],
    query: q({}),
    allowed: false,
    denial:
      /^User "alice" cannot update networkpolicies\.projectcalico\.org in tier "t1" and namespace "ns1" \(user cannot get tier\)$/,
  },
  'tier GET through a namespaced Role does not count': {
    objects: [
      ...base,
      tierRole('t1-np', { get: [] }),
      aliceCluster('t1-np'),
      role('ns1', 'get-tiers', [calico(['get'], ['tiers'])]),
      aliceIn('ns1', 'get-tiers', 'Role'),
    ],
    query: q({}),
    allowed: false,
    denial: /\(user cannot get tier\)$/,
  },
  'tier verb through a RoleBinding counts in its namespace': {
    objects: [
      ...base,
      tierRole('t1-np', { get: [] }),
      aliceIn('ns1', 't1-np'),
      ...getTierVia('cluster'),
    ],
    query: q({}),
    allowed: true,
  },
  'tier verb through a RoleBinding is useless for global policies': {
    objects: [
      ...base,
      tierRole('t1-gnp', { get: [], kinds: ['tier.globalnetworkpolicies'] }),
      aliceIn('ns1', 't1-gnp'),
      ...getTierVia('cluster'),
    ],
    query: q({ resource: GNP }),
    allowed: false,
    denial: /cannot update globalnetworkpolicies\.projectcalico\.org in tier "t1"$/,
  },
  'tier verb through a RoleBinding is useless without a namespace': {
    objects: [
      ...base,
      tierRole('t1-np', { get: [] }),
      aliceIn('ns1', 't1-np'),
      ...getTierVia('cluster'),
    ],
    query: q({ verb: 'list', name: undefined, namespace: undefined }),
    allowed: false,
  },
  'base alone (the passthrough) grants nothing': {
    objects: [...base],
    query: q({}),
    allowed: false,
    denial: /\(user cannot get tier\)$/,
  },
  'tier rights without the base check are denied': {
    objects: [...tiers, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({}),
    allowed: false,
    denial:
      /^networkpolicies\.projectcalico\.org "p1" is forbidden: User "alice" cannot update resource "networkpolicies" in API group "projectcalico\.org" in the namespace "ns1"$/,
  },
  'tier GET but no tier verb: denied without the get-tier suffix': {
    objects: [...base, ...getTierVia('cluster')],
    query: q({}),
    allowed: false,
    denial: /in tier "t1" and namespace "ns1"$/,
  },
  // B.10 authorizer_test.go
  'no tier GET, per-name and wildcard allowed: create forbidden': {
    objects: [
      ...base,
      tierRole('both', { get: [], verbs: ['create', 'delete', 'get', 'list'], names: [] }),
      aliceCluster('both'),
    ],
    query: q({ verb: 'create', name: undefined }),
    allowed: false,
    denial: /\(user cannot get tier\)$/,
  },
  'no tier GET, per-name and wildcard allowed: list forbidden': {
    objects: [
      ...base,
      tierRole('both', { get: [], verbs: ['create', 'delete', 'get', 'list'], names: [] }),
      aliceCluster('both'),
    ],
    query: q({ verb: 'list', name: undefined }),
    allowed: false,
    denial: /\(user cannot get tier\)$/,
  },
  'tier GET plus <tier>.* only: create allowed': {
    objects: [
      ...base,
      tierRole('wild', { verbs: ['create', 'delete', 'list'] }),
      aliceCluster('wild'),
    ],
    query: q({ verb: 'create', name: undefined }),
    allowed: true,
  },
  'tier GET plus <tier>.* only: delete allowed': {
    objects: [
      ...base,
      tierRole('wild', { verbs: ['create', 'delete', 'list'] }),
      aliceCluster('wild'),
    ],
    query: q({ verb: 'delete' }),
    allowed: true,
  },
  'tier GET plus <tier>.* only: list allowed': {
    objects: [
      ...base,
      tierRole('wild', { verbs: ['create', 'delete', 'list'] }),
      aliceCluster('wild'),
    ],
    query: q({ verb: 'list', name: undefined }),
    allowed: true,
  },
  'tier GET plus an unrestricted per-name rule: create allowed': {
    objects: [
      ...base,
      tierRole('free', { verbs: ['create', 'get', 'list'], names: [] }),
      aliceCluster('free'),
    ],
    query: q({ verb: 'create', name: undefined }),
    allowed: true,
  },
  // C.4 / B.7: create and resourceNames
  'create with a named grant is denied (the API server sends no name)': {
    objects: [
      ...base,
      tierRole('named', { verbs: ['create'], names: ['p1'] }),
      aliceCluster('named'),
    ],
    query: q({ verb: 'create' }),
    allowed: false,
  },
  'create with a named grant is allowed in webhook mode (the object carries its name)': {
    objects: [
      ...base,
      tierRole('named', { verbs: ['create'], names: ['p1'] }),
      aliceCluster('named'),
    ],
    query: q({ verb: 'create' }),
    mode: 'webhook',
    allowed: true,
  },
  // C.6 literals
  '"*" in resourceNames is a literal': {
    objects: [...base, tierRole('star', { names: ['*'] }), aliceCluster('star')],
    query: q({}),
    allowed: false,
  },
  '"tier.*" in resources is a literal': {
    objects: [...base, tierRole('tierstar', { kinds: ['tier.*'] }), aliceCluster('tierstar')],
    query: q({}),
    allowed: false,
  },
  '"*" in resources covers the pseudo-resources': {
    objects: [...base, tierRole('any', { kinds: ['*'] }), aliceCluster('any')],
    query: q({}),
    allowed: true,
  },
  "another tier's wildcard does not cover this tier": {
    objects: [
      ...base,
      tierRole('t2-admin', { get: ['t1', 't2'], names: ['t2.*'] }),
      aliceCluster('t2-admin'),
    ],
    query: q({}),
    allowed: false,
  },
  // B.4 / C.16 names
  'a grant on p1 covers p1': {
    objects: [...base, tierRole('p1', { verbs: ['update'], names: ['p1'] }), aliceCluster('p1')],
    query: q({ name: 'p1' }),
    allowed: true,
  },
  'a grant on p1 does not cover t1.p1': {
    objects: [...base, tierRole('p1', { verbs: ['update'], names: ['p1'] }), aliceCluster('p1')],
    query: q({ name: 't1.p1' }),
    allowed: false,
  },
  'a grant on t1.p1 does not cover p1': {
    objects: [
      ...base,
      tierRole('t1p1', { verbs: ['update'], names: ['t1.p1'] }),
      aliceCluster('t1p1'),
    ],
    query: q({ name: 'p1' }),
    allowed: false,
  },
  'a named grant never authorizes list': {
    objects: [...base, tierRole('p1', { verbs: ['list'], names: ['p1'] }), aliceCluster('p1')],
    query: q({ verb: 'list', name: undefined }),
    allowed: false,
  },
  'a named grant never authorizes deletecollection': {
    objects: [
      ...base,
      tierRole('p1', { verbs: ['deletecollection'], names: ['p1'] }),
      aliceCluster('p1'),
    ],
    query: q({ verb: 'deletecollection', name: undefined }),
    allowed: false,
  },
  // C.9 rules one at a time
  'a verb from one rule and a name from another do not combine': {
    objects: [
      ...base,
      clusterRole('split', [
        calico(['get'], ['tiers'], ['t1']),
        calico(['update'], ['tier.networkpolicies'], ['p2']),
        calico(['get'], ['tier.networkpolicies'], ['p1']),
      ]),
      aliceCluster('split'),
    ],
    query: q({}),
    allowed: false,
  },
  // C.21 / C.20 kinds
  'tier.networkpolicies does not cover staged network policies': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({ resource: 'stagednetworkpolicies.projectcalico.org' }),
    allowed: false,
  },
  'staged kinds have their own pseudo-resource': {
    objects: [
      ...base,
      tierRole('staged', { kinds: ['tier.stagednetworkpolicies'] }),
      aliceCluster('staged'),
    ],
    query: q({ resource: 'stagednetworkpolicies.projectcalico.org' }),
    allowed: true,
  },
  'staged Kubernetes network policies use plain RBAC (no tier check)': {
    objects: [
      clusterRole('sknp', [calico(['update'], ['stagedkubernetesnetworkpolicies'])]),
      aliceIn('ns1', 'sknp'),
    ],
    query: q({ resource: 'stagedkubernetesnetworkpolicies.projectcalico.org' }),
    allowed: true,
  },
  'Kubernetes network policies use plain RBAC (no tier check)': {
    objects: [
      clusterRole('knp', [rule(['update'], ['networking.k8s.io'], ['networkpolicies'])]),
      aliceIn('ns1', 'knp'),
    ],
    query: q({ resource: 'networkpolicies.networking.k8s.io' }),
    allowed: true,
  },
  // C.18 tier moves
  'moving a policy needs rights in the new tier too': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({ newTier: 't2' }),
    allowed: false,
    denial:
      /in tier "t2" and namespace "ns1" \(user cannot get tier\) \(moving the policy from tier "t1"\)$/,
  },
  'moving a policy with rights in both tiers': {
    objects: [
      ...base,
      tierRole('both', { get: ['t1', 't2'], names: ['t1.*', 't2.*'] }),
      aliceCluster('both'),
    ],
    query: q({ newTier: 't2' }),
    allowed: true,
  },
  'an update that keeps the tier does not check it twice': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({ newTier: 't1' }),
    allowed: true,
  },
  // B.7 webhook
  'webhook: patch needs update on tier.*, not patch': {
    objects: [...base, tierRole('patcher', { verbs: ['patch'] }), aliceCluster('patcher')],
    query: q({ verb: 'patch' }),
    mode: 'webhook',
    allowed: false,
    denial: /\(the webhook checks patch as update on tier\.networkpolicies\)$/,
  },
  'webhook: update on tier.* allows patch': {
    objects: [...base, tierRole('updater', { verbs: ['update'] }), aliceCluster('updater')],
    query: q({ verb: 'patch' }),
    mode: 'webhook',
    allowed: true,
  },
  'apiserver: patch on tier.* allows patch': {
    objects: [...base, tierRole('patcher', { verbs: ['patch'] }), aliceCluster('patcher')],
    query: q({ verb: 'patch' }),
    allowed: true,
  },
  'webhook: reads are not tier-checked': {
    objects: [...base],
    query: q({ verb: 'get' }),
    mode: 'webhook',
    allowed: true,
  },
  'webhook: reads still need the base grant': {
    objects: [...passthrough(['create', 'update', 'patch', 'delete']), ...tiers],
    query: q({ verb: 'list', name: undefined }),
    mode: 'webhook',
    allowed: false,
  },
  'webhook: create into a missing tier is refused': {
    objects: [...base, tierRole('t9', { get: ['t9'], names: ['t9.*'] }), aliceCluster('t9')],
    query: q({ verb: 'create', tier: 't9', name: undefined }),
    mode: 'webhook',
    allowed: false,
    denial: /^tier "t9" does not exist/,
  },
  'webhook: deletecollection is a delete per object': {
    objects: [...base, tierRole('deleter', { verbs: ['delete'] }), aliceCluster('deleter')],
    query: q({ verb: 'deletecollection', name: undefined }),
    mode: 'webhook',
    allowed: true,
  },
  // B.5 list/watch
  'list with a tier selector naming an unauthorized tier is forbidden': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({ verb: 'list', tier: 't2', name: undefined }),
    allowed: false,
  },
  'an unselected list is allowed when one tier passes': {
    objects: [...base, tierRole('t1-admin'), aliceCluster('t1-admin')],
    query: q({ verb: 'list', tier: undefined, name: undefined }),
    allowed: true,
  },
  'an unselected list fails when no tier passes': {
    objects: [...base],
    query: q({ verb: 'watch', tier: undefined, name: undefined }),
    allowed: false,
    denial:
      /cannot watch networkpolicies\.projectcalico\.org in any tier namespace "ns1" \(user cannot get tier\)$/,
  },
  // C.17 default tier
  'no tier means the default tier and its default.* wildcard': {
    objects: [
      ...base,
      tierRole('default-admin', { get: ['default'], names: ['default.*'] }),
      aliceCluster('default-admin'),
    ],
    query: q({ tier: undefined }),
    allowed: true,
  },
  // A.3 ServiceAccounts, C.11
  'a RoleBinding ServiceAccount subject defaults to the binding namespace': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      roleBinding('ns1', 'sa', { kind: 'ClusterRole', name: 'reader' }, [serviceAccount('robot')]),
    ],
    query: q({
      user: 'system:serviceaccount:ns1:robot',
      verb: 'get',
      resource: 'pods',
      tier: undefined,
    }),
    allowed: true,
  },
  'a service account of another namespace does not match': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      roleBinding('ns1', 'sa', { kind: 'ClusterRole', name: 'reader' }, [serviceAccount('robot')]),
    ],
    query: q({
      user: 'system:serviceaccount:ns2:robot',
      verb: 'get',
      resource: 'pods',
      tier: undefined,
    }),
    allowed: false,
  },
  'system:serviceaccounts grants every service account': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('sas', 'reader', [group('system:serviceaccounts')]),
    ],
    query: q({
      user: 'system:serviceaccount:ns2:robot',
      verb: 'get',
      resource: 'pods',
      tier: undefined,
    }),
    allowed: true,
  },
  'system:serviceaccounts:ns1 does not grant service accounts of ns2': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('sas', 'reader', [group('system:serviceaccounts:ns1')]),
    ],
    query: q({
      user: 'system:serviceaccount:ns2:robot',
      verb: 'get',
      resource: 'pods',
      tier: undefined,
    }),
    allowed: false,
  },
  'a User subject with the service-account user name matches': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('u', 'reader', [user('system:serviceaccount:ns1:robot')]),
    ],
    query: q({
      user: 'system:serviceaccount:ns1:robot',
      verb: 'get',
      resource: 'pods',
      tier: undefined,
    }),
    allowed: true,
  },
  'user names are case-sensitive': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('u', 'reader', [user('Alice')]),
    ],
    query: q({ verb: 'get', resource: 'pods', tier: undefined }),
    allowed: false,
  },
  // C.12
  'a grant to system:authenticated reaches every user': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('all', 'reader', [group('system:authenticated')]),
    ],
    query: q({ user: 'someone-new', verb: 'get', resource: 'pods', tier: undefined }),
    allowed: true,
  },
  'a grant to system:authenticated does not reach the anonymous user': {
    objects: [
      clusterRole('reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('all', 'reader', [group('system:authenticated')]),
    ],
    query: q({ user: 'system:anonymous', verb: 'get', resource: 'pods', tier: undefined }),
    allowed: false,
  },
  // C.23 dangling and invalid references
  'a binding to a missing role grants nothing': {
    objects: [...base, aliceCluster('not-there')],
    query: q({}),
    allowed: false,
  },
  'a ClusterRoleBinding to a Role grants nothing': {
    objects: [
      role('ns1', 'reader', [rule(['get'], [''], ['pods'])]),
      clusterRoleBinding('crb', { kind: 'Role', name: 'reader' }, [user('alice')]),
    ],
    query: q({ verb: 'get', resource: 'pods', tier: undefined }),
    allowed: false,
  },
  'a RoleBinding reaches only the Role of its own namespace': {
    objects: [
      role('ns2', 'reader', [rule(['get'], [''], ['pods'])]),
      aliceIn('ns1', 'reader', 'Role'),
    ],
    query: q({ verb: 'get', resource: 'pods', tier: undefined }),
    allowed: false,
  },
  // A.1 names per verb
  'list with a name (a metadata.name field selector) matches a named rule': {
    objects: [
      clusterRole('one-pod', [rule(['list'], [''], ['pods'], ['web'])]),
      aliceIn('ns1', 'one-pod'),
    ],
    query: q({ verb: 'list', resource: 'pods', tier: undefined, name: 'web' }),
    allowed: true,
  },
  'create carries no name, so a named rule never allows it': {
    objects: [
      clusterRole('one-pod', [rule(['create'], [''], ['pods'], ['web'])]),
      aliceIn('ns1', 'one-pod'),
    ],
    query: q({ verb: 'create', resource: 'pods', tier: undefined, name: 'web' }),
    allowed: false,
  },
  // subresources
  '"*/status" covers a status subresource': {
    objects: [
      clusterRole('status', [rule(['update'], [''], ['*/status'])]),
      aliceIn('ns1', 'status'),
    ],
    query: q({ resource: 'pods/status', tier: undefined }),
    allowed: true,
  },
  // A.8, C.13
  'system:masters is allowed outside RBAC': {
    objects: [...tiers],
    query: q({ groups: ['system:masters'] }),
    allowed: true,
  },
  // B.6, B.8 Q2
  'the tier object is ordinary RBAC at cluster scope': {
    objects: [
      clusterRole('tier-editor', [calico(['update'], ['tiers'], ['t1'])]),
      aliceCluster('tier-editor'),
    ],
    query: q({
      resource: 'tiers.projectcalico.org',
      namespace: undefined,
      tier: undefined,
      name: 't1',
    }),
    allowed: true,
  },
  'tier update rights do not cover its policies': {
    objects: [
      ...base,
      clusterRole('tier-editor', [calico(['get', 'update'], ['tiers'], ['t1'])]),
      aliceCluster('tier-editor'),
    ],
    query: q({}),
    allowed: false,
  },
  'creating a tier needs create without resourceNames': {
    objects: [
      clusterRole('tier-creator', [calico(['create'], ['tiers'], ['t3'])]),
      aliceCluster('tier-creator'),
    ],
    query: q({
      verb: 'create',
      resource: 'tiers.projectcalico.org',
      namespace: undefined,
      tier: undefined,
      name: 't3',
    }),
    allowed: false,
  },
  'a protected tier cannot be deleted, even by cluster-admin': {
    objects: [
      clusterRole('cluster-admin', [rule(['*'], ['*'], ['*'])]),
      aliceCluster('cluster-admin'),
    ],
    query: q({
      verb: 'delete',
      resource: 'tiers.projectcalico.org',
      namespace: undefined,
      tier: undefined,
      name: 'default',
    }),
    allowed: false,
    denial: /^tier "default" is protected/,
  },
  'a protected tier cannot be re-ordered, even by system:masters': {
    objects: [],
    query: q({
      groups: ['system:masters'],
      verb: 'patch',
      resource: 'tiers.projectcalico.org',
      namespace: undefined,
      tier: undefined,
      name: 'kube-admin',
    }),
    allowed: false,
  },
  // A.5 aggregation
  "an aggregated ClusterRole carries the selected roles' rules": {
    objects: [
      ...base,
      clusterRole('edit', [], {
        aggregate: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }],
      }),
      clusterRole(
        'calico-t1',
        [calico(['get'], ['tiers'], ['t1']), calico(['*'], ['tier.networkpolicies'], ['t1.*'])],
        {
          labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
        },
      ),
      aliceIn('ns1', 'edit'),
      ...getTierVia('cluster'),
    ],
    query: q({}),
    allowed: true,
  },
  'aggregation is transitive': {
    objects: [
      ...base,
      ...getTierVia('cluster'),
      clusterRole('top', [], { aggregate: [{ matchLabels: { layer: 'middle' } }] }),
      clusterRole('middle', [], {
        labels: { layer: 'middle' },
        aggregate: [{ matchLabels: { layer: 'leaf' } }],
      }),
      clusterRole('leaf', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])], {
        labels: { layer: 'leaf' },
      }),
      aliceCluster('top'),
    ],
    query: q({}),
    allowed: true,
  },
  'an aggregation cycle terminates and keeps the leaves': {
    objects: [
      ...base,
      ...getTierVia('cluster'),
      clusterRole('a', [], {
        labels: { ring: 'yes' },
        aggregate: [{ matchLabels: { ring: 'yes' } }],
      }),
      clusterRole('b', [], {
        labels: { ring: 'yes' },
        aggregate: [{ matchLabels: { ring: 'yes' } }, { matchLabels: { leaf: 'yes' } }],
      }),
      clusterRole('leaf', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])], {
        labels: { leaf: 'yes' },
      }),
      aliceCluster('a'),
    ],
    query: q({}),
    allowed: true,
  },
  'an empty selector list aggregates nothing (its own rules stay)': {
    objects: [
      ...base,
      ...getTierVia('cluster'),
      clusterRole('own', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])], {
        aggregate: [],
      }),
      clusterRole('other', [calico(['delete'], ['tier.networkpolicies'], ['t1.*'])]),
      aliceCluster('own'),
    ],
    query: q({ verb: 'delete' }),
    allowed: false,
  },
  "an aggregating role's own rules are replaced": {
    objects: [
      ...base,
      ...getTierVia('cluster'),
      clusterRole('agg', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])], {
        aggregate: [{ matchLabels: { none: 'x' } }],
      }),
      aliceCluster('agg'),
    ],
    query: q({}),
    allowed: false,
  },
  'an empty selector {} selects every ClusterRole': {
    objects: [
      ...base,
      ...getTierVia('cluster'),
      clusterRole('everything', [], { aggregate: [{}] }),
      clusterRole('updater', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])]),
      aliceCluster('everything'),
    ],
    query: q({}),
    allowed: true,
  },
  // e2e tiered_rbac.go
  'an admin of another tier is forbidden in this one': {
    objects: [
      ...base,
      tierRole('t2-admin', { get: ['t2'], names: ['t2.*'] }),
      aliceCluster('t2-admin'),
    ],
    query: q({}),
    allowed: false,
  },
  'a read-only user can get but not update': {
    objects: [
      ...base,
      tierRole('reader', { verbs: ['get', 'list', 'watch'] }),
      aliceCluster('reader'),
    ],
    query: q({ verb: 'get' }),
    allowed: true,
  },
  'a read-only user cannot update': {
    objects: [
      ...base,
      tierRole('reader', { verbs: ['get', 'list', 'watch'] }),
      aliceCluster('reader'),
    ],
    query: q({}),
    allowed: false,
  },
  'an exact-name user is denied get on another policy': {
    objects: [
      ...base,
      tierRole('exact', { verbs: ['update', 'delete', 'get'], names: ['p1'] }),
      aliceCluster('exact'),
    ],
    query: q({ verb: 'get', name: 'p2' }),
    allowed: false,
  },
};

describe('canI by outcome', () => {
  it.each(Object.entries(cases))('%s', (_name, { objects, query, allowed, denial, mode }) => {
    const answer = engineFor(objects, mode ? { mode } : {}).canI(query);
    expect(answer.allowed).toBe(allowed);
    if (denial) expect(answer.denial).toMatch(denial);
    if (allowed) expect(answer.denial).toBeUndefined();
  });
});

describe('canI explains why', () => {
  const engine = engineFor([...base, tierRole('t1-admin'), aliceCluster('t1-admin')]);

  it('names the chain behind every check that passed', () => {
    const answer = engine.canI(q({}));
    expect(
      answer.checks.base.via.map(
        (g) => `${g.subject.name} ← ${g.binding.name} → ${g.role.name}#${g.rule.index}`,
      ),
    ).toEqual([
      'system:authenticated ← calico-tiered-policy-passthrough → calico-tiered-policy-passthrough#0',
    ]);
    expect(answer.checks.tierGet?.via.map((g) => `${g.binding.name}#${g.rule.index}`)).toEqual([
      'alice-t1-admin#0',
    ]);
    expect(
      answer.checks.tierVerb?.via.map(
        (g) => `${g.binding.name}#${g.rule.index} ${g.rule.resourceNames}`,
      ),
    ).toEqual(['alice-t1-admin#1 t1.*']);
  });

  it('names the aggregated-from role in the chain', () => {
    const answer = engineFor([
      clusterRole('view', [], { aggregate: [{ matchLabels: { v: '1' } }] }),
      clusterRole('pod-reader', [rule(['get'], [''], ['pods'])], { labels: { v: '1' } }),
      aliceCluster('view'),
    ]).canI(q({ verb: 'get', resource: 'pods', tier: undefined }));
    expect(answer.via[0]?.role).toEqual({
      kind: 'ClusterRole',
      name: 'view',
      aggregatedFrom: 'pod-reader',
    });
  });

  it('reports the system:masters bypass as such', () => {
    const answer = engine.canI(q({ user: 'root', groups: ['system:masters'] }));
    expect(answer.bypass).toBe('system:masters');
    expect(answer.via).toEqual([]);
    expect(answer.checks.tierGet?.allowed).toBe(true);
  });

  it('lists the permitted tiers of an unselected list', () => {
    const answer = engineFor([
      ...base,
      tierRole('two', { get: ['t1', 't2'], verbs: ['list'], names: ['t1.*', 't2.*'] }),
      aliceCluster('two'),
    ]).canI(q({ verb: 'list', tier: undefined, name: undefined }));
    expect(answer.permittedTiers).toEqual(['t1', 't2']);
  });

  it('notes that webhook mode does not tier-check reads', () => {
    const answer = engineFor(base, { mode: 'webhook' }).canI(q({ verb: 'get' }));
    expect(answer.notes.join('\n')).toMatch(/reads are not tier-checked/);
    expect(answer.checks.tierGet).toBeUndefined();
  });
});
