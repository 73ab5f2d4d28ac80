import { describe, expect, it } from 'vitest';
import { diffObjects } from './diff-objects';
import type { ChangeType, Risk, SemanticChange } from './semantic-change';
import {
  edited,
  felixDefault,
  knownBadIps,
  partnerNets,
  securityTier,
  tenantNamespace,
  workerHostEndpoint,
} from './testing/synthetic-seed-objects';

type Case = [
  name: string,
  before: unknown,
  after: unknown,
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
];

function expectChange(
  changes: SemanticChange[],
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
) {
  const change = changes.find((candidate) => candidate.type === type);
  expect(change, `no ${type} in ${JSON.stringify(changes, null, 1)}`).toBeDefined();
  expect(change?.risk).toBe(risk);
  expect(change?.summary).toMatch(summary);
}

const felixWith = (spec: Record<string, unknown>) =>
  edited(felixDefault, (f) => Object.assign(f.spec, spec));

describe('diffObjects on tiers, Felix, network sets, host endpoints and namespaces', () => {
  it.each<Case>([
    [
      'a tier made fail-open',
      securityTier,
      edited(securityTier, (t) => (t.spec.defaultAction = 'Pass')),
      'tier-default-action-changed',
      'high',
      'Tier security default action changed Deny → Pass (fail-open)',
    ],
    [
      'a tier closed again',
      edited(securityTier, (t) => (t.spec.defaultAction = 'Pass')),
      securityTier,
      'tier-default-action-changed',
      'low',
      'Tier security default action changed Pass → Deny',
    ],
    [
      'a tier reordered',
      securityTier,
      edited(securityTier, (t) => (t.spec.order = 300)),
      'tier-order-changed',
      'medium',
      'Tier security order changed 100 → 300',
    ],
    [
      'a tier created',
      undefined,
      securityTier,
      'tier-created',
      'low',
      'Tier security created (order 100, default action Deny)',
    ],
    [
      'a tier deleted',
      securityTier,
      undefined,
      'tier-deleted',
      'medium',
      'Tier security deleted (order 100, default action Deny)',
    ],
    [
      'WireGuard turned off',
      felixDefault,
      felixWith({ wireguardEnabled: false }),
      'wireguard-disabled',
      'high',
      'WireGuard (IPv4) disabled in FelixConfiguration default: node-to-node pod traffic is no longer encrypted',
    ],
    [
      'WireGuard dropped by removing the field',
      felixDefault,
      edited(felixDefault, (f) => delete f.spec.wireguardEnabled),
      'wireguard-disabled',
      'high',
      /IPv4/,
    ],
    [
      'WireGuard IPv6 turned on',
      felixDefault,
      felixWith({ wireguardEnabledV6: true }),
      'wireguard-enabled',
      'low',
      /WireGuard \(IPv6\) enabled/,
    ],
    [
      'the FelixConfiguration deleted (back to defaults)',
      felixDefault,
      undefined,
      'wireguard-disabled',
      'high',
      /disabled/,
    ],
    [
      'eBPF turned on',
      felixDefault,
      felixWith({ bpfEnabled: true }),
      'bpf-toggled',
      'medium',
      'eBPF data plane enabled in FelixConfiguration default',
    ],
    [
      'endpoint-to-host traffic accepted',
      felixDefault,
      felixWith({ defaultEndpointToHostAction: 'Accept' }),
      'felix-setting-changed',
      'high',
      'Default endpoint-to-host action changed Drop → Accept',
    ],
    [
      'failsafe ports set explicitly',
      felixDefault,
      felixWith({
        failsafeInboundHostPorts: [
          { protocol: 'TCP', port: 22 },
          { protocol: 'TCP', port: 10250 },
        ],
      }),
      'felix-setting-changed',
      'medium',
      "Failsafe inbound host ports now tcp:10250, tcp:22 (was Calico's defaults)",
    ],
    [
      'failsafe ports emptied',
      felixDefault,
      felixWith({ failsafeOutboundHostPorts: [] }),
      'felix-setting-changed',
      'low',
      "Failsafe outbound host ports now none (was Calico's defaults)",
    ],
    [
      'another Felix field',
      felixDefault,
      felixWith({ logSeverityScreen: 'Debug' }),
      'field-changed',
      'low',
      'Field spec.logSeverityScreen changed',
    ],
    [
      'a threat-feed set losing entries',
      knownBadIps,
      edited(knownBadIps, (s) => s.spec.nets.pop()),
      'nets-removed',
      'high',
      'Threat-feed set GlobalNetworkSet known-bad-ips lost 1 net: 203.0.113.0/24',
    ],
    ['a threat-feed set deleted', knownBadIps, undefined, 'nets-removed', 'high', /lost 2 nets/],
    [
      'a threat-feed set growing',
      knownBadIps,
      edited(knownBadIps, (s) => s.spec.nets.push('192.0.2.0/24')),
      'nets-added',
      'low',
      /gained 1 net: 192\.0\.2\.0\/24/,
    ],
    [
      'a threat-feed set losing its label',
      knownBadIps,
      edited(knownBadIps, (s) => (s.metadata.labels = {})),
      'labels-changed',
      'high',
      /removed threat-feed=malicious/,
    ],
    [
      'a set gaining 0.0.0.0/0',
      partnerNets,
      edited(partnerNets, (s) => s.spec.nets.push('0.0.0.0/0')),
      'nets-added',
      'high',
      /0\.0\.0\.0\/0/,
    ],
    [
      'a set gaining a public net',
      partnerNets,
      edited(partnerNets, (s) => s.spec.nets.push('198.51.100.0/24')),
      'nets-added',
      'medium',
      /198\.51\.100\.0\/24/,
    ],
    [
      'a set gaining a private net',
      partnerNets,
      edited(partnerNets, (s) => s.spec.nets.push('10.30.0.0/16')),
      'nets-added',
      'low',
      /10\.30\.0\.0\/16/,
    ],
    [
      'a set losing a net',
      partnerNets,
      edited(partnerNets, (s) => (s.spec.nets = [])),
      'nets-removed',
      'low',
      'NetworkSet partner-nets lost 1 net: 10.20.0.0/16',
    ],
    [
      'a set gaining egress domains',
      partnerNets,
      edited(partnerNets, (s) => (s.spec.allowedEgressDomains = ['*.partner.example'])),
      'domains-added',
      'medium',
      /\*\.partner\.example/,
    ],
    [
      'a set relabelled',
      partnerNets,
      edited(partnerNets, (s) => (s.metadata.labels.role = 'vendor')),
      'labels-changed',
      'medium',
      /changed role: partner → vendor/,
    ],
    [
      'a set created',
      undefined,
      partnerNets,
      'object-created',
      'low',
      'NetworkSet partner-nets created (1 nets, 0 domains)',
    ],
    [
      'a host endpoint covering all interfaces',
      workerHostEndpoint,
      edited(workerHostEndpoint, (h) => (h.spec.interfaceName = '*')),
      'host-interface-changed',
      'medium',
      'Host endpoint now covers all interfaces (*) (was interface eth0): all host traffic',
    ],
    [
      'the allow-all profile added',
      workerHostEndpoint,
      edited(workerHostEndpoint, (h) => (h.spec.profiles = ['projectcalico-default-allow'])),
      'profiles-changed',
      'high',
      'Profiles changed: added projectcalico-default-allow',
    ],
    [
      'expected IPs changed',
      workerHostEndpoint,
      edited(workerHostEndpoint, (h) => (h.spec.expectedIPs = ['192.168.1.22'])),
      'expected-ips-changed',
      'medium',
      'Expected IPs changed: added 192.168.1.22; removed 192.168.1.21',
    ],
    [
      'host endpoint relabelled',
      workerHostEndpoint,
      edited(workerHostEndpoint, (h) => (h.metadata.labels = {})),
      'labels-changed',
      'medium',
      /removed role=worker/,
    ],
    [
      'named host ports changed',
      workerHostEndpoint,
      edited(
        workerHostEndpoint,
        (h) => (h.spec.ports = [{ name: 'ssh', protocol: 'TCP', port: 22 }]),
      ),
      'host-ports-changed',
      'low',
      'Named ports changed: added ssh TCP/22',
    ],
    [
      'host endpoint moved',
      workerHostEndpoint,
      edited(workerHostEndpoint, (h) => (h.spec.node = 'worker-2')),
      'node-changed',
      'low',
      'Host endpoint moved from node worker-1 to node worker-2',
    ],
    [
      'host endpoint deleted',
      workerHostEndpoint,
      undefined,
      'object-deleted',
      'medium',
      /no longer protects node worker-1 interface eth0/,
    ],
    [
      'all-interface host endpoint created',
      undefined,
      edited(workerHostEndpoint, (h) => (h.spec.interfaceName = '*')),
      'object-created',
      'medium',
      /for all interfaces/,
    ],
    [
      'namespace labels changed',
      tenantNamespace,
      edited(tenantNamespace, (n) => delete n.metadata.labels.tenant),
      'labels-changed',
      'medium',
      'Labels of namespace team-a changed (namespaceSelectors match on them): removed tenant=true',
    ],
    [
      'namespace deleted',
      tenantNamespace,
      undefined,
      'object-deleted',
      'medium',
      /network policies go with it/,
    ],
    [
      'namespace created',
      undefined,
      tenantNamespace,
      'object-created',
      'low',
      'Namespace team-a created',
    ],
    [
      'an unknown kind changed',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '2' } },
      'field-changed',
      'low',
      'Field data changed',
    ],
    [
      'an unknown kind created',
      undefined,
      { kind: 'ConfigMap', metadata: { name: 'c' } },
      'object-created',
      'low',
      'ConfigMap c created',
    ],
  ])('%s', (_name, before, after, type, risk, summary) => {
    expectChange(diffObjects(undefined, before, after), type, risk, summary);
  });

  it.each<[string, string, unknown, unknown]>([
    [
      'tier bookkeeping',
      'Tier',
      securityTier,
      edited(securityTier, (t) => (t.metadata.resourceVersion = '1')),
    ],
    [
      'tier defaultAction spelled out',
      'Tier',
      edited(securityTier, (t) => delete t.spec.defaultAction),
      securityTier,
    ],
    [
      'Felix false spelled out',
      'FelixConfiguration',
      felixDefault,
      felixWith({ wireguardEnabledV6: false }),
    ],
    [
      'network set nets reordered',
      'GlobalNetworkSet',
      knownBadIps,
      edited(knownBadIps, (s) => s.spec.nets.reverse()),
    ],
    [
      'namespace status and finalizers',
      'Namespace',
      tenantNamespace,
      edited(tenantNamespace, (n) => {
        n.status.phase = 'Terminating';
        n.spec.finalizers = [];
      }),
    ],
    [
      'host endpoint profiles reordered',
      'HostEndpoint',
      edited(workerHostEndpoint, (h) => (h.spec.profiles = ['a', 'b'])),
      edited(workerHostEndpoint, (h) => (h.spec.profiles = ['b', 'a'])),
    ],
  ])('reports nothing for %s', (_name, kind, before, after) => {
    expect(diffObjects(kind, before, after)).toEqual([]);
  });

  it('does not call enabling WireGuard high', () => {
    const changes = diffObjects(undefined, felixWith({ wireguardEnabled: false }), felixDefault);
    expect(changes.map((change) => change.risk)).toEqual(['low']);
  });
});
