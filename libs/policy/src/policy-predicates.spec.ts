import { describe, expect, it } from 'vitest';
import { allowsKubeDns, policyAllowsKubeDns } from './allows-kube-dns';
import {
  entityMatchesEverything,
  entityReachesInternet,
  ruleAllowsInternet,
  ruleMatchesAllTraffic,
} from './entity-reaches-internet';
import { defaultDenyDirections, isDefaultDeny } from './is-default-deny';
import {
  allowDns,
  backendEgress,
  blockThreatFeeds,
  defaultDeny,
  edited,
  knownBadIps,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
  namespaceIsolation,
} from './testing/synthetic-seed-objects';
import { toNetworkSetModel } from './to-network-set-model';
import { toPolicyModel } from './to-policy-model';
import { type EntityModel, emptyEntity, toRuleModel } from './to-rule-model';

const entity = (fields: Partial<EntityModel>): EntityModel => ({ ...emptyEntity(), ...fields });

describe('entityMatchesEverything and entityReachesInternet', () => {
  it.each([
    ['no restriction at all', entity({}), true, true],
    ['0.0.0.0/0', entity({ nets: ['0.0.0.0/0'] }), true, true],
    ['::/0', entity({ nets: ['::/0'] }), true, true],
    ['only exclusions', entity({ notNets: ['10.0.0.0/8'], notSelector: "app == 'x'" }), true, true],
    ['a public CIDR', entity({ nets: ['203.0.113.0/24'] }), false, true],
    ['RFC 1918 only', entity({ nets: ['10.0.0.0/8', '192.168.0.0/16'] }), false, false],
    ['CGNAT and link-local', entity({ nets: ['100.64.0.0/10', '169.254.0.0/16'] }), false, false],
    ['IPv6 ULA', entity({ nets: ['fd00::/8'] }), false, false],
    ['egress domains', entity({ domains: ['api.stripe.com'] }), false, true],
    ['a selector', entity({ selector: "app == 'db'" }), false, false],
    ['all() (every endpoint, not every address)', entity({ selector: 'all()' }), false, false],
    [
      'a public CIDR with a selector',
      entity({ nets: ['203.0.113.0/24'], selector: "app == 'x'" }),
      false,
      false,
    ],
    ['a namespaceSelector', entity({ namespaceSelector: 'all()' }), false, false],
  ])('%s: everything %s, internet %s', (_name, subject, everything, internet) => {
    expect(entityMatchesEverything(subject)).toBe(everything);
    expect(entityReachesInternet(subject)).toBe(internet);
  });

  it('counts a selector that matches a network set holding public nets as the internet', () => {
    const sets = [toNetworkSetModel(knownBadIps)];
    expect(entityReachesInternet(entity({ selector: "threat-feed == 'malicious'" }), sets)).toBe(
      true,
    );
    expect(entityReachesInternet(entity({ selector: "threat-feed == 'benign'" }), sets)).toBe(
      false,
    );
  });

  it.each([
    ['backend-egress to 10.0.0.0/8', backendEgress, 0, false],
    ['backend-egress to api.stripe.com', backendEgress, 1, true],
    ['block-threat-feeds (a Deny)', blockThreatFeeds, 0, false],
  ])('ruleAllowsInternet: %s is %s', (_name, object, index, expected) => {
    const rule = toPolicyModel(object).egress[index];
    expect(rule && ruleAllowsInternet(rule, 'Egress')).toBe(expected);
  });

  it.each([
    ['an empty rule', { action: 'Allow' }, true],
    ['a protocol', { action: 'Allow', protocol: 'TCP' }, false],
    ['a port', { action: 'Allow', destination: { ports: [443] } }, false],
    [
      '0.0.0.0/0 on both sides',
      { action: 'Allow', source: { nets: ['0.0.0.0/0'] }, destination: { nets: ['0.0.0.0/0'] } },
      true,
    ],
    ['an exclusion', { action: 'Allow', destination: { notNets: ['10.0.0.0/8'] } }, false],
  ])('ruleMatchesAllTraffic: %s is %s', (_name, raw, expected) => {
    expect(ruleMatchesAllTraffic(toRuleModel(raw, '/spec/egress/0', 1, []))).toBe(expected);
  });
});

describe('allowsKubeDns', () => {
  const egressTo = (destination: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'dns' },
    spec: { types: ['Egress'], egress: [{ action: 'Allow', destination, ...extra }] },
  });

  it.each([
    ['the seed allow-dns policy', allowDns, { udp: true, tcp: true }],
    ['UDP only', edited(allowDns, (p) => p.spec.egress.pop()), { udp: true, tcp: false }],
    [
      'a rule without protocol',
      egressTo({ selector: "k8s-app == 'kube-dns'", ports: [53] }),
      { udp: true, tcp: true },
    ],
    [
      'a port range covering 53',
      egressTo({ selector: "k8s-app == 'kube-dns'", ports: ['1:1024'] }),
      { udp: true, tcp: true },
    ],
    [
      'the named dns port',
      egressTo({ selector: "k8s-app == 'kube-dns'", ports: ['dns'] }, { protocol: 'UDP' }),
      { udp: true, tcp: false },
    ],
    [
      "k8s-app in {'kube-dns'}",
      egressTo({ selector: "k8s-app in {'kube-dns', 'coredns'}", ports: [53] }),
      { udp: true, tcp: true },
    ],
    [
      'the kube-system namespace',
      egressTo({ namespaceSelector: "projectcalico.org/name == 'kube-system'", ports: [53] }),
      { udp: true, tcp: true },
    ],
    [
      'the kube-dns service',
      egressTo({ services: { name: 'kube-dns', namespace: 'kube-system' } }),
      { udp: true, tcp: true },
    ],
    ['anywhere on 53', egressTo({ ports: [53] }), { udp: true, tcp: true }],
    [
      'another port',
      egressTo({ selector: "k8s-app == 'kube-dns'", ports: [5353] }),
      { udp: false, tcp: false },
    ],
    [
      'another selector',
      egressTo({ selector: "app == 'dns-cache'", ports: [53] }),
      { udp: false, tcp: false },
    ],
    [
      '53 excluded by notPorts',
      egressTo({ selector: "k8s-app == 'kube-dns'", notPorts: [53] }),
      { udp: false, tcp: false },
    ],
    [
      'a CIDR we cannot tie to kube-dns',
      egressTo({ nets: ['10.96.0.10/32'], ports: [53] }),
      { udp: false, tcp: false },
    ],
    [
      'an unparsable selector',
      egressTo({ selector: 'k8s-app ==', ports: [53] }),
      { udp: false, tcp: false },
    ],
    [
      'a policy not enforcing egress',
      edited(allowDns, (p) => (p.spec.types = ['Ingress'])),
      { udp: false, tcp: false },
    ],
    [
      'a Deny',
      edited(allowDns, (p) => {
        for (const rule of p.spec.egress) rule.action = 'Deny';
      }),
      { udp: false, tcp: false },
    ],
  ])('%s', (_name, object, expected) => {
    expect(policyAllowsKubeDns(toPolicyModel(object))).toEqual(expected);
  });

  it('does not reach kube-dns from a namespaced policy without a namespaceSelector (own namespace only)', () => {
    const namespaced = edited(allowDns, (p) => {
      p.kind = 'NetworkPolicy';
      p.metadata.namespace = 'production';
    });
    expect(allowsKubeDns(toPolicyModel(namespaced))).toBe(false);
    const inKubeSystem = edited(namespaced, (p) => (p.metadata.namespace = 'kube-system'));
    expect(allowsKubeDns(toPolicyModel(inKubeSystem))).toBe(true);
  });
});

describe('isDefaultDeny', () => {
  it.each([
    ['the seed global default deny', defaultDeny, ['Ingress', 'Egress']],
    ['the Kubernetes default deny', kubernetesDefaultDeny, ['Ingress', 'Egress']],
    ['allow-dns (Allow rules)', allowDns, []],
    ['block-threat-feeds (broad, egress, Deny only)', blockThreatFeeds, ['Egress']],
    ['namespace-isolation (Allow rules)', namespaceIsolation, []],
    ['backend-egress (narrow selector)', backendEgress, []],
    ['allow-frontend (narrow selector)', kubernetesAllowFrontend, []],
    [
      'an open-ended selector, as in seed 002',
      edited(
        defaultDeny,
        (p) =>
          (p.spec.selector = "projectcalico.org/namespace not in {'kube-system', 'calico-system'}"),
      ),
      ['Ingress', 'Egress'],
    ],
    [
      'types covering ingress only',
      edited(defaultDeny, (p) => (p.spec.types = ['Ingress'])),
      ['Ingress'],
    ],
    [
      'a Pass rule',
      edited(defaultDeny, (p) => (p.spec.ingress = [{ action: 'Pass' }])),
      ['Egress'],
    ],
    ['an unparsable selector', edited(defaultDeny, (p) => (p.spec.selector = 'all(')), []],
  ])('%s denies by default for %j', (_name, object, expected) => {
    expect(defaultDenyDirections(toPolicyModel(object))).toEqual(expected);
  });

  it('answers per direction', () => {
    const model = toPolicyModel(blockThreatFeeds);
    expect(isDefaultDeny(model, 'Egress')).toBe(true);
    expect(isDefaultDeny(model, 'Ingress')).toBe(false);
  });
});
