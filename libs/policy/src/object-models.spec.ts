import { describe, expect, it } from 'vitest';
import { objectKindOf, resolveObjectKind } from './object-kind';
import {
  edited,
  felixDefault,
  knownBadIps,
  netAdminsBinding,
  partnerNets,
  securityTier,
  tenantNamespace,
  tierDefaultReader,
  workerHostEndpoint,
} from './testing/synthetic-seed-objects';
import { toFelixModel } from './to-felix-model';
import { toHostEndpointModel } from './to-host-endpoint-model';
import { toNamespaceModel } from './to-namespace-model';
import { toNetworkSetModel } from './to-network-set-model';
import { toRoleBindingModel } from './to-role-binding-model';
import { toRoleModel } from './to-role-model';
import { toTierModel } from './to-tier-model';

describe('toTierModel', () => {
  it.each([
    ['the security tier', securityTier, { name: 'security', order: 100, defaultAction: 'Deny' }],
    [
      'a tier without defaultAction (Deny)',
      edited(securityTier, (t) => delete t.spec.defaultAction),
      { defaultAction: 'Deny' },
    ],
    [
      'a fail-open tier',
      edited(securityTier, (t) => (t.spec.defaultAction = 'Pass')),
      { defaultAction: 'Pass' },
    ],
    [
      'the default tier without order',
      { kind: 'Tier', metadata: { name: 'default' }, spec: {} },
      { order: 1_000_000 },
    ],
  ])('reads %s', (_name, object, expected) => {
    expect(toTierModel(object)).toMatchObject(expected);
  });

  it('leaves the order of another unordered tier absent (evaluated last)', () => {
    expect(toTierModel({ kind: 'Tier', metadata: { name: 'x' } }).order).toBeUndefined();
  });

  it('reads an unknown default action as Pass, the reading that hides no risk', () => {
    const model = toTierModel(edited(securityTier, (t) => (t.spec.defaultAction = 'Allow')));
    expect(model.defaultAction).toBe('Pass');
    expect(model.problems).toEqual(['spec.defaultAction: unknown "Allow", read as Pass']);
  });
});

describe('toNetworkSetModel', () => {
  it('reads a global set with labels', () => {
    expect(toNetworkSetModel(knownBadIps)).toMatchObject({
      kind: 'GlobalNetworkSet',
      name: 'known-bad-ips',
      nets: ['198.51.100.0/24', '203.0.113.0/24'],
      domains: [],
      labels: { 'threat-feed': 'malicious' },
      problems: [],
    });
  });

  it('reads a namespaced set and its egress domains', () => {
    const set = edited(
      partnerNets,
      (s) => (s.spec.allowedEgressDomains = ['*.partner.example', 'api.partner.example']),
    );
    expect(toNetworkSetModel(set)).toMatchObject({
      kind: 'NetworkSet',
      namespace: 'production',
      domains: ['*.partner.example', 'api.partner.example'],
    });
  });
});

describe('toHostEndpointModel', () => {
  it('reads a one-interface host endpoint', () => {
    expect(toHostEndpointModel(workerHostEndpoint)).toMatchObject({
      node: 'worker-1',
      interfaceName: 'eth0',
      allInterfaces: false,
      expectedIPs: ['192.168.1.21'],
    });
  });

  it('flags interfaceName "*" as all host traffic', () => {
    const model = toHostEndpointModel(
      edited(workerHostEndpoint, (h) => (h.spec.interfaceName = '*')),
    );
    expect(model.allInterfaces).toBe(true);
  });

  it('reports a missing node', () => {
    expect(
      toHostEndpointModel({ kind: 'HostEndpoint', metadata: { name: 'h' }, spec: {} }).problems,
    ).toEqual(['spec.node: missing']);
  });
});

describe('toFelixModel', () => {
  it('reads the tracked security fields', () => {
    expect(toFelixModel(felixDefault)).toMatchObject({
      name: 'default',
      wireguardEnabled: true,
      wireguardEnabledV6: false,
      bpfEnabled: false,
      defaultEndpointToHostAction: 'Drop',
    });
  });

  it('reads failsafe ports, and leaves them absent to mean Calico defaults', () => {
    const felix = edited(
      felixDefault,
      (f) =>
        (f.spec.failsafeInboundHostPorts = [
          { protocol: 'TCP', port: 22 },
          { protocol: 'udp', port: 68, net: '10.0.0.0/8' },
        ]),
    );
    expect(toFelixModel(felix).failsafeInboundHostPorts).toEqual(['tcp:22', 'udp:68@10.0.0.0/8']);
    expect(toFelixModel(felixDefault).failsafeInboundHostPorts).toBeUndefined();
  });
});

describe('RBAC and namespace models', () => {
  it('reads ClusterRole rules with sorted lists', () => {
    const model = toRoleModel(tierDefaultReader);
    expect(model.kind).toBe('ClusterRole');
    expect(model.rules[1]).toEqual({
      verbs: ['get', 'list'],
      apiGroups: ['projectcalico.org'],
      resources: ['tier.networkpolicies'],
      resourceNames: ['default.*'],
      nonResourceURLs: [],
      path: '/rules/1',
      position: 2,
    });
  });

  it('reads aggregation labels as targets', () => {
    const role = edited(
      tierDefaultReader,
      (r) => (r.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
    );
    expect(toRoleModel(role).aggregationTargets).toEqual(['view']);
  });

  it('reads a binding', () => {
    expect(toRoleBindingModel(netAdminsBinding)).toMatchObject({
      kind: 'ClusterRoleBinding',
      roleRef: { kind: 'ClusterRole', name: 'tier-default-reader' },
      subjects: [{ kind: 'Group', name: 'net-admins' }],
    });
  });

  it('reads namespace labels', () => {
    expect(toNamespaceModel(tenantNamespace).labels).toEqual({
      tenant: 'true',
      'kubernetes.io/metadata.name': 'team-a',
    });
  });
});

describe('object kinds', () => {
  it.each([
    [{ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy' }, 'NetworkPolicy'],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }, 'KubernetesNetworkPolicy'],
    [
      { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy' },
      'GlobalNetworkPolicy',
    ],
    [{ apiVersion: 'v1', kind: 'Namespace' }, 'Namespace'],
    [{ kind: 'ClusterRoleBinding' }, 'ClusterRoleBinding'],
    [{ kind: 'Pod' }, undefined],
    [{}, undefined],
  ])('%j is %s', (object, expected) => {
    expect(objectKindOf(object)).toBe(expected);
  });

  it.each([
    ['globalnetworkpolicies', undefined, 'GlobalNetworkPolicy'],
    ['KubernetesNetworkPolicy', undefined, 'KubernetesNetworkPolicy'],
    [
      'networkpolicies',
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
      'KubernetesNetworkPolicy',
    ],
    ['NetworkPolicy', { kind: 'NetworkPolicy', spec: { selector: 'all()' } }, 'NetworkPolicy'],
    ['tier', undefined, 'Tier'],
    [undefined, { apiVersion: 'projectcalico.org/v3', kind: 'HostEndpoint' }, 'HostEndpoint'],
    ['widgets', undefined, undefined],
  ])('resolves hint %s with %j to %s', (hint, object, expected) => {
    expect(resolveObjectKind(hint, object)).toBe(expected);
  });
});
