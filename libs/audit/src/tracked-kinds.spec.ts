import { describe, expect, it } from 'vitest';
import { TRACKED_KINDS, trackedKindOf } from './tracked-kinds';

describe('trackedKindOf', () => {
  it.each([
    ['projectcalico.org', 'tiers', 'Tier', false, 'calico-tier', false],
    ['projectcalico.org', 'networkpolicies', 'NetworkPolicy', true, 'calico-policy', false],
    [
      'projectcalico.org',
      'globalnetworkpolicies',
      'GlobalNetworkPolicy',
      false,
      'calico-policy',
      false,
    ],
    [
      'projectcalico.org',
      'stagedkubernetesnetworkpolicies',
      'StagedKubernetesNetworkPolicy',
      true,
      'calico-staged-policy',
      false,
    ],
    [
      'projectcalico.org',
      'felixconfigurations',
      'FelixConfiguration',
      false,
      'calico-felix-configuration',
      false,
    ],
    [
      'crd.projectcalico.org',
      'globalnetworksets',
      'GlobalNetworkSet',
      false,
      'calico-network-set',
      true,
    ],
    ['crd.projectcalico.org', 'hostendpoints', 'HostEndpoint', false, 'calico-host-endpoint', true],
    ['networking.k8s.io', 'networkpolicies', 'NetworkPolicy', true, 'k8s-network-policy', false],
    ['rbac.authorization.k8s.io', 'roles', 'Role', true, 'rbac-role', false],
    ['rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false, 'rbac-role', false],
    ['rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding', true, 'rbac-binding', false],
    [
      'rbac.authorization.k8s.io',
      'clusterrolebindings',
      'ClusterRoleBinding',
      false,
      'rbac-binding',
      false,
    ],
    ['', 'namespaces', 'Namespace', false, 'namespace', false],
  ])('%s %s is a tracked %s', (apiGroup, resource, kind, namespaced, family, directCrd) => {
    expect(trackedKindOf(apiGroup, resource)).toEqual({
      apiGroup,
      resource,
      kind,
      namespaced,
      family,
      directCrd,
    });
  });

  it.each([
    ['core pods', '', 'pods'],
    ['namespaces outside the core group', 'projectcalico.org', 'namespaces'],
    ['legacy extensions networkpolicies', 'extensions', 'networkpolicies'],
    ['a Calico resource we do not track', 'projectcalico.org', 'globalreports'],
    ['a resource name in the wrong case', 'projectcalico.org', 'Tiers'],
    ['a group and resource run together', 'k8s.io', 'networkpolicies.networking'],
    ['an inherited property name', '', 'constructor'],
  ])('%s is not tracked', (_name, apiGroup, resource) => {
    expect(trackedKindOf(apiGroup, resource)).toBeUndefined();
  });

  it('lists the ten Calico kinds under both Calico groups, and six Kubernetes kinds', () => {
    expect(TRACKED_KINDS).toHaveLength(26);
    const keys = TRACKED_KINDS.map((kind) => `${kind.apiGroup}/${kind.resource}`);
    expect(new Set(keys).size).toBe(TRACKED_KINDS.length);
    const calico = TRACKED_KINDS.filter((kind) => kind.apiGroup === 'projectcalico.org');
    const crd = TRACKED_KINDS.filter((kind) => kind.apiGroup === 'crd.projectcalico.org');
    expect(crd.map(({ resource, kind }) => [resource, kind])).toEqual(
      calico.map(({ resource, kind }) => [resource, kind]),
    );
    expect(
      TRACKED_KINDS.every((kind) => kind.directCrd === (kind.apiGroup === 'crd.projectcalico.org')),
    ).toBe(true);
  });
});
