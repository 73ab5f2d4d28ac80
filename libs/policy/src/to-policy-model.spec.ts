import { describe, expect, it } from 'vitest';
import {
  allowDns,
  backendEgress,
  blockThreatFeeds,
  defaultDeny,
  edited,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
  namespaceIsolation,
  stagedBackendEgress,
} from './testing/synthetic-seed-objects';
import { toPolicyModel } from './to-policy-model';

const calico = (spec: Record<string, unknown>, name = 'p') => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name },
  spec,
});

describe('toPolicyModel: the seed policies', () => {
  it('reads the global default deny with its defaults', () => {
    const model = toPolicyModel(defaultDeny);
    expect(model).toMatchObject({
      kind: 'GlobalNetworkPolicy',
      name: 'default-deny',
      tier: 'default',
      tierSource: 'default',
      order: 1000,
      selector: 'all()',
      types: ['Ingress', 'Egress'],
      typesExplicit: true,
      ruleCount: 0,
      staged: false,
      enforced: true,
      doNotTrack: false,
      preDNAT: false,
      applyOnForward: false,
      problems: [],
    });
    expect(model.actionsUsed.size).toBe(0);
  });

  it('reads allow-dns rules into the Calico rule model', () => {
    const model = toPolicyModel(allowDns);
    expect(model.ruleCount).toBe(2);
    expect([...model.actionsUsed]).toEqual(['Allow']);
    expect(model.egress[0]).toMatchObject({
      action: 'Allow',
      protocol: 'UDP',
      destination: {
        selector: "k8s-app == 'kube-dns'",
        ports: [{ kind: 'range', from: 53, to: 53 }],
      },
      path: '/spec/egress/0',
      position: 1,
    });
  });

  it('keeps the GlobalNetworkPolicy namespaceSelector and the rule namespaceSelectors', () => {
    const model = toPolicyModel(namespaceIsolation);
    expect(model.namespaceSelector).toBe("tenant == 'true'");
    expect(model.selector).toBe('all()');
    expect(model.ingress[0]?.source.namespaceSelector).toBe(
      'projectcalico.org/name == "{{.Namespace}}"',
    );
  });

  it('reads a namespaced policy with domains', () => {
    const model = toPolicyModel(backendEgress);
    expect(model).toMatchObject({ kind: 'NetworkPolicy', namespace: 'production', order: 200 });
    expect(model.egress[1]?.destination.domains).toEqual(['api.stripe.com']);
  });

  it('marks a staged policy as not enforced, with its staged action', () => {
    expect(toPolicyModel(stagedBackendEgress)).toMatchObject({
      staged: true,
      enforced: false,
      stagedAction: 'Set',
    });
    const staged = edited(stagedBackendEgress, (p) => {
      delete p.spec.stagedAction;
    });
    expect(toPolicyModel(staged).stagedAction).toBe('Set');
  });

  it('reads the block-threat-feeds Deny rule', () => {
    expect([...toPolicyModel(blockThreatFeeds).actionsUsed]).toEqual(['Deny']);
  });
});

describe('toPolicyModel: Calico defaulting', () => {
  it.each([
    ['no rules', {}, ['Ingress']],
    ['ingress rules only', { ingress: [{ action: 'Allow' }] }, ['Ingress']],
    ['egress rules only', { egress: [{ action: 'Allow' }] }, ['Egress']],
    [
      'both',
      { ingress: [{ action: 'Allow' }], egress: [{ action: 'Deny' }] },
      ['Ingress', 'Egress'],
    ],
    [
      'explicit types win',
      { egress: [{ action: 'Allow' }], types: ['Ingress', 'Egress'] },
      ['Ingress', 'Egress'],
    ],
    [
      'explicit types in any case and order',
      { types: ['egress', 'Ingress'] },
      ['Ingress', 'Egress'],
    ],
  ])('types with %s', (_name, spec, expected) => {
    expect(toPolicyModel(calico(spec)).types).toEqual(expected);
  });

  it.each([
    ['spec.tier', { tier: 'security' }, 'security.allow-x', 'security', 'spec'],
    ['an empty spec.tier', { tier: '' }, 'allow-x', 'default', 'default'],
    [
      'a known-tier name prefix (older Calico)',
      {},
      'default.test-audit-global-policy',
      'default',
      'name-prefix',
    ],
    ['a prefix that is no known tier', {}, 'team.allow-x', 'default', 'default'],
  ])('tier from %s', (_name, spec, name, tier, source) => {
    expect(toPolicyModel(calico(spec, name))).toMatchObject({ tier, tierSource: source });
  });

  it('takes prefixes of tiers the caller knows', () => {
    const model = toPolicyModel(calico({}, 'security.allow-x'), { knownTiers: ['security'] });
    expect(model).toMatchObject({ tier: 'security', tierSource: 'name-prefix' });
  });

  it('leaves order absent when unset and reads floats', () => {
    expect(toPolicyModel(calico({})).order).toBeUndefined();
    expect(toPolicyModel(calico({ order: 100.5 })).order).toBe(100.5);
  });

  it('reads the data-plane flags', () => {
    const model = toPolicyModel(calico({ doNotTrack: true, preDNAT: false, applyOnForward: true }));
    expect(model).toMatchObject({ doNotTrack: true, preDNAT: false, applyOnForward: true });
  });

  it('normalises protocols and ports', () => {
    const model = toPolicyModel(
      calico({
        ingress: [
          { action: 'allow', protocol: 6, destination: { ports: ['8000:9000', 'http', '443'] } },
          { action: 'Deny', protocol: 'udp', notProtocol: 'icmpv6' },
        ],
      }),
    );
    expect(model.ingress[0]).toMatchObject({
      action: 'Allow',
      protocol: 'TCP',
      destination: {
        ports: [
          { kind: 'range', from: 443, to: 443 },
          { kind: 'range', from: 8000, to: 9000 },
          { kind: 'named', name: 'http' },
        ],
      },
    });
    expect(model.ingress[1]).toMatchObject({ protocol: 'UDP', notProtocol: 'ICMPv6' });
  });
});

describe('toPolicyModel: Kubernetes NetworkPolicy in the default tier', () => {
  it('reads the Kubernetes default deny', () => {
    expect(toPolicyModel(kubernetesDefaultDeny)).toMatchObject({
      kind: 'KubernetesNetworkPolicy',
      tier: 'default',
      order: 1000,
      selector: 'all()',
      types: ['Ingress', 'Egress'],
      ruleCount: 0,
    });
  });

  it('converts selectors and puts ports on the destination', () => {
    const model = toPolicyModel(kubernetesAllowFrontend);
    expect(model.selector).toBe("app == 'backend'");
    expect(model.ingress).toEqual([
      expect.objectContaining({
        action: 'Allow',
        protocol: 'TCP',
        source: expect.objectContaining({ selector: "app == 'frontend'" }),
        destination: expect.objectContaining({ ports: [{ kind: 'range', from: 8080, to: 8080 }] }),
        path: '/spec/ingress/0',
      }),
    ]);
  });

  it.each([
    ['no policyTypes and no egress rules', { podSelector: {} }, ['Ingress']],
    ['egress rules only', { podSelector: {}, egress: [{}] }, ['Ingress', 'Egress']],
    ['explicit policyTypes', { podSelector: {}, policyTypes: ['Egress'] }, ['Egress']],
  ])('defaults policyTypes with %s', (_name, spec, expected) => {
    const model = toPolicyModel({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'k' },
      spec,
    });
    expect(model.types).toEqual(expected);
  });

  it('splits a rule per peer and protocol, as Calico does', () => {
    const model = toPolicyModel({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'k', namespace: 'n' },
      spec: {
        podSelector: {},
        egress: [
          {
            to: [
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
              { namespaceSelector: { matchLabels: { team: 'a' } } },
            ],
            ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }, { port: 8000, endPort: 8100 }],
          },
        ],
      },
    });
    expect(model.ruleCount).toBe(1);
    expect(model.egress.map((rule) => [rule.part, rule.protocol, rule.destination])).toEqual([
      [
        'peer 1, UDP',
        'UDP',
        expect.objectContaining({ nets: ['10.0.0.0/8'], notNets: ['10.1.0.0/16'] }),
      ],
      [
        'peer 1, TCP',
        'TCP',
        expect.objectContaining({
          nets: ['10.0.0.0/8'],
          ports: [
            { kind: 'range', from: 53, to: 53 },
            { kind: 'range', from: 8000, to: 8100 },
          ],
        }),
      ],
      [
        'peer 2, UDP',
        'UDP',
        expect.objectContaining({ selector: 'all()', namespaceSelector: "team == 'a'" }),
      ],
      ['peer 2, TCP', 'TCP', expect.objectContaining({ namespaceSelector: "team == 'a'" })],
    ]);
  });

  it('reads a StagedKubernetesNetworkPolicy with Kubernetes fields and a staged action', () => {
    const staged = edited(kubernetesAllowFrontend, (p) => {
      p.apiVersion = 'projectcalico.org/v3';
      p.kind = 'StagedKubernetesNetworkPolicy';
      p.spec.stagedAction = 'Learn';
    });
    expect(toPolicyModel(staged)).toMatchObject({
      kind: 'StagedKubernetesNetworkPolicy',
      selector: "app == 'backend'",
      tier: 'default',
      order: 1000,
      staged: true,
      enforced: false,
      stagedAction: 'Learn',
      ruleCount: 1,
    });
  });

  it('tells a Kubernetes NetworkPolicy without apiVersion by its podSelector', () => {
    expect(
      toPolicyModel({ kind: 'NetworkPolicy', metadata: { name: 'k' }, spec: { podSelector: {} } })
        .kind,
    ).toBe('KubernetesNetworkPolicy');
  });
});

describe('toPolicyModel: odd input never throws', () => {
  it.each([
    ['null', null, /expected a JSON object/],
    ['a number', 42, /expected a JSON object/],
    ['an array', [1, 2], /expected a JSON object/],
    ['no spec', { kind: 'GlobalNetworkPolicy', metadata: { name: 'x' } }, /spec: missing/],
    [
      'a string order',
      calico({ order: '100' }),
      /spec.order: expected a number, got the string "100"/,
    ],
    [
      'an unknown action',
      calico({ ingress: [{ action: 'Permit' }] }),
      /unknown action "Permit", read as Allow/,
    ],
    [
      'ingress not a list',
      calico({ ingress: { action: 'Allow' } }),
      /spec.ingress: expected an array/,
    ],
    ['an unknown type', calico({ types: ['Sideways'] }), /unknown type "Sideways"/],
    [
      'a bad port',
      calico({ ingress: [{ action: 'Allow', destination: { ports: [70000] } }] }),
      /not a port/,
    ],
    ['a non-string selector', calico({ selector: 7 }), /spec.selector: expected a string/],
    [
      'a source that is a string',
      calico({ ingress: [{ action: 'Deny', source: 'x' }] }),
      /source: expected an object/,
    ],
    ['an unknown kind', { kind: 'Pod', metadata: { name: 'x' }, spec: {} }, /not a policy kind/],
  ])('reads %s and lists the problem', (_name, object, problem) => {
    const model = toPolicyModel(object);
    expect(model.problems.join('\n')).toMatch(problem);
  });

  it('keeps what it could read next to the problems', () => {
    const model = toPolicyModel(
      calico({ order: 'soon', selector: "app == 'x'", egress: [{ action: 'Deny' }, 'junk'] }),
    );
    expect(model).toMatchObject({ selector: "app == 'x'", types: ['Egress'], ruleCount: 2 });
    expect(model.order).toBeUndefined();
  });
});
