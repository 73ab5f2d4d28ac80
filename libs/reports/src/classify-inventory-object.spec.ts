import { describe, expect, it } from 'vitest';
import { classifyInventoryObject } from './classify-inventory-object';
import type { InventoryObject } from './report-model';

const object = (apiGroup: string, resource: string): InventoryObject => ({
  cluster: 'synthetic-prod',
  apiGroup,
  resource,
  kind: 'Whatever',
  name: 'x',
  object: null,
  version: 1,
  since: '2026-03-01T00:00:00Z',
  stateKnown: false,
  positions: [],
});

describe('classifyInventoryObject', () => {
  it.each([
    ['projectcalico.org', 'tiers.projectcalico.org', 'tier', 'Tier', false],
    ['projectcalico.org', 'networkpolicies', 'policy', 'NetworkPolicy', false],
    [
      'crd.projectcalico.org',
      'globalnetworkpolicies.crd.projectcalico.org',
      'policy',
      'GlobalNetworkPolicy',
      true,
    ],
    [
      'projectcalico.org',
      'stagedkubernetesnetworkpolicies.projectcalico.org',
      'policy',
      'StagedKubernetesNetworkPolicy',
      false,
    ],
    [
      'networking.k8s.io',
      'networkpolicies.networking.k8s.io',
      'policy',
      'KubernetesNetworkPolicy',
      false,
    ],
    [
      'projectcalico.org',
      'globalnetworksets.projectcalico.org',
      'network-set',
      'GlobalNetworkSet',
      false,
    ],
    [
      'projectcalico.org',
      'hostendpoints.projectcalico.org',
      'host-endpoint',
      'HostEndpoint',
      false,
    ],
    [
      'projectcalico.org',
      'felixconfigurations.projectcalico.org',
      'felix-configuration',
      'FelixConfiguration',
      false,
    ],
    [
      'rbac.authorization.k8s.io',
      'clusterrolebindings.rbac.authorization.k8s.io',
      'role-binding',
      'ClusterRoleBinding',
      false,
    ],
    ['rbac.authorization.k8s.io', 'roles', 'role', 'Role', false],
    ['', 'namespaces', 'namespace', 'Namespace', false],
  ])('%s %s is a %s', (apiGroup, resource, family, kindHint, calicoCrd) => {
    expect(classifyInventoryObject(object(apiGroup, resource))).toEqual({
      family,
      kindHint,
      calicoCrd,
    });
  });

  it.each([
    ['', 'pods'],
    ['projectcalico.org', 'globalreports.projectcalico.org'],
    ['apps', 'deployments.apps'],
  ])('leaves %s %s alone', (apiGroup, resource) => {
    expect(classifyInventoryObject(object(apiGroup, resource))).toBeUndefined();
  });
});
